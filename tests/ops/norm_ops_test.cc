// Normalization ops through OpTest (eager, folded and session paths), against independently
// computed double-precision expectations: corners the ONNX backend tests miss (scale/bias
// broadcasting, Mean/InvStdDev outputs with a leading axis, float16 and double data, GroupNorm's
// per-group opset-18 scale, MVN over custom axes) and the errors.
#include <cmath>
#include <vector>

#include "base/half.h"
#include "common/op_test_builder.h"
#include "gtest/gtest.h"

namespace onyx::testing {
namespace {

std::vector<float> wave(size_t n, float phase = 0) {
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = 2.5f * std::sin(0.7f * float(i) + phase) + 0.1f * float(i);
  return v;
}

// Rows of n values of x: (x - mean) * inv_std, mean and inv_std (mean 0 when !centered).
struct RowStats {
  std::vector<double> y, mean, inv_std;
};
RowStats normalize_rows(const std::vector<float>& x, size_t n, double eps, bool centered) {
  RowStats s;
  const size_t rows = x.size() / n;
  for (size_t r = 0; r < rows; ++r) {
    double m = 0, v = 0;
    if (centered) {
      for (size_t j = 0; j < n; ++j) m += x[r * n + j];
      m /= double(n);
    }
    for (size_t j = 0; j < n; ++j) v += (x[r * n + j] - m) * (x[r * n + j] - m);
    const double is = 1 / std::sqrt(v / double(n) + eps);
    s.mean.push_back(m);
    s.inv_std.push_back(is);
    for (size_t j = 0; j < n; ++j) s.y.push_back((x[r * n + j] - m) * is);
  }
  return s;
}

std::vector<float> to_f32(const std::vector<double>& v) {
  return std::vector<float>(v.begin(), v.end());
}

TEST(NormOps, LayerNormBroadcastScaleBiasWithStatistics) {
  // X [2, 3, 4], axis 1: rows of 12; Scale [1, 4] and B [3, 1] broadcast to [3, 4].
  const auto x = wave(24);
  const std::vector<float> scale = {1, 2, -1, 0.5f}, bias = {0.25f, -0.5f, 1};
  RowStats s = normalize_rows(x, 12, 1e-3, true);
  std::vector<float> y(24);
  for (size_t i = 0; i < 24; ++i) y[i] = float(s.y[i] * scale[i % 4] + bias[(i % 12) / 4]);
  OpTest("LayerNormalization", 17)
      .attr("axis", int64_t{1})
      .attr("epsilon", 1e-3f)
      .input<float>({2, 3, 4}, x)
      .input<float>({1, 4}, scale)
      .input<float>({3, 1}, bias)
      .output<float>({2, 3, 4}, y)
      .output<float>({2, 1, 1}, to_f32(s.mean))
      .output<float>({2, 1, 1}, to_f32(s.inv_std))
      .tolerance(1e-5, 1e-5)
      .run();
}

TEST(NormOps, LayerNormNegativeAxisNoBiasFloat16AndDouble) {
  const auto x = wave(12, 1);
  RowStats s = normalize_rows(x, 6, 1e-5, true);
  const std::vector<float> scale = {1, 1, 2, 2, 0.5f, 3};
  std::vector<double> yd(12);
  for (size_t i = 0; i < 12; ++i) yd[i] = s.y[i] * scale[i % 6];
  // float16 data: computed in float32, statistics (stash_type 1) in float.
  Tensor xh = Tensor::empty(DType::kFloat16, {2, 2, 3}),
         sh = Tensor::empty(DType::kFloat16, {2, 3});
  Tensor yh = Tensor::empty(DType::kFloat16, {2, 2, 3});
  for (size_t i = 0; i < 12; ++i) {
    xh.data<Float16>()[i] = from_float<Float16>(x[i]);
    yh.data<Float16>()[i] = from_float<Float16>(float(yd[i]));
  }
  for (size_t i = 0; i < 6; ++i) sh.data<Float16>()[i] = from_float<Float16>(scale[i]);
  OpTest("LayerNormalization", 17)
      .attr("axis", int64_t{-2})
      .input(xh)
      .input(sh)
      .output(yh)
      .tolerance(5e-3, 5e-3)
      .run();
  std::vector<double> xd(x.begin(), x.end()), sd(scale.begin(), scale.end());
  OpTest("LayerNormalization", 17)
      .attr("axis", int64_t{-2})
      .input<double>({2, 2, 3}, xd)
      .input<double>({2, 3}, sd)
      .output<double>({2, 2, 3}, yd)
      .tolerance(1e-6, 1e-6)
      .run();
}

TEST(NormOps, LayerNormErrors) {
  OpTest("LayerNormalization", 17)
      .attr("axis", int64_t{3})
      .input<float>({2, 3}, wave(6))
      .input<float>({3}, {1, 1, 1})
      .expect_error(StatusCode::kInvalidGraph, "axis 3");
  OpTest("LayerNormalization", 17)
      .input<float>({2, 3}, wave(6))
      .input<float>({2}, {1, 1})
      .expect_error(StatusCode::kInvalidGraph, "does not broadcast");
}

TEST(NormOps, RmsNormalization) {
  const auto x = wave(8, 2);
  RowStats s = normalize_rows(x, 4, 1e-5, false);
  const std::vector<float> scale = {1, -2, 0.5f, 3};
  std::vector<float> y(8);
  for (size_t i = 0; i < 8; ++i) y[i] = float(s.y[i] * scale[i % 4]);
  OpTest("RMSNormalization", 23)
      .input<float>({2, 4}, x)
      .input<float>({4}, scale)
      .output<float>({2, 4}, y)
      .tolerance(1e-5, 1e-5)
      .run();
}

TEST(NormOps, InstanceNormalization) {
  // X [2, 3, 2, 2]: rows of 4 per (n, c), scale/bias per channel.
  const auto x = wave(24, 0.3f);
  const std::vector<float> scale = {1, 2, 3}, bias = {0, -1, 0.5f};
  RowStats s = normalize_rows(x, 4, 1e-2, true);
  std::vector<float> y(24);
  for (size_t i = 0; i < 24; ++i) y[i] = float(s.y[i] * scale[(i / 4) % 3] + bias[(i / 4) % 3]);
  OpTest("InstanceNormalization", 6)
      .attr("epsilon", 1e-2f)
      .input<float>({2, 3, 2, 2}, x)
      .input<float>({3}, scale)
      .input<float>({3}, bias)
      .output<float>({2, 3, 2, 2}, y)
      .tolerance(1e-5, 1e-5)
      .run();
}

TEST(NormOps, GroupNormalizationPerChannelAndPerGroup) {
  // X [1, 4, 3], 2 groups of 2 channels: rows of 6.
  const auto x = wave(12, 0.9f);
  RowStats s = normalize_rows(x, 6, 1e-5, true);
  const std::vector<float> ch_scale = {1, 2, 3, 4}, ch_bias = {0, 1, 0, -1};
  std::vector<float> y21(12), y18(12);
  const std::vector<float> g_scale = {2, -1}, g_bias = {0.5f, 0.25f};
  for (size_t i = 0; i < 12; ++i) {
    y21[i] = float(s.y[i] * ch_scale[i / 3] + ch_bias[i / 3]);
    y18[i] = float(s.y[i] * g_scale[i / 6] + g_bias[i / 6]);
  }
  OpTest("GroupNormalization", 21)
      .attr("num_groups", int64_t{2})
      .input<float>({1, 4, 3}, x)
      .input<float>({4}, ch_scale)
      .input<float>({4}, ch_bias)
      .output<float>({1, 4, 3}, y21)
      .tolerance(1e-5, 1e-5)
      .run();
  OpTest("GroupNormalization", 18)
      .attr("num_groups", int64_t{2})
      .input<float>({1, 4, 3}, x)
      .input<float>({2}, g_scale)
      .input<float>({2}, g_bias)
      .output<float>({1, 4, 3}, y18)
      .tolerance(1e-5, 1e-5)
      .run();
  // Opset 21 wants per-channel scale.
  OpTest("GroupNormalization", 21)
      .attr("num_groups", int64_t{2})
      .input<float>({1, 4, 3}, x)
      .input<float>({2}, g_scale)
      .input<float>({2}, g_bias)
      .expect_error(StatusCode::kInvalidGraph, "expected 4");
  OpTest("GroupNormalization", 21)
      .attr("num_groups", int64_t{3})
      .input<float>({1, 4, 3}, x)
      .input<float>({4}, ch_scale)
      .input<float>({4}, ch_bias)
      .expect_error(StatusCode::kInvalidGraph, "not divisible");
}

TEST(NormOps, LpNormalizationAxis0) {
  const std::vector<float> x = {3, 1, 0, 4, -1, 0};  // [2, 3], normalize columns
  const float s = 1 / std::sqrt(2.0f);
  OpTest("LpNormalization", 22)
      .attr("axis", int64_t{0})
      .input<float>({2, 3}, x)
      .output<float>({2, 3}, {0.6f, s, 0, 0.8f, -s, 0})
      .run();
  OpTest("LpNormalization", 1)
      .attr("p", int64_t{1})
      .input<float>({2, 3}, x)
      .output<float>({2, 3}, {0.75f, 0.25f, 0, 0.8f, -0.2f, 0})
      .run();
}

TEST(NormOps, MeanVarianceNormalizationCustomAxes) {
  // X [2, 3], axes [1]: each row normalized by its own mean and standard deviation.
  const auto x = wave(6, 0.4f);
  RowStats s = normalize_rows(x, 3, 0.0, true);
  OpTest("MeanVarianceNormalization", 13)
      .attr("axes", std::vector<int64_t>{-1})
      .input<float>({2, 3}, x)
      .output<float>({2, 3}, to_f32(s.y))
      .tolerance(1e-5, 1e-5)
      .run();
  OpTest("MeanVarianceNormalization", 13)
      .attr("axes", std::vector<int64_t>{1, 1})
      .input<float>({2, 3}, x)
      .expect_error(StatusCode::kInvalidGraph, "twice");
}

}  // namespace
}  // namespace onyx::testing
