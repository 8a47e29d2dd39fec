// Blocked transpose vs the scalar reference on odd sizes, every element size and strings.
#include "kernels/transpose.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <numeric>
#include <random>
#include <string>
#include <vector>

namespace onyx::kernels {
namespace {

std::vector<std::vector<int64_t>> all_perms(size_t rank) {
  std::vector<int64_t> p(rank);
  std::iota(p.begin(), p.end(), 0);
  std::vector<std::vector<int64_t>> out;
  do out.push_back(p);
  while (std::next_permutation(p.begin(), p.end()));
  return out;
}

int64_t numel(const std::vector<int64_t>& dims) {
  int64_t n = 1;
  for (int64_t d : dims) n *= d;
  return n;
}

void check_bytes(const std::vector<int64_t>& dims, const std::vector<int64_t>& perm,
                 size_t elem_size, ThreadPool* pool = nullptr) {
  const size_t bytes = static_cast<size_t>(numel(dims)) * elem_size;
  std::vector<unsigned char> in(bytes), want(bytes, 0xAB), got(bytes, 0xCD);
  std::mt19937 rng(static_cast<unsigned>(bytes * 31 + elem_size));
  for (auto& b : in) b = static_cast<unsigned char>(rng());
  transpose_reference(in.data(), want.data(), elem_size, dims, perm);
  transpose_blocked(in.data(), got.data(), elem_size, dims, perm, pool);
  ASSERT_EQ(want, got) << "elem_size " << elem_size << " dims " << ::testing::PrintToString(dims)
                       << " perm " << ::testing::PrintToString(perm);
}

TEST(TransposeKernel, ReferenceMatchesDefinition2D) {
  // 2x3 -> 3x2
  const float in[6] = {1, 2, 3, 4, 5, 6};
  float out[6];
  const int64_t dims[2] = {2, 3}, perm[2] = {1, 0};
  transpose_reference(in, out, sizeof(float), dims, perm);
  const float want[6] = {1, 4, 2, 5, 3, 6};
  EXPECT_EQ(0, std::memcmp(out, want, sizeof(want)));
}

TEST(TransposeKernel, BlockedMatchesReferenceAllPermsOddSizes) {
  for (size_t elem : {1, 2, 4, 8, 16, 3})
    for (auto dims : std::vector<std::vector<int64_t>>{
             {5, 7, 3}, {1, 33, 17}, {9, 1, 1}, {37, 41, 1}, {2, 0, 3}})
      for (const auto& perm : all_perms(dims.size())) check_bytes(dims, perm, elem);
}

TEST(TransposeKernel, BlockedMatchesReference4DAnd5D) {
  for (size_t elem : {1, 4, 8})
    for (const auto& perm : all_perms(4)) check_bytes({3, 5, 2, 7}, perm, elem);
  for (size_t elem : {2, 4}) check_bytes({2, 3, 4, 5, 6}, {0, 3, 4, 1, 2}, elem);
  check_bytes({1, 2, 3, 2, 5, 7}, {0, 3, 4, 1, 5, 2}, 4);  // DepthToSpace DCR layout
}

TEST(TransposeKernel, BlockedLargeTilesWithTails) {
  // Sizes that are not multiples of any tile width, large enough for several tiles.
  check_bytes({67, 131}, {1, 0}, 4);
  check_bytes({131, 67}, {1, 0}, 1);
  check_bytes({3, 45, 77}, {0, 2, 1}, 2);
  check_bytes({45, 3, 77}, {2, 1, 0}, 8);
}

TEST(TransposeKernel, ParallelMatchesReference) {
  ThreadPool pool(2);
  check_bytes({513, 301}, {1, 0}, 4, &pool);
  check_bytes({7, 129, 65}, {1, 0, 2}, 4, &pool);  // row-copy path
  check_bytes({4, 96, 200}, {0, 2, 1}, 2, &pool);
}

TEST(TransposeKernel, ScalarAndRank0) {
  const int32_t in = 42;
  int32_t out = 0;
  transpose_blocked(&in, &out, 4, {}, {});
  EXPECT_EQ(out, 42);
  out = 0;
  transpose(&in, &out, 4, {}, {});
  EXPECT_EQ(out, 42);
}

TEST(TransposeKernel, StringsBlockedMatchesReference) {
  const std::vector<int64_t> dims = {3, 17, 5};
  std::vector<std::string> in(static_cast<size_t>(numel(dims)));
  for (size_t i = 0; i < in.size(); ++i) in[i] = std::to_string(i * 7919) + "s";
  for (const auto& perm : all_perms(3)) {
    std::vector<std::string> want(in.size()), got(in.size());
    transpose_strings_reference(in.data(), want.data(), dims, perm);
    transpose_strings_blocked(in.data(), got.data(), dims, perm);
    EXPECT_EQ(want, got);
  }
}

}  // namespace
}  // namespace onyx::kernels
