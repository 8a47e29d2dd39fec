#include <cmath>

#include "elementwise_ops_test_util.h"

namespace onyx::ops {
namespace {

using testing::eval1;
using testing::int_attr;
using testing::make_node;
using testing::values;

// Softmax of x viewed as [outer, n, inner] along n, in double.
std::vector<double> expected(const std::vector<float>& x, int64_t outer, int64_t n, int64_t inner) {
  std::vector<double> y(x.size());
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < inner; ++i) {
      double mx = -INFINITY, sum = 0;
      for (int64_t k = 0; k < n; ++k) mx = std::max<double>(mx, x[(o * n + k) * inner + i]);
      for (int64_t k = 0; k < n; ++k) sum += std::exp(x[(o * n + k) * inner + i] - mx);
      for (int64_t k = 0; k < n; ++k)
        y[(o * n + k) * inner + i] = std::exp(x[(o * n + k) * inner + i] - mx) / sum;
    }
  return y;
}

std::vector<float> ramp(size_t n) {
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = std::sin(float(i)) * 3;
  return v;
}

void expect_near(const Tensor& t, const std::vector<double>& want) {
  ASSERT_EQ(static_cast<size_t>(t.numel()), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(t.data<float>()[i], want[i], 1e-6) << i;
}

TEST(SoftmaxOp, Opset13AlongAxis) {
  const std::vector<float> x = ramp(2 * 3 * 4);
  const Tensor t = Tensor::from_vector<float>({2, 3, 4}, x);
  expect_near(eval1(make_node("Softmax", 1), 13, {t}), expected(x, 6, 4, 1));
  expect_near(eval1(make_node("Softmax", 1, {int_attr("axis", 1)}), 13, {t}), expected(x, 2, 3, 4));
  expect_near(eval1(make_node("Softmax", 1, {int_attr("axis", -3)}), 13, {t}),
              expected(x, 1, 2, 12));
}

TEST(SoftmaxOp, LegacyCoercesTo2D) {
  const std::vector<float> x = ramp(2 * 3 * 4);
  const Tensor t = Tensor::from_vector<float>({2, 3, 4}, x);
  expect_near(eval1(make_node("Softmax", 1), 11, {t}), expected(x, 2, 12, 1));  // axis 1
  expect_near(eval1(make_node("Softmax", 1, {int_attr("axis", 2)}), 1, {t}), expected(x, 6, 4, 1));
  expect_near(eval1(make_node("Softmax", 1, {int_attr("axis", 0)}), 11, {t}),
              expected(x, 1, 24, 1));
}

TEST(SoftmaxOp, Float64AndErrors) {
  const Tensor d = Tensor::from_vector<double>({2, 2}, {0, std::log(3.0), 1000, 1000});
  EXPECT_EQ(values<double>(eval1(make_node("Softmax", 1), 13, {d})),
            (std::vector<double>{0.25, 0.75, 0.5, 0.5}));
  const Tensor f = Tensor::from_vector<float>({2, 2}, {0, 0, 0, 0});
  Result<std::vector<Tensor>> bad_axis =
      evaluate_node(make_node("Softmax", 1, {int_attr("axis", 2)}), 13, {f});
  ASSERT_FALSE(bad_axis.is_ok());
  EXPECT_NE(bad_axis.status().message().find("axis 2"), std::string::npos);
  Result<std::vector<Tensor>> bad_type =
      evaluate_node(make_node("Softmax", 1), 13, {Tensor::from_vector<int32_t>({1}, {1})});
  ASSERT_FALSE(bad_type.is_ok());
  EXPECT_EQ(bad_type.status().code(), StatusCode::kNotImplemented);
}

TEST(SoftmaxOp, Float16ThroughScratch) {
  Tensor h = Tensor::empty(DType::kFloat16, {1, 3});
  h.data<uint16_t>()[0] = 0x0000;  // 0
  h.data<uint16_t>()[1] = 0x0000;
  h.data<uint16_t>()[2] = 0x0000;
  const Tensor y = eval1(make_node("Softmax", 1), 13, {h});
  ASSERT_EQ(y.dtype(), DType::kFloat16);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(y.data<uint16_t>()[i], 0x3555);  // 1/3 in float16
}

}  // namespace
}  // namespace onyx::ops
