#include <cmath>
#include <limits>

#include "base/half.h"
#include "elementwise_ops_test_util.h"
#include "ops/registry.h"

namespace onyx::ops {
namespace {

using testing::eval1;
using testing::int_attr;
using testing::make_node;
using testing::values;

TEST(BinaryOps, FloatSameShapeAndBroadcast) {
  const Tensor a = Tensor::from_vector<float>({2, 3}, {1, 2, 3, 4, 5, 6});
  const Tensor b = Tensor::from_vector<float>({3}, {10, 20, 30});
  EXPECT_EQ(values<float>(eval1(make_node("Add", 2), 14, {a, b})),
            (std::vector<float>{11, 22, 33, 14, 25, 36}));
  EXPECT_EQ(values<float>(eval1(make_node("Sub", 2), 14, {b, a})),
            (std::vector<float>{9, 18, 27, 6, 15, 24}));
  EXPECT_EQ(values<float>(eval1(make_node("Mul", 2), 14, {a, a})),
            (std::vector<float>{1, 4, 9, 16, 25, 36}));
  const Tensor col = Tensor::from_vector<float>({2, 1}, {2, 4});
  const Tensor q = eval1(make_node("Div", 2), 14, {a, col});
  EXPECT_EQ(q.shape(), (Shape{2, 3}));
  EXPECT_EQ(values<float>(q), (std::vector<float>{0.5f, 1, 1.5f, 1, 1.25f, 1.5f}));
  // Outer product shape [3,1] x [1,2] -> [3,2], float64.
  const Tensor c = Tensor::from_vector<double>({3, 1}, {1, 2, 3});
  const Tensor r = Tensor::from_vector<double>({1, 2}, {10, 100});
  const Tensor m = eval1(make_node("Mul", 2), 13, {c, r});
  EXPECT_EQ(m.shape(), (Shape{3, 2}));
  EXPECT_EQ(values<double>(m), (std::vector<double>{10, 100, 20, 200, 30, 300}));
}

TEST(BinaryOps, PerChannelThreadedMatchesLoop) {
  ThreadPool pool(2);
  const int64_t N = 2, C = 5, HW = 4099;
  std::vector<float> x(static_cast<size_t>(N * C * HW)), bias(C);
  for (size_t i = 0; i < x.size(); ++i) x[i] = float(i % 97) * 0.25f;
  for (int64_t c = 0; c < C; ++c) bias[c] = float(c) + 0.5f;
  const Tensor a = Tensor::from_vector<float>({N, C, 1, HW}, x);
  const Tensor b = Tensor::from_vector<float>({C, 1, 1}, bias);
  const Tensor y = eval1(make_node("Add", 2), 14, {a, b}, &pool);
  ASSERT_EQ(y.shape(), (Shape{N, C, 1, HW}));
  for (int64_t i = 0; i < y.numel(); ++i)
    ASSERT_EQ(y.data<float>()[i], x[i] + bias[(i / HW) % C]) << i;
}

TEST(BinaryOps, IntegerDivTruncatesAndWraps) {
  const Tensor a = Tensor::from_vector<int32_t>({4}, {7, -7, 7, -7});
  const Tensor b = Tensor::from_vector<int32_t>({4}, {2, 2, -2, -2});
  EXPECT_EQ(values<int32_t>(eval1(make_node("Div", 2), 14, {a, b})),
            (std::vector<int32_t>{3, -3, -3, 3}));
  const Tensor u = Tensor::from_vector<uint8_t>({2}, {250, 3});
  const Tensor v = Tensor::from_vector<uint8_t>({}, {10});
  EXPECT_EQ(values<uint8_t>(eval1(make_node("Add", 2), 14, {u, v})), (std::vector<uint8_t>{4, 13}));
  const Tensor big = Tensor::from_vector<int64_t>({1}, {std::numeric_limits<int64_t>::min()});
  const Tensor m1 = Tensor::from_vector<int64_t>({1}, {-1});
  EXPECT_EQ(values<int64_t>(eval1(make_node("Div", 2), 14, {big, m1}))[0],
            std::numeric_limits<int64_t>::min());
}

TEST(BinaryOps, IntegerDivisionByZeroIsAnError) {
  const Tensor a = Tensor::from_vector<int64_t>({3}, {1, 2, 3});
  const Tensor b = Tensor::from_vector<int64_t>({3}, {1, 0, 3});
  Result<std::vector<Tensor>> r = evaluate_node(make_node("Div", 2), 14, {a, b});
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kRuntimeException);
  EXPECT_NE(r.status().message().find("division by zero"), std::string::npos);
  // Float division by zero is IEEE: inf.
  const Tensor f =
      eval1(make_node("Div", 2), 14, {Tensor::scalar<float>(1.0f), Tensor::scalar<float>(0.0f)});
  EXPECT_TRUE(std::isinf(f.data<float>()[0]));
}

TEST(BinaryOps, HalfPrecisionViaFloat) {
  const Tensor a =
      Tensor::from_vector<uint16_t>({2}, {float_to_half(1.5f), float_to_half(-2.0f)}).clone();
  Tensor a16 = Tensor::empty(DType::kFloat16, {2});
  std::memcpy(a16.raw_data(), a.raw_data(), 4);
  Tensor b16 = Tensor::empty(DType::kFloat16, {});
  b16.data<uint16_t>()[0] = float_to_half(0.25f);
  const Tensor y = eval1(make_node("Mul", 2), 14, {a16, b16});
  ASSERT_EQ(y.dtype(), DType::kFloat16);
  EXPECT_EQ(half_to_float(y.data<uint16_t>()[0]), 0.375f);
  EXPECT_EQ(half_to_float(y.data<uint16_t>()[1]), -0.5f);
}

TEST(BinaryOps, IncompatibleShapesErrorNamesBoth) {
  const Tensor a = Tensor::empty(DType::kFloat32, {2, 3});
  const Tensor b = Tensor::empty(DType::kFloat32, {4});
  Result<std::vector<Tensor>> r = evaluate_node(make_node("Sub", 2), 14, {a, b});
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidGraph);
  const std::string& msg = r.status().message();
  EXPECT_NE(msg.find("[2, 3]"), std::string::npos) << msg;
  EXPECT_NE(msg.find("[4]"), std::string::npos) << msg;
  EXPECT_NE(msg.find("Sub 'n'"), std::string::npos) << msg;
}

TEST(BinaryOps, DtypeErrors) {
  const Tensor f = Tensor::empty(DType::kFloat32, {2});
  const Tensor i = Tensor::empty(DType::kInt64, {2});
  Result<std::vector<Tensor>> mixed = evaluate_node(make_node("Add", 2), 14, {f, i});
  ASSERT_FALSE(mixed.is_ok());
  EXPECT_EQ(mixed.status().code(), StatusCode::kInvalidGraph);
  EXPECT_NE(mixed.status().message().find("int64"), std::string::npos);
  const Tensor s = Tensor::from_vector<bool>({2}, {true, false});
  Result<std::vector<Tensor>> boolean = evaluate_node(make_node("Add", 2), 14, {s, s});
  ASSERT_FALSE(boolean.is_ok());
  EXPECT_EQ(boolean.status().code(), StatusCode::kNotImplemented);
}

TEST(BinaryOps, LegacyBroadcastAttribute) {
  const Tensor a = Tensor::from_vector<float>({2, 3, 2}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  const Tensor b = Tensor::from_vector<float>({3}, {100, 200, 300});
  // opset 6, broadcast=1, axis=1: B aligns with A's dim 1.
  const Tensor y =
      eval1(make_node("Add", 2, {int_attr("broadcast", 1), int_attr("axis", 1)}), 6, {a, b});
  EXPECT_EQ(values<float>(y),
            (std::vector<float>{100, 101, 202, 203, 304, 305, 106, 107, 208, 209, 310, 311}));
  // Default axis: suffix alignment.
  const Tensor b2 = Tensor::from_vector<float>({2}, {1, 2});
  EXPECT_EQ(values<float>(eval1(make_node("Mul", 2, {int_attr("broadcast", 1)}), 6, {a, b2}))[1],
            2.0f);
  // Without broadcast=1 the shapes must match exactly.
  Result<std::vector<Tensor>> r = evaluate_node(make_node("Add", 2), 6, {a, b2});
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("broadcast=1"), std::string::npos);
  // Mismatching legacy alignment.
  Result<std::vector<Tensor>> r2 = evaluate_node(
      make_node("Add", 2, {int_attr("broadcast", 1), int_attr("axis", 0)}), 6, {a, b});
  EXPECT_FALSE(r2.is_ok());
}

TEST(BinaryOps, InferSymbolicDims) {
  ir::Node node = make_node("Add", 2);
  Result<std::unique_ptr<OpKernel>> k = create_kernel(node, 14);
  ASSERT_TRUE(k.is_ok());
  ValueType a = ValueType::tensor(DType::kFloat32, {-2, 1, 8});
  ValueType b = ValueType::tensor(DType::kFloat32, {-3, 8});
  std::vector<ValueType> outs(1);
  InferContext ctx(node, 14, {&a, &b}, &outs);
  ASSERT_TRUE((*k)->infer(ctx).is_ok());
  EXPECT_EQ(outs[0].dims, (Shape{-2, -3, 8}));
  ValueType unranked;
  unranked.dtype = DType::kFloat32;
  InferContext ctx2(node, 14, {&a, &unranked}, &outs);
  ASSERT_TRUE((*k)->infer(ctx2).is_ok());
  EXPECT_FALSE(outs[0].has_shape);
  EXPECT_EQ(outs[0].dtype, DType::kFloat32);
}

}  // namespace
}  // namespace onyx::ops
