#include "kernels/reduce.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "base/half.h"
#include "elementwise_test_util.h"

namespace onyx::kernels {
namespace {

using testing::for_each_simd_target;
using testing::near;
using testing::random_floats;

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

const ReduceKind kSimdKinds[] = {ReduceKind::kSum, ReduceKind::kSumSquare, ReduceKind::kSumAbs,
                                 ReduceKind::kMax, ReduceKind::kMin};

bool is_extremum(ReduceKind k) {
  return k == ReduceKind::kMax || k == ReduceKind::kMin;
}

// SIMD vs reference over rows (inner 1) and columns (inner > 1), with tails and odd sizes. Sums
// may differ by rounding (different association); extrema must match exactly.
TEST(ReduceKernels, SimdMatchesReference) {
  for_each_simd_target([] {
    for (int64_t outer : {1, 3}) {
      for (int64_t n : {0, 1, 2, 3, 7, 8, 16, 17, 31, 64, 100}) {
        for (int64_t inner : {1, 2, 5, 8, 16, 19}) {
          const size_t total = static_cast<size_t>(outer * n * inner);
          const std::vector<float> x =
              random_floats(total, -4.0f, 4.0f, static_cast<uint32_t>(total + inner));
          for (ReduceKind kind : kSimdKinds) {
            const size_t m = static_cast<size_t>(outer * inner);
            std::vector<float> ref(m, -7.0f), got(m, 7.0f);
            const ReduceShape s{outer, n, inner};
            reference::reduce<float, float>(kind, x.data(), ref.data(), s);
            simd::reduce_f32(kind, x.data(), got.data(), s);
            const float rtol = is_extremum(kind) ? 0.0f : 1e-5f;
            for (size_t i = 0; i < m; ++i)
              ASSERT_TRUE(near(got[i], ref[i], rtol, 1e-5f))
                  << "kind " << static_cast<int>(kind) << " outer " << outer << " n " << n
                  << " inner " << inner << " i " << i;
          }
        }
      }
    }
  });
}

// A NaN anywhere in a fold makes that output NaN, wherever it sits relative to the vector lanes.
TEST(ReduceKernels, MaxMinPropagateNaN) {
  for_each_simd_target([] {
    for (int64_t inner : {1, 3, 16}) {
      for (int64_t n : {1, 5, 17, 40}) {
        for (int64_t pos = 0; pos < n; pos += 3) {
          std::vector<float> x = random_floats(static_cast<size_t>(n * inner), -1.0f, 1.0f, 7);
          x[static_cast<size_t>(pos * inner)] = kNaN;  // column 0 only
          for (ReduceKind kind : {ReduceKind::kMax, ReduceKind::kMin}) {
            std::vector<float> ref(static_cast<size_t>(inner)), got(static_cast<size_t>(inner));
            reference::reduce<float, float>(kind, x.data(), ref.data(), {1, n, inner});
            simd::reduce_f32(kind, x.data(), got.data(), {1, n, inner});
            EXPECT_TRUE(std::isnan(ref[0])) << "n " << n << " pos " << pos;
            EXPECT_TRUE(std::isnan(got[0])) << "n " << n << " pos " << pos;
            for (int64_t i = 1; i < inner; ++i) {
              EXPECT_FALSE(std::isnan(got[static_cast<size_t>(i)]));
              EXPECT_EQ(got[static_cast<size_t>(i)], ref[static_cast<size_t>(i)]);
            }
          }
        }
      }
    }
  });
}

TEST(ReduceKernels, EmptySetGivesIdentity) {
  // n == 0: no input element is read (valid pointers all the same).
  const float fx[1] = {5.0f};
  const int32_t ix[1] = {5};
  const bool bx[1] = {true};
  float f[6];
  const ReduceShape empty{2, 0, 3};
  reference::reduce<float, float>(ReduceKind::kMax, fx, f, empty);
  EXPECT_EQ(f[5], -kInf);
  reference::reduce<float, float>(ReduceKind::kMin, fx, f, empty);
  EXPECT_EQ(f[0], kInf);
  reference::reduce<float, float>(ReduceKind::kProd, fx, f, empty);
  EXPECT_EQ(f[3], 1.0f);
  reference::reduce<float, float>(ReduceKind::kLogSumExp, fx, f, empty);
  EXPECT_EQ(f[1], -kInf);
  simd::reduce_f32(ReduceKind::kSumSquare, fx, f, empty);
  EXPECT_EQ(f[2], 0.0f);
  int32_t i[6];
  reference::reduce<int32_t, int32_t>(ReduceKind::kMax, ix, i, empty);
  EXPECT_EQ(i[0], std::numeric_limits<int32_t>::lowest());
  reference::reduce<int32_t, int32_t>(ReduceKind::kMin, ix, i, empty);
  EXPECT_EQ(i[4], std::numeric_limits<int32_t>::max());
  bool b[6];
  reference::reduce<bool, bool>(ReduceKind::kMin, bx, b, empty);
  EXPECT_TRUE(b[0]);
  reference::reduce<bool, bool>(ReduceKind::kMax, bx, b, empty);
  EXPECT_FALSE(b[0]);
}

TEST(ReduceKernels, IntegersWrapInTheirOwnType) {
  const int8_t x[] = {100, 100, -128, 2};
  int8_t y[2];
  reference::reduce<int8_t, int8_t>(ReduceKind::kSum, x, y, {2, 2, 1});
  EXPECT_EQ(y[0], static_cast<int8_t>(-56));
  EXPECT_EQ(y[1], static_cast<int8_t>(-126));
  reference::reduce<int8_t, int8_t>(ReduceKind::kSumAbs, x, y, {2, 2, 1});
  EXPECT_EQ(y[1], static_cast<int8_t>(-126));  // |-128| wraps to -128
  const uint16_t u[] = {300, 300};
  uint16_t uy[1];
  reference::reduce<uint16_t, uint16_t>(ReduceKind::kProd, u, uy, {1, 2, 1});
  EXPECT_EQ(uy[0], static_cast<uint16_t>(90000 % 65536));
  double d[1];
  reference::reduce<uint16_t, double>(ReduceKind::kSumSquare, u, d, {1, 2, 1});
  EXPECT_EQ(d[0], 180000.0);
  const int64_t big[] = {std::numeric_limits<int64_t>::max(), 1};
  int64_t by[1];
  reference::reduce<int64_t, int64_t>(ReduceKind::kSum, big, by, {1, 2, 1});
  EXPECT_EQ(by[0], std::numeric_limits<int64_t>::lowest());
  const bool bools[] = {true, false, true, true};
  bool bb[2];
  reference::reduce<bool, bool>(ReduceKind::kMin, bools, bb, {1, 2, 2});  // columns
  EXPECT_TRUE(bb[0]);
  EXPECT_FALSE(bb[1]);
}

TEST(ReduceKernels, LogSumExpIsStable) {
  const float x[] = {1000.0f, 1000.0f, -kInf, -kInf, 3.0f, kInf, 1.0f, kNaN};
  float y[4];
  reduce<float, float>(ReduceKind::kLogSumExp, x, y, {4, 2, 1});
  EXPECT_NEAR(y[0], 1000.0f + std::log(2.0f), 1e-3f);
  EXPECT_EQ(y[1], -kInf);
  EXPECT_EQ(y[2], kInf);
  EXPECT_TRUE(std::isnan(y[3]));
}

TEST(ReduceKernels, HalfAccumulatesInFloat) {
  // 4096 ones: a float16 accumulator would stall at 2048.
  std::vector<Float16> x(4096, from_float<Float16>(1.0f));
  float y = 0;
  reduce<Float16, float>(ReduceKind::kSum, x.data(), &y, {1, 4096, 1});
  EXPECT_EQ(y, 4096.0f);
  std::vector<BFloat16> b(3, from_float<BFloat16>(-2.0f));
  reduce<BFloat16, float>(ReduceKind::kMin, b.data(), &y, {1, 3, 1});
  EXPECT_EQ(y, -2.0f);
}

// Every split of the threaded entry point: over outer, over column blocks (small outer) and a
// single long row in chunks.
TEST(ReduceKernels, ThreadedMatchesReference) {
  ThreadPool pool(2);
  const ReduceShape shapes[] = {
      {300, 257, 1}, {300, 257, 9}, {1, 100003, 1}, {1, 300, 1000}, {3, 200, 777}};
  const ReduceKind kinds[] = {ReduceKind::kSum,      ReduceKind::kSumSquare, ReduceKind::kSumAbs,
                              ReduceKind::kProd,     ReduceKind::kMax,       ReduceKind::kMin,
                              ReduceKind::kLogSumExp};
  for (const ReduceShape& s : shapes) {
    std::vector<float> x =
        random_floats(static_cast<size_t>(s.outer * s.n * s.inner), 0.999f, 1.001f, 3);
    const size_t m = static_cast<size_t>(s.outer * s.inner);
    for (ReduceKind kind : kinds) {
      std::vector<float> ref(m), got(m);
      reference::reduce<float, float>(kind, x.data(), ref.data(), s);
      reduce<float, float>(kind, x.data(), got.data(), s, &pool);
      for (size_t i = 0; i < m; ++i)
        ASSERT_TRUE(near(got[i], ref[i], 2e-4f, 1e-5f))
            << "kind " << static_cast<int>(kind) << " n " << s.n << " inner " << s.inner;
    }
    x[x.size() / 2] = kNaN;  // lands in some chunk / block
    std::vector<double> dref(m), dgot(m);
    const std::vector<double> dx(x.begin(), x.end());
    reference::reduce<double, double>(ReduceKind::kMax, dx.data(), dref.data(), s);
    reduce<double, double>(ReduceKind::kMax, dx.data(), dgot.data(), s, &pool);
    for (size_t i = 0; i < m; ++i)
      ASSERT_TRUE(dgot[i] == dref[i] || (std::isnan(dgot[i]) && std::isnan(dref[i])));
  }
}

TEST(ReduceKernels, ArgReduceTiesAndNaN) {
  const float x[] = {1, 3, 3, 0, 0, -1};  // [1, 6, 1]
  int64_t y = -1;
  arg_reduce<float>(true, false, x, &y, {1, 6, 1});
  EXPECT_EQ(y, 1);
  arg_reduce<float>(true, true, x, &y, {1, 6, 1});
  EXPECT_EQ(y, 2);
  arg_reduce<float>(false, false, x, &y, {1, 6, 1});
  EXPECT_EQ(y, 5);
  const float t[] = {2, 0, 0, 2};  // argmin ties
  arg_reduce<float>(false, true, t, &y, {1, 4, 1});
  EXPECT_EQ(y, 2);
  const float nan[] = {1, kNaN, 5, kNaN};
  arg_reduce<float>(true, false, nan, &y, {1, 4, 1});
  EXPECT_EQ(y, 1);
  arg_reduce<float>(false, true, nan, &y, {1, 4, 1});
  EXPECT_EQ(y, 3);
  // Columns: [[1, 9], [7, 2], [7, 9]] along n with inner 2.
  const int32_t c[] = {1, 9, 7, 2, 7, 9};
  int64_t yc[2];
  arg_reduce<int32_t>(true, false, c, yc, {1, 3, 2});
  EXPECT_EQ(yc[0], 1);
  EXPECT_EQ(yc[1], 0);
  arg_reduce<int32_t>(true, true, c, yc, {1, 3, 2});
  EXPECT_EQ(yc[0], 2);
  EXPECT_EQ(yc[1], 2);
}

}  // namespace
}  // namespace onyx::kernels
