// transpose_2d_32 (register-block and interleave paths of every SIMD target) against its
// definition, and transpose_blocked on the layouts the transformer and CNN models use.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "base/thread_pool.h"
#include "elementwise_test_util.h"
#include "kernels/transpose.h"

namespace onyx::kernels {
namespace {

using testing::for_each_simd_target;

// Transposes an ni x nj block out of a padded source into a padded destination and checks every
// destination element: the block gets the transposed values, the padding is untouched.
void check_2d(int64_t ni, int64_t nj, int64_t lds, int64_t ldd) {
  std::mt19937 rng(static_cast<unsigned>(ni * 1000 + nj));
  std::vector<uint32_t> src(static_cast<size_t>(ni * lds + 1));
  for (auto& v : src) v = rng();
  const uint32_t kPad = 0xDEADBEEFu;
  std::vector<uint32_t> dst(static_cast<size_t>(nj * ldd + 1), kPad);
  transpose_2d_32(src.data(), lds, dst.data(), ldd, ni, nj);
  for (int64_t j = 0; j < nj; ++j)
    for (int64_t i = 0; i < ldd; ++i) {
      const uint32_t want = i < ni ? src[static_cast<size_t>(i * lds + j)] : kPad;
      ASSERT_EQ(dst[static_cast<size_t>(j * ldd + i)], want)
          << "ni=" << ni << " nj=" << nj << " lds=" << lds << " ldd=" << ldd << " i=" << i
          << " j=" << j;
    }
  ASSERT_EQ(dst.back(), kPad);
}

TEST(TransposeTile, MatchesDefinitionOddSizesAndStrides) {
  for_each_simd_target([] {
    for (int64_t ni : {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 33})
      for (int64_t nj : {1, 2, 3, 7, 8, 9, 16, 23, 40}) {
        check_2d(ni, nj, nj, ni);          // dense (interleave path for ni in 2..4)
        check_2d(ni, nj, nj + 5, ni);      // padded source rows, dense destination
        check_2d(ni, nj, nj + 5, ni + 3);  // padded rows on both sides
      }
  });
}

TEST(TransposeTile, BlockedMatchesReferenceOnModelLayouts) {
  struct Case {
    std::vector<int64_t> dims, perm;
  };
  const Case cases[] = {
      {{197, 12, 64}, {1, 2, 0}},        // attention K: [seq, heads, dh] -> [heads, dh, seq]
      {{197, 12, 64}, {1, 0, 2}},        // head split, innermost kept
      {{1, 131, 12, 67}, {0, 2, 3, 1}},  // bert K with odd sizes
      {{1, 12, 131, 67}, {0, 2, 1, 3}},  // head merge
      {{1, 3, 3, 5, 37, 41}, {0, 3, 4, 1, 5, 2}},  // DepthToSpace DCR, block 3 (interleave)
      {{1, 2, 2, 3, 9, 11}, {0, 3, 4, 1, 5, 2}},   // block 2
      {{1, 4, 4, 2, 5, 13}, {0, 3, 4, 1, 5, 2}},   // block 4
      {{1, 2, 29, 5, 7}, {0, 2, 1, 3, 4}},         // channel shuffle
      {{45, 77}, {1, 0}},
  };
  ThreadPool pool(2);
  for_each_simd_target([&] {
    for (const Case& c : cases) {
      int64_t n = 1;
      for (int64_t d : c.dims) n *= d;
      std::vector<float> in(static_cast<size_t>(n)), want(in.size()), got(in.size(), -1.0f);
      std::mt19937 rng(7);
      std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
      for (float& v : in) v = dist(rng);
      transpose_reference(in.data(), want.data(), sizeof(float), c.dims, c.perm);
      for (ThreadPool* p : {static_cast<ThreadPool*>(nullptr), &pool}) {
        transpose_blocked(in.data(), got.data(), sizeof(float), c.dims, c.perm, p);
        ASSERT_EQ(want, got) << ::testing::PrintToString(c.dims) << " "
                             << ::testing::PrintToString(c.perm);
      }
    }
  });
}

}  // namespace
}  // namespace onyx::kernels
