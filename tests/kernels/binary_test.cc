#include "kernels/binary.h"

#include "kernels/binary_compare.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "elementwise_test_util.h"

namespace onyx::kernels {
namespace {

using Shape = std::vector<int64_t>;
using Kind = BroadcastPlan::Kind;
using testing::for_each_simd_target;
using testing::near;
using testing::random_floats;

int64_t numel(const Shape& s) {
  int64_t n = 1;
  for (int64_t d : s) n *= d;
  return n;
}

// Independent oracle: numpy broadcasting by explicit multi-index.
template <class T, class F>
std::vector<T> naive_broadcast(const Shape& as, const std::vector<T>& a, const Shape& bs,
                               const std::vector<T>& b, Shape* out_shape, F f) {
  const size_t rank = std::max(as.size(), bs.size());
  Shape pa(rank - as.size(), 1), pb(rank - bs.size(), 1), os(rank);
  pa.insert(pa.end(), as.begin(), as.end());
  pb.insert(pb.end(), bs.begin(), bs.end());
  for (size_t k = 0; k < rank; ++k) os[k] = pa[k] == 1 ? pb[k] : pa[k];
  *out_shape = os;
  std::vector<T> out(static_cast<size_t>(numel(os)));
  for (int64_t flat = 0; flat < numel(os); ++flat) {
    int64_t rest = flat, ia = 0, ib = 0, sa = 1, sb = 1;
    for (size_t k = rank; k-- > 0;) {
      const int64_t i = rest % os[k];
      rest /= os[k];
      ia += (pa[k] == 1 ? 0 : i) * sa;
      ib += (pb[k] == 1 ? 0 : i) * sb;
      sa *= pa[k];
      sb *= pb[k];
    }
    out[static_cast<size_t>(flat)] = f(a[static_cast<size_t>(ia)], b[static_cast<size_t>(ib)]);
  }
  return out;
}

const BinaryOp kOps[] = {BinaryOp::kAdd, BinaryOp::kSub, BinaryOp::kMul,
                         BinaryOp::kDiv, BinaryOp::kMax, BinaryOp::kMin};

float apply(BinaryOp op, float x, float y) {
  switch (op) {
    case BinaryOp::kAdd:
      return x + y;
    case BinaryOp::kSub:
      return x - y;
    case BinaryOp::kMul:
      return x * y;
    case BinaryOp::kDiv:
      return x / y;
    case BinaryOp::kMax:
      return std::isnan(x) || std::isnan(y) ? NAN : std::max(x, y);
    case BinaryOp::kMin:
      return std::isnan(x) || std::isnan(y) ? NAN : std::min(x, y);
  }
  return 0;
}

TEST(BroadcastPlan, Kinds) {
  EXPECT_EQ(make_broadcast_plan({2, 3}, {2, 3}).kind, Kind::kSame);
  EXPECT_EQ(make_broadcast_plan({}, {}).kind, Kind::kSame);
  EXPECT_EQ(make_broadcast_plan({1, 1}, {5, 7}).kind, Kind::kScalarA);
  EXPECT_EQ(make_broadcast_plan({5, 7}, {}).kind, Kind::kScalarB);
  EXPECT_EQ(make_broadcast_plan({0, 3}, {3}).kind, Kind::kEmpty);
  // Per-channel: [N,C,H,W] op [C,1,1] = N*C rows of H*W, b broadcast within a row.
  BroadcastPlan p = make_broadcast_plan({2, 3, 4, 5}, {3, 1, 1});
  EXPECT_EQ(p.kind, Kind::kRows);
  EXPECT_EQ(p.inner, 20);
  EXPECT_EQ(p.a_step, 1);
  EXPECT_EQ(p.b_step, 0);
  EXPECT_EQ(p.outer_dims, (Shape{2, 3}));
  EXPECT_EQ(p.a_strides, (Shape{60, 20}));
  EXPECT_EQ(p.b_strides, (Shape{0, 1}));
  // Row broadcast: [M,K] op [K]
  p = make_broadcast_plan({6, 1, 8}, {8});
  EXPECT_EQ(p.kind, Kind::kRows);
  EXPECT_EQ(p.inner, 8);
  EXPECT_EQ(p.outer_dims, (Shape{6}));
  EXPECT_EQ(p.b_strides, (Shape{0}));
}

// Shape pairs covering every plan kind, tails, size-1 and size-0 dims.
const std::pair<Shape, Shape> kCases[] = {{{}, {}},
                                          {{67}, {67}},
                                          {{1}, {33}},
                                          {{31}, {1}},
                                          {{2, 3, 5, 7}, {3, 1, 1}},
                                          {{2, 3, 5, 7}, {1, 3, 5, 1}},
                                          {{4, 1}, {1, 13}},
                                          {{3, 17}, {17}},
                                          {{5, 1, 9}, {5, 4, 1}},
                                          {{2, 1, 3, 1, 5}, {1, 4, 1, 6, 1}},
                                          {{0, 3}, {3}},
                                          {{2, 0}, {1, 1}},
                                          {{1, 1, 1}, {2, 1, 3}},
                                          {{9, 11}, {9, 1}}};

TEST(BinaryKernels, F32SimdAndReferenceVsNaive) {
  for_each_simd_target([] {
    uint32_t seed = 1;
    for (const auto& [as, bs] : kCases) {
      const auto a = random_floats(static_cast<size_t>(numel(as)), -5, 5, seed++);
      const auto b = random_floats(static_cast<size_t>(numel(bs)), 0.5f, 5, seed++);
      const BroadcastPlan plan = make_broadcast_plan(as, bs);
      for (BinaryOp op : kOps) {
        Shape os;
        const auto want =
            naive_broadcast(as, a, bs, b, &os, [op](float x, float y) { return apply(op, x, y); });
        ASSERT_EQ(plan.numel, numel(os));
        std::vector<float> ref(want.size()), got(want.size());
        reference::binary_f32(op, plan, a.data(), b.data(), ref.data());
        simd::binary_f32(op, plan, a.data(), b.data(), got.data());
        for (size_t i = 0; i < want.size(); ++i) {
          ASSERT_EQ(ref[i], want[i]) << "op " << int(op) << " case " << seed;
          ASSERT_EQ(got[i], want[i]) << "op " << int(op) << " case " << seed;
        }
      }
    }
  });
}

TEST(BinaryKernels, F32AllTailsSameAndScalar) {
  for_each_simd_target([] {
    for (int64_t n = 0; n <= 67; ++n) {
      const auto a = random_floats(static_cast<size_t>(n), -3, 3, 7);
      const auto b = random_floats(static_cast<size_t>(n), 1, 3, 8);
      const float s = 1.75f;
      for (BinaryOp op : kOps) {
        std::vector<float> got(static_cast<size_t>(n));
        simd::binary_f32(op, make_broadcast_plan({n}, {n}), a.data(), b.data(), got.data());
        for (int64_t i = 0; i < n; ++i) ASSERT_EQ(got[i], apply(op, a[i], b[i]));
        simd::binary_f32(op, make_broadcast_plan({n}, {}), a.data(), &s, got.data());
        for (int64_t i = 0; i < n; ++i) ASSERT_EQ(got[i], apply(op, a[i], s));
        simd::binary_f32(op, make_broadcast_plan({1}, {n}), &s, b.data(), got.data());
        for (int64_t i = 0; i < n; ++i) ASSERT_EQ(got[i], apply(op, s, b[i]));
      }
    }
  });
}

TEST(BinaryKernels, F64MatchesReference) {
  for_each_simd_target([] {
    for (const auto& [as, bs] : kCases) {
      std::vector<double> a(static_cast<size_t>(numel(as))), b(static_cast<size_t>(numel(bs)));
      for (size_t i = 0; i < a.size(); ++i) a[i] = 0.37 * double(i) - 3;
      for (size_t i = 0; i < b.size(); ++i) b[i] = 1.0 + 0.11 * double(i);
      const BroadcastPlan plan = make_broadcast_plan(as, bs);
      for (BinaryOp op : kOps) {
        std::vector<double> ref(static_cast<size_t>(plan.numel)), got(ref.size());
        reference::binary_f64(op, plan, a.data(), b.data(), ref.data());
        simd::binary_f64(op, plan, a.data(), b.data(), got.data());
        ASSERT_EQ(ref, got);
      }
    }
  });
}

TEST(BinaryKernels, InPlaceThreadedLarge) {
  ThreadPool pool(2);
  const Shape as = {3, 64, 33, 17}, bs = {64, 1, 1};
  const auto a = random_floats(static_cast<size_t>(numel(as)), -5, 5, 11);
  const auto b = random_floats(64, 1, 2, 12);
  const BroadcastPlan plan = make_broadcast_plan(as, bs);
  for (BinaryOp op : kOps) {
    std::vector<float> ref(a.size()), inplace = a;
    reference::binary_f32(op, plan, a.data(), b.data(), ref.data());
    binary_f32(op, plan, inplace.data(), b.data(), inplace.data(), &pool);
    ASSERT_EQ(inplace, ref);
  }
  // Same-shape, output aliasing b.
  const BroadcastPlan same = make_broadcast_plan(as, as);
  std::vector<float> b2 = random_floats(a.size(), 1, 2, 13), ref(a.size());
  reference::binary_f32(BinaryOp::kDiv, same, a.data(), b2.data(), ref.data());
  binary_f32(BinaryOp::kDiv, same, a.data(), b2.data(), b2.data(), &pool);
  ASSERT_EQ(b2, ref);
}

TEST(BinaryKernels, IntegerSemantics) {
  const BroadcastPlan plan = make_broadcast_plan({6}, {6});
  std::vector<int32_t> a = {7, -7, 7, -7, std::numeric_limits<int32_t>::min(), 5};
  std::vector<int32_t> b = {2, 2, -2, -2, -1, 5}, out(6);
  binary_int<int32_t>(BinaryOp::kDiv, plan, a.data(), b.data(), out.data());
  EXPECT_EQ(out, (std::vector<int32_t>{3, -3, -3, 3, std::numeric_limits<int32_t>::min(), 1}));
  std::vector<int8_t> a8 = {100, -128, 1, 2, 3, 4}, b8 = {100, -1, 1, 1, 1, 1}, o8(6);
  binary_int<int8_t>(BinaryOp::kAdd, plan, a8.data(), b8.data(), o8.data());
  EXPECT_EQ(o8[0], int8_t(-56));  // wraps
  std::vector<uint16_t> a16 = {65535, 2, 3, 4, 5, 6}, b16 = {65535, 1, 1, 1, 1, 1}, o16(6);
  binary_int<uint16_t>(BinaryOp::kMul, plan, a16.data(), b16.data(), o16.data());
  EXPECT_EQ(o16[0], uint16_t(1));
  // Broadcast path for integers against the naive oracle.
  ThreadPool pool(2);
  for (const auto& [as, bs] : kCases) {
    std::vector<int64_t> x(static_cast<size_t>(numel(as))), y(static_cast<size_t>(numel(bs)));
    for (size_t i = 0; i < x.size(); ++i) x[i] = int64_t(i * 37 % 101) - 50;
    for (size_t i = 0; i < y.size(); ++i) y[i] = int64_t(i % 7) + 1;
    Shape os;
    const auto want =
        naive_broadcast(as, x, bs, y, &os, [](int64_t p, int64_t q) { return p - q; });
    std::vector<int64_t> got(want.size());
    binary_int<int64_t>(BinaryOp::kSub, make_broadcast_plan(as, bs), x.data(), y.data(), got.data(),
                        &pool);
    EXPECT_EQ(got, want);
  }
}

// Equality that treats NaN as equal to NaN (for Max/Min propagation checks).
bool same(float x, float y) {
  return x == y || (std::isnan(x) && std::isnan(y));
}

TEST(BinaryKernels, MaxMinPropagateNaNOnEveryPath) {
  for_each_simd_target([] {
    for (int64_t n : {1, 3, 8, 17, 33}) {
      auto a = random_floats(static_cast<size_t>(n), -3, 3, 21);
      auto b = random_floats(static_cast<size_t>(n), -3, 3, 22);
      a[0] = NAN;  // NaN in a, in b, and in both
      b[static_cast<size_t>(n / 2)] = NAN;
      a[static_cast<size_t>(n - 1)] = b[static_cast<size_t>(n - 1)] = NAN;
      const float nan_scalar = NAN, scalar = 0.5f;
      for (BinaryOp op : {BinaryOp::kMax, BinaryOp::kMin}) {
        std::vector<float> got(static_cast<size_t>(n)), ref(got.size());
        const BroadcastPlan same_plan = make_broadcast_plan({n}, {n});
        simd::binary_f32(op, same_plan, a.data(), b.data(), got.data());
        reference::binary_f32(op, same_plan, a.data(), b.data(), ref.data());
        for (int64_t i = 0; i < n; ++i) {
          ASSERT_TRUE(same(got[i], apply(op, a[i], b[i]))) << i;
          ASSERT_TRUE(same(ref[i], got[i])) << i;
        }
        const BroadcastPlan scalar_b = make_broadcast_plan({n}, {});
        simd::binary_f32(op, scalar_b, a.data(), &nan_scalar, got.data());
        for (int64_t i = 0; i < n; ++i) ASSERT_TRUE(std::isnan(got[i])) << i;
        simd::binary_f32(op, scalar_b, a.data(), &scalar, got.data());
        for (int64_t i = 0; i < n; ++i) ASSERT_TRUE(same(got[i], apply(op, a[i], scalar))) << i;
        // float64 follows the same rule.
        std::vector<double> a64(a.begin(), a.end()), b64(b.begin(), b.end()), g64(a.size());
        simd::binary_f64(op, same_plan, a64.data(), b64.data(), g64.data());
        for (int64_t i = 0; i < n; ++i)
          ASSERT_TRUE(same(float(g64[i]), apply(op, a[i], b[i]))) << i;
      }
    }
  });
}

TEST(BinaryKernels, IntegerMaxMin) {
  const BroadcastPlan plan = make_broadcast_plan({4}, {});
  const std::vector<int8_t> a = {-128, -1, 0, 127};
  const int8_t b = -1;
  std::vector<int8_t> out(4);
  binary_int<int8_t>(BinaryOp::kMax, plan, a.data(), &b, out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{-1, -1, 0, 127}));
  binary_int<int8_t>(BinaryOp::kMin, plan, a.data(), &b, out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{-128, -1, -1, -1}));
  const std::vector<uint64_t> u = {0, ~uint64_t{0}};
  const uint64_t one = 1;
  std::vector<uint64_t> uo(2);
  binary_int<uint64_t>(BinaryOp::kMax, make_broadcast_plan({2}, {1}), u.data(), &one, uo.data());
  EXPECT_EQ(uo, (std::vector<uint64_t>{1, ~uint64_t{0}}));
}

const CompareOp kCompareOps[] = {CompareOp::kEqual, CompareOp::kLess, CompareOp::kGreater,
                                 CompareOp::kLessOrEqual, CompareOp::kGreaterOrEqual};

TEST(CompareKernels, F32SimdAndReferenceVsNaive) {
  for_each_simd_target([] {
    uint32_t seed = 31;
    for (const auto& [as, bs] : kCases) {
      // Small integers so that equality happens; NaNs sprinkled in.
      auto a = random_floats(static_cast<size_t>(numel(as)), -3, 3, seed++);
      auto b = random_floats(static_cast<size_t>(numel(bs)), -3, 3, seed++);
      for (size_t i = 0; i < a.size(); ++i) a[i] = i % 11 == 5 ? NAN : std::round(a[i]);
      for (size_t i = 0; i < b.size(); ++i) b[i] = i % 13 == 7 ? NAN : std::round(b[i]);
      const BroadcastPlan plan = make_broadcast_plan(as, bs);
      for (CompareOp op : kCompareOps) {
        Shape os;
        const auto want = naive_broadcast(as, a, bs, b, &os, [op](float x, float y) {
          return compare_values(op, x, y) ? 1.0f : 0.0f;
        });
        // std::vector<bool> is packed: use byte buffers for the kernels' bool output.
        std::unique_ptr<bool[]> ref(new bool[want.size() + 1]), got(new bool[want.size() + 1]);
        reference::compare_f32(op, plan, a.data(), b.data(), ref.get());
        simd::compare_f32(op, plan, a.data(), b.data(), got.get());
        for (size_t i = 0; i < want.size(); ++i) {
          ASSERT_EQ(ref[i], want[i] != 0) << "op " << int(op) << " at " << i;
          ASSERT_EQ(got[i], want[i] != 0) << "op " << int(op) << " at " << i;
        }
      }
    }
  });
}

TEST(CompareKernels, NaNComparesFalseAllTails) {
  for_each_simd_target([] {
    for (int64_t n = 0; n <= 40; ++n) {
      std::vector<float> a(static_cast<size_t>(n), NAN), b(static_cast<size_t>(n), 1.0f);
      std::unique_ptr<bool[]> out(new bool[static_cast<size_t>(n) + 1]);
      for (CompareOp op : kCompareOps) {
        compare_f32(op, make_broadcast_plan({n}, {n}), a.data(), b.data(), out.get());
        for (int64_t i = 0; i < n; ++i) ASSERT_FALSE(out[i]) << int(op) << " n " << n;
      }
    }
  });
}

TEST(SelectKernels, SimdMatchesReferenceTailsBroadcastAndInPlace) {
  ThreadPool pool(2);
  for_each_simd_target([&] {
    uint32_t seed = 41;
    for (const auto& [xs, ys] : kCases) {
      const auto x = random_floats(static_cast<size_t>(numel(xs)), -1, 1, seed++);
      const auto y = random_floats(static_cast<size_t>(numel(ys)), -1, 1, seed++);
      const BroadcastPlan plan = make_broadcast_plan(xs, ys);
      const size_t n = static_cast<size_t>(plan.numel);
      std::unique_ptr<bool[]> c(new bool[n + 1]);
      for (size_t i = 0; i < n; ++i) c[i] = (i * 7) % 3 == 1;
      Shape os;
      const auto pick_x = naive_broadcast(xs, x, ys, y, &os, [](float p, float) { return p; });
      const auto pick_y = naive_broadcast(xs, x, ys, y, &os, [](float, float q) { return q; });
      std::vector<float> ref(n), got(n);
      reference::select_f32(plan, c.get(), x.data(), y.data(), ref.data());
      simd::select_f32(plan, c.get(), x.data(), y.data(), got.data());
      for (size_t i = 0; i < n; ++i) ASSERT_EQ(ref[i], c[i] ? pick_x[i] : pick_y[i]) << i;
      ASSERT_EQ(got, ref);
    }
    // Long same-shape rows, threaded, output aliasing x.
    for (int64_t n : {0, 1, 7, 8, 9, 31, 64, 70001}) {
      const auto x = random_floats(static_cast<size_t>(n), -1, 1, 43);
      const auto y = random_floats(static_cast<size_t>(n), -1, 1, 44);
      std::unique_ptr<bool[]> c(new bool[static_cast<size_t>(n) + 1]);
      for (int64_t i = 0; i < n; ++i) c[i] = (i * 5) % 4 == 1;
      const BroadcastPlan plan = make_broadcast_plan({n}, {n});
      std::vector<float> ref(static_cast<size_t>(n)), inplace = x;
      reference::select_f32(plan, c.get(), x.data(), y.data(), ref.data());
      select_f32(plan, c.get(), inplace.data(), y.data(), inplace.data(), &pool);
      ASSERT_EQ(inplace, ref);
    }
  });
}

TEST(BroadcastMap, MixedTypesAndBroadcastOperands) {
  // int32 base, float exponent-like second operand, bool output: every step combination.
  for (const auto& [as, bs] : kCases) {
    std::vector<int32_t> a(static_cast<size_t>(numel(as)));
    std::vector<double> b(static_cast<size_t>(numel(bs)));
    for (size_t i = 0; i < a.size(); ++i) a[i] = int32_t(i % 9) - 4;
    for (size_t i = 0; i < b.size(); ++i) b[i] = double(i % 5) - 2.5;
    Shape os;
    std::vector<double> ad(a.begin(), a.end());
    const auto want =
        naive_broadcast(as, ad, bs, b, &os, [](double x, double y) { return x < y ? 1.0 : 0.0; });
    std::unique_ptr<bool[]> got(new bool[want.size() + 1]);
    broadcast_map(make_broadcast_plan(as, bs), a.data(), b.data(), got.get(), nullptr,
                  [](int32_t x, double y) { return double(x) < y; });
    for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ(got[i], want[i] != 0) << i;
  }
}

}  // namespace
}  // namespace onyx::kernels
