// Normalization kernels: the float32 SIMD row normalization against the scalar reference and a
// double-precision oracle, on every row length 0..67 (all tails), with and without scale/bias,
// centered (layer norm) and uncentered (RMS), in place; plus the Lp and mean-variance kernels.
#include "kernels/norm.h"

#include <cmath>
#include <vector>

#include "elementwise_test_util.h"

namespace onyx::kernels {
namespace {

using testing::for_each_simd_target;
using testing::near;
using testing::random_floats;

// Double-precision oracle of normalize_rows.
void oracle(const std::vector<float>& x, std::vector<double>& y, std::vector<double>& mean,
            std::vector<double>& inv_std, const NormRows<float>& p) {
  y.assign(x.size(), 0.0);
  mean.assign(static_cast<size_t>(p.rows), 0.0);
  inv_std.assign(static_cast<size_t>(p.rows), 0.0);
  for (int64_t r = 0; r < p.rows; ++r) {
    const float* xr = x.data() + r * p.n;
    double m = 0, v = 0;
    if (p.centered) {
      for (int64_t j = 0; j < p.n; ++j) m += xr[j];
      m /= double(p.n);
    }
    for (int64_t j = 0; j < p.n; ++j) v += (xr[j] - m) * (xr[j] - m);
    const double is = 1.0 / std::sqrt(v / double(p.n) + p.epsilon);
    mean[size_t(r)] = m;
    inv_std[size_t(r)] = is;
    for (int64_t j = 0; j < p.n; ++j) {
      double o = (xr[j] - m) * is;
      if (p.scale) o *= p.scale[j];
      if (p.bias) o += p.bias[j];
      y[size_t(r * p.n + j)] = o;
    }
  }
}

TEST(NormKernels, RowsAllTailsMatchReferenceAndOracle) {
  for_each_simd_target([] {
    for (int64_t n = 1; n <= 67; ++n) {
      for (int variant = 0; variant < 4; ++variant) {
        const int64_t rows = 3;
        const auto x = random_floats(size_t(rows * n), -4, 6, uint32_t(n * 7 + variant));
        const auto scale = random_floats(size_t(n), 0.5f, 2, uint32_t(n + 100));
        const auto bias = random_floats(size_t(n), -1, 1, uint32_t(n + 200));
        NormRows<float> p;
        p.rows = rows;
        p.n = n;
        p.epsilon = 1e-5f;
        p.centered = variant % 2 == 0;
        if (variant >= 2) p.scale = scale.data(), p.bias = bias.data();
        std::vector<double> want, want_mean, want_inv;
        oracle(x, want, want_mean, want_inv, p);
        std::vector<float> ref(x.size()), got = x;  // SIMD runs in place
        const auto nrows = static_cast<size_t>(rows);
        std::vector<float> ref_mean(nrows), ref_inv(nrows), got_mean(nrows), got_inv(nrows);
        NormRows<float> pr = p, ps = p;
        pr.mean = ref_mean.data(), pr.inv_std = ref_inv.data();
        ps.mean = got_mean.data(), ps.inv_std = got_inv.data();
        reference::normalize_rows(x.data(), ref.data(), pr);
        simd::normalize_rows(got.data(), got.data(), ps);
        for (size_t i = 0; i < x.size(); ++i) {
          ASSERT_TRUE(near(ref[i], float(want[i]), 1e-4f, 1e-5f)) << "n=" << n << " i=" << i;
          ASSERT_TRUE(near(got[i], ref[i], 1e-4f, 1e-5f)) << "n=" << n << " i=" << i;
        }
        for (size_t r = 0; r < size_t(rows); ++r) {
          ASSERT_TRUE(near(got_mean[r], float(want_mean[r]), 1e-4f, 1e-5f));
          ASSERT_TRUE(near(got_inv[r], float(want_inv[r]), 1e-4f, 1e-5f));
          ASSERT_TRUE(near(ref_inv[r], float(want_inv[r]), 1e-4f, 1e-5f));
        }
      }
    }
  });
}

TEST(NormKernels, ThreadedEntryPointAndDoubleMatchReference) {
  ThreadPool pool(2);
  const int64_t rows = 40, n = 1031;
  const auto x = random_floats(size_t(rows * n), -3, 3, 11);
  NormRows<float> p;
  p.rows = rows;
  p.n = n;
  p.epsilon = 1e-3f;
  std::vector<float> ref(x.size()), got(x.size());
  reference::normalize_rows(x.data(), ref.data(), p);
  normalize_rows(x.data(), got.data(), p, &pool);
  for (size_t i = 0; i < x.size(); ++i) ASSERT_TRUE(near(got[i], ref[i], 1e-4f, 1e-5f)) << i;
  std::vector<double> xd(x.begin(), x.end()), yd(x.size());
  NormRows<double> pd;
  pd.rows = rows;
  pd.n = n;
  pd.epsilon = 1e-3;
  normalize_rows(xd.data(), yd.data(), pd, &pool);
  for (size_t i = 0; i < x.size(); ++i) ASSERT_TRUE(near(float(yd[i]), ref[i], 1e-4f, 1e-5f)) << i;
}

TEST(NormKernels, ChannelAffine) {
  std::vector<float> y = {1, 2, 3, 4, 5, 6, 7, 8};  // [outer 2, channels 2, inner 2]
  const std::vector<float> scale = {2, -1}, bias = {0.5f, 1};
  channel_affine(y.data(), 2, 2, 2, scale.data(), bias.data());
  EXPECT_EQ(y, (std::vector<float>{2.5f, 4.5f, -2, -3, 10.5f, 12.5f, -6, -7}));
}

TEST(NormKernels, LpNormalizeL1L2AndZeroVector) {
  // [outer 1, n 2, inner 3]: columns (3, 4), (-1, 1), (0, 0).
  const std::vector<float> x = {3, -1, 0, 4, 1, 0};
  std::vector<float> y(x.size());
  lp_normalize(x.data(), y.data(), 1, 2, 3, 2);
  const float s = 1 / std::sqrt(2.0f);
  const std::vector<float> want2 = {0.6f, -s, 0, 0.8f, s, 0};
  for (size_t i = 0; i < x.size(); ++i) EXPECT_NEAR(y[i], want2[i], 1e-6) << i;
  lp_normalize(x.data(), y.data(), 1, 2, 3, 1);
  const std::vector<float> want1 = {3.0f / 7, -0.5f, 0, 4.0f / 7, 0.5f, 0};
  for (size_t i = 0; i < x.size(); ++i) EXPECT_NEAR(y[i], want1[i], 1e-6) << i;
}

TEST(NormKernels, MeanVarianceOverNonContiguousAxes) {
  // dims [2, 2, 2], reduce axes 0 and 2: groups are the middle index.
  const std::vector<double> x = {1, 2, 10, 20, 3, 4, 30, 40};
  const int64_t dims[] = {2, 2, 2};
  const uint8_t reduced[] = {1, 0, 1};
  std::vector<double> y(x.size());
  std::vector<double> ws(size_t(mean_variance_workspace(dims, reduced, 3)));
  ASSERT_EQ(ws.size(), 4u);
  mean_variance_normalize(x.data(), y.data(), dims, reduced, 3, 0.0, ws.data());
  // group 0: {1, 2, 3, 4}: mean 2.5, std sqrt(1.25); group 1: {10, 20, 30, 40}: mean 25, std
  // sqrt(125).
  const double s0 = std::sqrt(1.25), s1 = std::sqrt(125.0);
  const std::vector<double> want = {-1.5 / s0, -0.5 / s0, -15 / s1, -5 / s1,
                                    0.5 / s0,  1.5 / s0,  5 / s1,   15 / s1};
  for (size_t i = 0; i < x.size(); ++i) EXPECT_NEAR(y[i], want[i], 1e-12) << i;
}

// add_normalize_rows: the sum is a + b exactly, Y is normalize_rows of that sum (bit for bit with
// the same dispatch), on every SIMD target, threaded or not, with and without the sum output,
// in place on a, odd row lengths and tails of the 4-row blocks.
TEST(NormKernels, AddNormalizeRowsEqualsAddThenNormalize) {
  ThreadPool pool(2);
  for (int64_t rows : {1, 5, 11})
    for (int64_t n : {1, 7, 33}) {
      const size_t total = static_cast<size_t>(rows * n);
      const auto a = random_floats(total, -3, 3, uint32_t(rows * 100 + n));
      const auto b = random_floats(total, -3, 3, uint32_t(rows * 100 + n + 1));
      const auto scale = random_floats(static_cast<size_t>(n), 0.5f, 2, 7);
      const auto bias = random_floats(static_cast<size_t>(n), -1, 1, 8);
      NormRows<float> p;
      p.rows = rows;
      p.n = n;
      p.epsilon = 1e-5f;
      p.scale = scale.data();
      p.bias = bias.data();
      std::vector<float> sum_want(total), y_ref(total), y_sum(total);
      for (size_t i = 0; i < total; ++i) sum_want[i] = a[i] + b[i];
      reference::normalize_rows(sum_want.data(), y_ref.data(), p);
      std::vector<float> sum(total, -9.f), y(total, -9.f);
      reference::add_normalize_rows(a.data(), b.data(), sum.data(), y.data(), p);
      EXPECT_EQ(sum, sum_want);
      EXPECT_EQ(y, y_ref);
      for_each_simd_target([&] {
        for (ThreadPool* tp : {static_cast<ThreadPool*>(nullptr), &pool}) {
          normalize_rows(sum_want.data(), y_sum.data(), p);  // the same dispatch
          std::vector<float> s2(total, -9.f), y2(total, -9.f);
          add_normalize_rows(a.data(), b.data(), s2.data(), y2.data(), p, tp);
          EXPECT_EQ(s2, sum_want);
          EXPECT_EQ(y2, y_sum);
          std::vector<float> in_place = a;  // y = a, no sum output
          add_normalize_rows(in_place.data(), b.data(), nullptr, in_place.data(), p, tp);
          EXPECT_EQ(in_place, y_sum);
          for (size_t i = 0; i < total; ++i) ASSERT_TRUE(near(y2[i], y_ref[i], 1e-5f, 1e-5f));
        }
      });
    }
}

}  // namespace
}  // namespace onyx::kernels
