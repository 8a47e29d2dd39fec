#include <cmath>
#include <limits>

#include "base/half.h"
#include "elementwise_ops_test_util.h"

namespace onyx::ops {
namespace {

using testing::eval1;
using testing::float_attr;
using testing::make_node;
using testing::values;

TEST(UnaryOps, Relu) {
  const Tensor x = Tensor::from_vector<float>({5}, {-1, 0, 2, -3.5f, 4});
  EXPECT_EQ(values<float>(eval1(make_node("Relu", 1), 14, {x})),
            (std::vector<float>{0, 0, 2, 0, 4}));
  const Tensor i = Tensor::from_vector<int64_t>({3}, {-5, 0, 7});
  EXPECT_EQ(values<int64_t>(eval1(make_node("Relu", 1), 14, {i})), (std::vector<int64_t>{0, 0, 7}));
  const Tensor d = Tensor::from_vector<double>({2}, {-0.5, 0.5});
  EXPECT_EQ(values<double>(eval1(make_node("Relu", 1), 6, {d})), (std::vector<double>{0, 0.5}));
  const Tensor u = Tensor::from_vector<uint8_t>({1}, {1});
  Result<std::vector<Tensor>> r = evaluate_node(make_node("Relu", 1), 14, {u});
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotImplemented);
}

TEST(UnaryOps, ClipInputsAndAttributes) {
  const Tensor x = Tensor::from_vector<float>({5}, {-3, -1, 0, 1, 3});
  // Opset 11+: bounds as inputs; either may be absent.
  EXPECT_EQ(values<float>(eval1(make_node("Clip", 3), 13,
                                {x, Tensor::scalar<float>(-1.5f), Tensor::scalar<float>(0.5f)})),
            (std::vector<float>{-1.5f, -1, 0, 0.5f, 0.5f}));
  EXPECT_EQ(values<float>(eval1(make_node("Clip", 3, {}, {1}), 13,
                                {x, Tensor(), Tensor::scalar<float>(0.5f)})),
            (std::vector<float>{-3, -1, 0, 0.5f, 0.5f}));
  EXPECT_EQ(values<float>(eval1(make_node("Clip", 1), 13, {x})), values<float>(x));
  // Opset 6: attributes.
  EXPECT_EQ(values<float>(
                eval1(make_node("Clip", 1, {float_attr("min", -2), float_attr("max", 2)}), 6, {x})),
            (std::vector<float>{-2, -1, 0, 1, 2}));
  // Integers, bound constant-folded path.
  const Tensor i = Tensor::from_vector<int8_t>({4}, {-128, -5, 5, 127});
  Result<std::vector<Tensor>> r = evaluate_node(
      make_node("Clip", 3), 13, {i, Tensor::scalar<int8_t>(-10), Tensor::scalar<int8_t>(10)},
      nullptr, /*inputs_constant=*/true);
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_EQ(values<int8_t>(r.value()[0]), (std::vector<int8_t>{-10, -5, 5, 10}));
  // min > max: every output is max (numpy order).
  EXPECT_EQ(values<uint32_t>(eval1(make_node("Clip", 3), 13,
                                   {Tensor::from_vector<uint32_t>({2}, {1, 100}),
                                    Tensor::scalar<uint32_t>(50), Tensor::scalar<uint32_t>(20)})),
            (std::vector<uint32_t>{20, 20}));
}

TEST(UnaryOps, ClipErrors) {
  const Tensor x = Tensor::from_vector<float>({2}, {1, 2});
  Result<std::vector<Tensor>> mixed =
      evaluate_node(make_node("Clip", 2), 13, {x, Tensor::scalar<double>(0.0)});
  ASSERT_FALSE(mixed.is_ok());
  EXPECT_NE(mixed.status().message().find("input 1"), std::string::npos);
  Result<std::vector<Tensor>> vec =
      evaluate_node(make_node("Clip", 2), 13, {x, Tensor::from_vector<float>({2}, {0, 1})});
  EXPECT_FALSE(vec.is_ok());
  Result<std::vector<Tensor>> str =
      evaluate_node(make_node("Clip", 1), 13, {Tensor::from_vector<bool>({1}, {true})});
  ASSERT_FALSE(str.is_ok());
  EXPECT_EQ(str.status().code(), StatusCode::kNotImplemented);
}

TEST(UnaryOps, Sigmoid) {
  const Tensor x = Tensor::from_vector<float>({4}, {-100, 0, 1, 100});
  const std::vector<float> y = values<float>(eval1(make_node("Sigmoid", 1), 13, {x}));
  EXPECT_NEAR(y[0], std::exp(-100.0), 1e-44);
  EXPECT_EQ(y[1], 0.5f);
  EXPECT_NEAR(y[2], 1.0 / (1.0 + std::exp(-1.0)), 1e-7);
  EXPECT_EQ(y[3], 1.0f);
  const Tensor d = Tensor::from_vector<double>({1}, {-2});
  EXPECT_NEAR(values<double>(eval1(make_node("Sigmoid", 1), 13, {d}))[0],
              1.0 / (1.0 + std::exp(2.0)), 1e-15);
  Tensor h = Tensor::empty(DType::kFloat16, {1});
  h.data<uint16_t>()[0] = float_to_half(2.0f);
  const Tensor hy = eval1(make_node("Sigmoid", 1), 13, {h});
  EXPECT_NEAR(half_to_float(hy.data<uint16_t>()[0]), 0.8807971f, 1e-3);
  Result<std::vector<Tensor>> r =
      evaluate_node(make_node("Sigmoid", 1), 13, {Tensor::from_vector<int32_t>({1}, {1})});
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotImplemented);
}

}  // namespace
}  // namespace onyx::ops
