#include "runtime/memory_planner.h"

#include <gtest/gtest.h>

#include <random>

namespace onyx::runtime {
namespace {

bool overlaps(const BufferRequest& a, size_t ao, const BufferRequest& b, size_t bo) {
  bool time = a.first_step <= b.last_step && b.first_step <= a.last_step;
  bool space = ao < bo + b.bytes && bo < ao + a.bytes;
  return time && space;
}

TEST(MemoryPlanner, ChainReusesBuffers) {
  // A linear chain: each buffer lives for two steps, so two slots suffice.
  std::vector<BufferRequest> reqs;
  for (int i = 0; i < 10; ++i) reqs.push_back({1000, i, i + 1});
  MemoryPlan plan = plan_memory(reqs);
  EXPECT_LE(plan.arena_bytes, 2 * 1024u);
  for (size_t i = 0; i < reqs.size(); ++i) EXPECT_EQ(plan.offsets[i] % 64, 0u);
}

TEST(MemoryPlanner, RandomPlansNeverOverlapLiveBuffers) {
  std::mt19937 rng(42);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<BufferRequest> reqs;
    int n = 1 + static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) {
      int first = static_cast<int>(rng() % 30);
      reqs.push_back({1 + rng() % 5000, first, first + static_cast<int>(rng() % 10)});
    }
    MemoryPlan plan = plan_memory(reqs);
    size_t total = 0;
    for (size_t i = 0; i < reqs.size(); ++i) {
      total += (reqs[i].bytes + 63) / 64 * 64;
      ASSERT_LE(plan.offsets[i] + reqs[i].bytes, plan.arena_bytes);
      for (size_t j = i + 1; j < reqs.size(); ++j)
        ASSERT_FALSE(overlaps(reqs[i], plan.offsets[i], reqs[j], plan.offsets[j]))
            << "trial " << trial << " buffers " << i << "," << j;
    }
    EXPECT_LE(plan.arena_bytes, total);
  }
}

}  // namespace
}  // namespace onyx::runtime
