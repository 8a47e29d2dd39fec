// Thread pool mechanics: spinning and sleeping workers, nested and concurrent callers, the
// callable passed by reference, and destruction at any point of the workers' wait.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "base/thread_pool.h"

namespace onyx {
namespace {

// Sums [0, n) through parallel_for; every index must be visited exactly once.
int64_t covered_sum(ThreadPool& pool, int64_t n, int64_t grain) {
  std::vector<std::atomic<int>> hits(static_cast<size_t>(n));
  std::atomic<int64_t> sum{0};
  pool.parallel_for(n, grain, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) {
      hits[static_cast<size_t>(i)]++;
      sum += i;
    }
  });
  for (int64_t i = 0; i < n; ++i)
    if (hits[static_cast<size_t>(i)].load() != 1) return -1;
  return sum.load();
}

TEST(ThreadPoolMechanics, SpinningAndSleepingWorkersGiveTheSameCoverage) {
  for (bool spin : {true, false})
    for (int threads : {2, 3}) {
      ThreadPool pool(threads, spin);
      EXPECT_EQ(pool.allow_spinning(), spin);
      for (int64_t n : {2, 5, 17, 1000})
        for (int64_t grain : {1, 4, 100}) EXPECT_EQ(covered_sum(pool, n, grain), n * (n - 1) / 2);
    }
}

TEST(ThreadPoolMechanics, WorkersWakeAfterSleeping) {
  // Gaps longer than the spin make the workers sleep: every job after one must still use them.
  ThreadPool pool(2);
  for (int rep = 0; rep < 3; ++rep) {
    std::this_thread::sleep_for(std::chrono::nanoseconds(ThreadPool::kSpinNanos * 3));
    std::atomic<int> on_worker{0};
    const auto caller = std::this_thread::get_id();
    // Two chunks that each wait for the other to start: completes only with a second thread.
    std::atomic<int> started{0};
    pool.parallel_for(2, 1, [&](int64_t, int64_t) {
      started++;
      while (started.load() < 2) std::this_thread::yield();
      if (std::this_thread::get_id() != caller) on_worker++;
    });
    EXPECT_EQ(on_worker.load(), 1);
  }
}

TEST(ThreadPoolMechanics, NestedCallsRunInline) {
  ThreadPool pool(2);
  std::atomic<int64_t> total{0};
  pool.parallel_for(8, 1, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i)
      pool.parallel_for(10, 1, [&](int64_t b2, int64_t e2) { total += e2 - b2; });
  });
  EXPECT_EQ(total.load(), 80);
}

TEST(ThreadPoolMechanics, CallableIsNotCopied) {
  struct Counter {
    explicit Counter(std::atomic<int64_t>* t) : total(t) {}
    Counter(const Counter&) = delete;
    std::atomic<int64_t>* total;
    void operator()(int64_t b, int64_t e) const { *total += e - b; }
  };
  std::atomic<int64_t> total{0};
  const Counter counter{&total};
  ThreadPool pool(2);
  pool.parallel_for(1000, 7, counter);
  EXPECT_EQ(total.load(), 1000);
}

TEST(ThreadPoolMechanics, ConcurrentCallersWithMixedSizes) {
  ThreadPool pool(3);
  std::atomic<int64_t> total{0};
  std::vector<std::thread> callers;
  for (int c = 0; c < 4; ++c)
    callers.emplace_back([&, c] {
      for (int rep = 0; rep < 300; ++rep) {
        const int64_t n = 1 + (rep * 7 + c) % 50;
        pool.parallel_for(n, 1 + c, [&](int64_t b, int64_t e) { total += e - b; });
        if (rep % 50 == 0) std::this_thread::sleep_for(std::chrono::microseconds(300));
      }
    });
  int64_t want = 0;
  for (int c = 0; c < 4; ++c)
    for (int rep = 0; rep < 300; ++rep) want += 1 + (rep * 7 + c) % 50;
  for (auto& t : callers) t.join();
  EXPECT_EQ(total.load(), want);
}

TEST(ThreadPoolMechanics, DestructionWhileWorkersSpinOrSleep) {
  // Destroyed right after a job (workers spinning), after a pause (asleep), and never used.
  for (int delay_us : {0, 50, 1000}) {
    for (bool spin : {true, false}) {
      auto pool = std::make_unique<ThreadPool>(3, spin);
      EXPECT_EQ(covered_sum(*pool, 100, 1), 4950);
      std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
      pool.reset();
    }
  }
  for (int i = 0; i < 20; ++i) ThreadPool unused(4);
}

TEST(ThreadPoolMechanics, SmallLoopsRunOnTheCaller) {
  ThreadPool pool(2);
  const auto caller = std::this_thread::get_id();
  bool inline_only = true;
  // n <= grain: one chunk, no point waking a worker.
  pool.parallel_for(16, 16,
                    [&](int64_t, int64_t) { inline_only &= std::this_thread::get_id() == caller; });
  EXPECT_TRUE(inline_only);
}

}  // namespace
}  // namespace onyx
