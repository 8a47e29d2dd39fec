// Random ops (RandomUniform/Normal[Like], Bernoulli, Multinomial) and Dropout: shapes, dtypes,
// value ranges, seeded determinism, exact cases (inference, ratio 0, probabilities 0/1) and
// mask/scale consistency in training mode. Values are never compared with numpy's.
#include <gtest/gtest.h>

#include <cmath>

#include "base/half.h"
#include "common/op_test_builder.h"

namespace onyx {
namespace {

using testing::OpTest;

std::vector<Tensor> run1(const OpTest& t) {
  Result<std::vector<Tensor>> r = t.run_eager(false);
  EXPECT_TRUE(bool(r)) << r.status().message();
  return r ? *r : std::vector<Tensor>{};
}

template <class T>
std::vector<T> values(const Tensor& t) {
  return std::vector<T>(t.data<T>(), t.data<T>() + t.numel());
}

TEST(RandomUniformOp, ShapeDtypeRangeAndSeed) {
  auto op = [](float seed) {
    OpTest t("RandomUniform", 1);
    t.attr("shape", std::vector<int64_t>{3, 5})
        .attr("low", -1.0f)
        .attr("high", 2.0f)
        .attr("seed", seed)
        .attr("dtype", int64_t{11});
    return t;
  };
  const std::vector<Tensor> a = run1(op(1.0f)), b = run1(op(1.0f)), c = run1(op(2.0f));
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].dtype(), DType::kFloat64);
  EXPECT_EQ(a[0].shape(), (Shape{3, 5}));
  for (double v : values<double>(a[0])) {
    EXPECT_GE(v, -1.0);
    EXPECT_LT(v, 2.0);
  }
  EXPECT_EQ(values<double>(a[0]), values<double>(b[0]));  // same seed, same values
  EXPECT_NE(values<double>(a[0]), values<double>(c[0]));
}

TEST(RandomUniformOp, Float16StaysBelowHigh) {
  OpTest t("RandomUniform", 22);
  t.attr("shape", std::vector<int64_t>{1000}).attr("dtype", int64_t{10}).attr("seed", 3.0f);
  const std::vector<Tensor> out = run1(t);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].dtype(), DType::kFloat16);
  for (Float16 v : values<Float16>(out[0])) {
    EXPECT_GE(to_float(v), 0.0f);
    EXPECT_LT(to_float(v), 1.0f);
  }
}

TEST(RandomNormalLikeOp, InputShapeDefaultDtypeAndMoments) {
  OpTest t("RandomNormalLike", 1);
  t.attr("mean", 10.0f).attr("scale", 0.5f).attr("seed", 5.0f);
  t.input<float>({50, 40}, std::vector<float>(2000, 0.0f));
  const std::vector<Tensor> out = run1(t);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].dtype(), DType::kFloat32);
  EXPECT_EQ(out[0].shape(), (Shape{50, 40}));
  double sum = 0;
  for (float v : values<float>(out[0])) sum += v;
  EXPECT_NEAR(sum / 2000, 10.0, 0.05);
}

TEST(RandomOps, Errors) {
  OpTest("RandomUniformLike", 1)
      .input<int64_t>({2}, {1, 2})
      .expect_error(StatusCode::kInvalidGraph, "set attribute dtype");
  OpTest("RandomNormal", 1).expect_error(StatusCode::kInvalidGraph, "shape");
  OpTest("RandomUniform", 1)
      .attr("shape", std::vector<int64_t>{2})
      .attr("dtype", int64_t{6})
      .expect_error(StatusCode::kInvalidGraph, "dtype");
}

TEST(BernoulliOp, ExtremeProbabilitiesAreExactAndOthersBinary) {
  OpTest("Bernoulli", 15)
      .attr("seed", 0.0f)
      .input<float>({4}, {0, 1, 1, 0})
      .output<float>({4}, {0, 1, 1, 0})
      .run();
  OpTest("Bernoulli", 15)
      .attr("dtype", int64_t{9})
      .input<double>({2}, {1, 0})
      .output<bool>({2}, {true, false})
      .run();
  OpTest t("Bernoulli", 15);
  t.attr("seed", 1.0f)
      .attr("dtype", int64_t{7})
      .input<float>({4000}, std::vector<float>(4000, 0.25f));
  const std::vector<Tensor> out = run1(t);
  ASSERT_EQ(out.size(), 1u);
  int64_t ones = 0;
  for (int64_t v : values<int64_t>(out[0])) {
    ASSERT_TRUE(v == 0 || v == 1);
    ones += v;
  }
  EXPECT_NEAR(ones / 4000.0, 0.25, 0.03);
  OpTest("Bernoulli", 15)
      .input<float>({1}, {1.5f})
      .expect_error(StatusCode::kRuntimeException, "[0, 1]");
}

TEST(MultinomialOp, SamplesFollowLogProbabilities) {
  // Row 0 puts (almost) all mass on class 2; row 1 is uniform over 2 classes... of 3 (class 0
  // has log-probability -inf).
  OpTest t("Multinomial", 7);
  t.attr("sample_size", int64_t{2000}).attr("seed", 4.0f).attr("dtype", int64_t{7});
  t.input<float>({2, 3}, {-100, -100, 0, -INFINITY, 0, 0});
  const std::vector<Tensor> out = run1(t);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].dtype(), DType::kInt64);
  ASSERT_EQ(out[0].shape(), (Shape{2, 2000}));
  const std::vector<int64_t> v = values<int64_t>(out[0]);
  int64_t ones = 0;
  for (int64_t s = 0; s < 2000; ++s) {
    EXPECT_EQ(v[static_cast<size_t>(s)], 2);
    const int64_t c = v[static_cast<size_t>(2000 + s)];
    ASSERT_TRUE(c == 1 || c == 2);
    ones += c == 1;
  }
  EXPECT_NEAR(ones / 2000.0, 0.5, 0.05);
}

TEST(DropoutOp, InferenceIsIdentityWithTrueMask) {
  const std::vector<float> x = {1, -2, 3, 4.5f};
  OpTest("Dropout", 13)
      .input<float>({2, 2}, x)
      .output<float>({2, 2}, x)
      .output<bool>({2, 2}, {true, true, true, true})
      .run();
  // Opset 7: ratio attribute, mask of type T.
  OpTest("Dropout", 7)
      .attr("ratio", 0.3f)
      .input<float>({4}, x)
      .output<float>({4}, x)
      .output<float>({4}, {1, 1, 1, 1})
      .run();
  // Training mode with ratio 0 is exact.
  OpTest("Dropout", 12)
      .input<float>({4}, x)
      .input<float>({}, {0.0f})
      .input<bool>({}, {true})
      .output<float>({4}, x)
      .output<bool>({4}, {true, true, true, true})
      .run();
}

TEST(DropoutOp, TrainingMaskAndScaleAgree) {
  const int64_t n = 1000;
  std::vector<float> x(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) x[static_cast<size_t>(i)] = 1.0f + static_cast<float>(i % 7);
  OpTest t("Dropout", 13);
  t.attr("seed", int64_t{3}).input<float>({n}, x).input<float>({}, {0.75f}).input<bool>({}, {true});
  t.num_outputs(2);
  const std::vector<Tensor> out = run1(t);
  ASSERT_EQ(out.size(), 2u);
  int64_t kept = 0;
  for (int64_t i = 0; i < n; ++i) {
    const float y = out[0].data<float>()[i];
    const bool m = out[1].data<bool>()[i];
    EXPECT_FLOAT_EQ(y, m ? x[static_cast<size_t>(i)] * 4 : 0.0f) << i;
    kept += m;
  }
  EXPECT_NEAR(kept / double(n), 0.25, 0.05);
  // Seeded: the same mask on every run.
  const std::vector<Tensor> again = run1(t);
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(values<bool>(again[1]), values<bool>(out[1]));
}

TEST(DropoutOp, OldOpsetsIsTestAttribute) {
  const std::vector<float> x = {1, 2, 3, 4, 5, 6, 7, 8};
  // Opset 6, is_test=1: inference, mask of type T all ones.
  OpTest("Dropout", 6)
      .attr("is_test", int64_t{1})
      .input<float>({8}, x)
      .output<float>({8}, x)
      .output<float>({8}, std::vector<float>(8, 1.0f))
      .run();
  // Opset 6 default is_test=0: training with ratio 0.5, mask (type T) and scale 2 agree.
  OpTest t("Dropout", 6);
  t.input<float>({8}, x).num_outputs(2);
  const std::vector<Tensor> out = run1(t);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].dtype(), DType::kFloat32);
  for (size_t i = 0; i < x.size(); ++i) {
    const float m = out[1].data<float>()[i];
    ASSERT_TRUE(m == 0 || m == 1);
    EXPECT_FLOAT_EQ(out[0].data<float>()[i], m * x[i] * 2);
  }
}

}  // namespace
}  // namespace onyx
