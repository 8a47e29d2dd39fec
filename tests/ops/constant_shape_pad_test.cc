// Constant, Shape and Pad.
#include <gtest/gtest.h>

#include "base/half.h"
#include "common/op_test_builder.h"
#include "data_movement_test_util.h"

namespace onyx::ops {
namespace {

using namespace dm_test;
using onyx::testing::OpTest;

TEST(ConstantOp, EveryValueAttribute) {
  ir::Attribute t;
  t.name = "value";
  t.type = ir::Attribute::Type::kTensor;
  t.t = iota_tensor<float>({2, 2});
  auto y = run_op("Constant", 13, {}, {t});
  ASSERT_TRUE(y.is_ok()) << y.status().to_string();
  EXPECT_EQ(values<float>(*y), values<float>(t.t));
  EXPECT_NE(y->raw_data(), t.t.raw_data());  // output is a copy, the attribute stays immutable

  y = run_op("Constant", 12, {}, {float_attr("value_float", 1.5f)});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(y->rank(), 0);
  EXPECT_EQ(y->data<float>()[0], 1.5f);
  y = run_op("Constant", 13, {}, {ints_attr("value_ints", {4, 5})});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(values<int64_t>(*y), (std::vector<int64_t>{4, 5}));
  y = run_op("Constant", 13, {}, {int_attr("value_int", 7)});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(y->dtype(), DType::kInt64);
  y = run_op("Constant", 13, {}, {string_attr("value_string", "hi")});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(y->data<std::string>()[0], "hi");
  ir::Attribute fs;
  fs.name = "value_floats";
  fs.type = ir::Attribute::Type::kFloats;
  fs.floats = {1, 2, 3};
  y = run_op("Constant", 13, {}, {fs});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(y->shape(), (Shape{3}));
  ir::Attribute ss;
  ss.name = "value_strings";
  ss.type = ir::Attribute::Type::kStrings;
  ss.strings = {"a", "b"};
  y = run_op("Constant", 13, {}, {ss});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(values<std::string>(*y), (std::vector<std::string>{"a", "b"}));
}

TEST(ConstantOp, InferSetsValueAndErrors) {
  ir::Node node = make_node("Constant", {}, {ints_attr("value_ints", {1, 2})});
  auto out = infer_only(node, 13, {});
  ASSERT_TRUE(out.is_ok());
  EXPECT_TRUE((*out)[0].is_constant());
  EXPECT_EQ((*out)[0].int_values(), (std::vector<int64_t>{1, 2}));
  EXPECT_FALSE(run_op("Constant", 13, {}).is_ok());  // no attribute
  EXPECT_FALSE(run_op("Constant", 13, {}, {int_attr("value_int", 1), int_attr("x", 2)}).is_ok());
  EXPECT_FALSE(run_op("Constant", 11, {}, {int_attr("value_int", 1)}).is_ok());    // needs 12
  EXPECT_FALSE(run_op("Constant", 13, {}, {float_attr("value_int", 1)}).is_ok());  // wrong type
}

TEST(ShapeOp, FullAndSlicedWithValue) {
  Tensor x = Tensor::empty(DType::kFloat32, {2, 3, 4});
  auto y = run_op("Shape", 13, {x}, {}, false);
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(values<int64_t>(*y), (std::vector<int64_t>{2, 3, 4}));
  auto check = [&](int64_t start, std::optional<int64_t> end, std::vector<int64_t> want) {
    std::vector<ir::Attribute> attrs = {int_attr("start", start)};
    if (end) attrs.push_back(int_attr("end", *end));
    auto r = run_op("Shape", 15, {x}, attrs, false);
    ASSERT_TRUE(r.is_ok());
    EXPECT_EQ(values<int64_t>(*r), want) << start;
  };
  check(1, std::nullopt, {3, 4});
  check(-1, std::nullopt, {4});
  check(0, -1, {2, 3});
  check(-10, 10, {2, 3, 4});
  check(2, 1, {});
  // Inference: value when the sliced dims are known, even if others are symbolic.
  ir::Node node = make_node("Shape", {x}, {int_attr("start", 1)});
  auto out = infer_only(node, 15, {ValueType::tensor(DType::kFloat32, {-2, 3, 4})});
  ASSERT_TRUE(out.is_ok());
  EXPECT_EQ((*out)[0].int_values(), (std::vector<int64_t>{3, 4}));
  out = infer_only(make_node("Shape", {x}), 15, {ValueType::tensor(DType::kFloat32, {-2, 3})});
  EXPECT_FALSE((*out)[0].is_constant());
  EXPECT_EQ((*out)[0].dims, (Shape{2}));
}

TEST(PadOp, Opset11InputsAndConstantValue) {
  const Tensor x = iota_tensor<float>({2, 2}, 1.0f);
  OpTest("Pad", 13)
      .input(x)
      .input(i64({0, 1, 1, 0}))
      .input(Tensor::scalar<float>(9.0f))
      .output<float>({3, 3}, {9, 1, 2, 9, 3, 4, 9, 9, 9})
      .run();
  OpTest("Pad", 11).input(x).constant(i64({0, 0, 0, 0})).output(x).run();
}

TEST(PadOp, ModesAxesAndDtypes) {
  const Tensor x = Tensor::from_vector<int32_t>({1, 3}, {1, 2, 3});
  OpTest("Pad", 13)
      .attr("mode", "reflect")
      .input(x)
      .constant(i64({0, 2, 0, 1}))
      .output<int32_t>({1, 6}, {3, 2, 1, 2, 3, 2})
      .run();
  // Opset 18+: axes input (negative allowed); constant_value absent.
  OpTest("Pad", 19)
      .attr("mode", "wrap")
      .input(x)
      .constant(i64({2, 1}))
      .absent()
      .constant(i64({-1}))
      .output<int32_t>({1, 6}, {2, 3, 1, 2, 3, 1})
      .run();
  OpTest("Pad", 18)
      .attr("mode", "edge")
      .input(x)
      .input(i64({1, 1}))
      .absent()
      .input<int32_t>({1}, {0})
      .output<int32_t>({3, 3}, {1, 2, 3, 1, 2, 3, 1, 2, 3})
      .run();
  OpTest("Pad", 13)
      .input<bool>({2}, {true, true})
      .constant(i64({1, 0}))
      .constant(Tensor::scalar<bool>(false))
      .output<bool>({3}, {false, true, true})
      .run();
  OpTest("Pad", 13)
      .input<std::string>({1}, {"a"})
      .constant(i64({1, 1}))
      .input(Tensor::scalar<std::string>("-"))
      .output<std::string>({3}, {"-", "a", "-"})
      .run();
}

TEST(PadOp, AttributeOpsetsAndFloat16Value) {
  Tensor x = iota_tensor<float>({2}, 1.0f);
  auto y = run_op("Pad", 2, {x}, {ints_attr("pads", {1, -1}), float_attr("value", 5.0f)});
  ASSERT_TRUE(y.is_ok()) << y.status().to_string();
  EXPECT_EQ(values<float>(*y), (std::vector<float>{5, 1}));
  y = run_op("Pad", 1, {x}, {ints_attr("paddings", {0, 1})});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(values<float>(*y), (std::vector<float>{1, 2, 0}));
  Tensor h = Tensor::empty(DType::kFloat16, {1});
  h.data<uint16_t>()[0] = float_to_half(3.0f);
  y = run_op("Pad", 10, {h}, {ints_attr("pads", {1, 0}), float_attr("value", 2.0f)});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(half_to_float(y->data<uint16_t>()[0]), 2.0f);
  EXPECT_EQ(half_to_float(y->data<uint16_t>()[1]), 3.0f);
}

TEST(PadOp, Errors) {
  Tensor x = iota_tensor<float>({2, 2});
  EXPECT_FALSE(run_op("Pad", 13, {x, i64({1, 1})}).is_ok());         // wrong pads length
  EXPECT_FALSE(run_op("Pad", 13, {x, i64({-3, 0, 0, 0})}).is_ok());  // crop too much
  EXPECT_FALSE(run_op("Pad", 13, {x, i64({0, 0, 0, 0}), Tensor::scalar<int32_t>(1)}).is_ok());
  EXPECT_FALSE(run_op("Pad", 13, {x, i64({1, 0, 0, 0})}, {string_attr("mode", "wrap")}).is_ok());
  EXPECT_FALSE(run_op("Pad", 13, {x, i64({1, 0, 0, 0})}, {string_attr("mode", "bogus")}).is_ok());
  EXPECT_FALSE(run_op("Pad", 18, {x, i64({1, 1}), Tensor(), i64({0, 0})}).is_ok());  // repeated
  Tensor empty = Tensor::empty(DType::kFloat32, {0, 2});
  EXPECT_FALSE(
      run_op("Pad", 13, {empty, i64({1, 0, 0, 0})}, {string_attr("mode", "reflect")}).is_ok());
  auto ok = run_op("Pad", 13, {empty, i64({1, 0, 0, 0})});  // constant mode is fine
  ASSERT_TRUE(ok.is_ok());
  EXPECT_EQ(ok->shape(), (Shape{1, 2}));
  EXPECT_FALSE(run_op("Pad", 10, {x}).is_ok());  // pads attribute required
  auto rt = run_op("Pad", 13, {x, i64({-3, 0, 0, 0})}, {}, false);
  ASSERT_FALSE(rt.is_ok());
  EXPECT_EQ(rt.status().code(), StatusCode::kRuntimeException);
}

TEST(PadOp, InferSymbolic) {
  ir::Node node = make_node("Pad", {Tensor::scalar<float>(0), i64({0})});
  ValueType pads = ValueType::tensor(DType::kInt64, {4});
  pads.value = i64({0, 1, 0, 1});
  auto out = infer_only(node, 13, {ValueType::tensor(DType::kFloat32, {-2, 3}), pads});
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  EXPECT_EQ((*out)[0].dims, (Shape{-2, 5}));
}

}  // namespace
}  // namespace onyx::ops
