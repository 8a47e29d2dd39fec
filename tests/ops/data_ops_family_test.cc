// Corner cases of the data-movement and index ops (Slice, Split, ScatterND, TopK, Cast, ...):
// negative axes and indices, empty tensors, clamping, duplicate indices, ties, NaN/inf casts and
// out-of-range index errors. Every op runs twice where it matters: with constant inputs (shapes
// inferred at plan time) and runtime inputs (outputs allocated by run()).
#include <cmath>
#include <limits>

#include "data_movement_test_util.h"
#include "ops/common/cast_common.h"

namespace onyx::ops {
namespace {

using dm_test::float_attr;
using dm_test::i64;
using dm_test::int_attr;
using dm_test::ints_attr;
using dm_test::iota_tensor;
using dm_test::run_op;
using dm_test::string_attr;
using dm_test::values;

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

Tensor f32(Shape shape, std::vector<float> v) {
  return Tensor::from_vector<float>(std::move(shape), v);
}

// Runs a node with `num_outputs` outputs; returns all outputs.
Result<std::vector<Tensor>> run_multi(const std::string& op, int64_t opset,
                                      const std::vector<Tensor>& inputs, int num_outputs,
                                      std::vector<ir::Attribute> attrs = {}, bool constant = true) {
  ir::Node node = dm_test::make_node(op, inputs, std::move(attrs));
  node.outputs.clear();
  for (int i = 0; i < num_outputs; ++i) node.outputs.push_back("out" + std::to_string(i));
  return evaluate_node(node, opset, inputs, nullptr, constant);
}

// Runs op with constant and with runtime inputs; both must succeed and agree.
Tensor run_both(const std::string& op, int64_t opset, const std::vector<Tensor>& inputs,
                std::vector<ir::Attribute> attrs = {}) {
  Result<Tensor> c = run_op(op, opset, inputs, attrs, true);
  Result<Tensor> r = run_op(op, opset, inputs, attrs, false);
  EXPECT_TRUE(c.is_ok()) << c.status().message();
  EXPECT_TRUE(r.is_ok()) << r.status().message();
  if (!c.is_ok() || !r.is_ok()) return Tensor();
  EXPECT_EQ(c.value().shape(), r.value().shape());
  EXPECT_EQ(c.value().nbytes(), r.value().nbytes());
  if (c.value().dtype() != DType::kString && c.value().nbytes() == r.value().nbytes()) {
    EXPECT_EQ(0, std::memcmp(c.value().raw_data(), r.value().raw_data(), c.value().nbytes()));
  }
  return c.value();
}

TEST(SliceOp, NegativeStepsAndClamping) {
  const Tensor x = iota_tensor<float>({3, 4});  // rows 0..3, 4..7, 8..11
  // Reverse both axes with INT_MIN/INT_MAX-style bounds.
  Tensor y =
      run_both("Slice", 13, {x, i64({-1, kMax}), i64({kMin, kMin}), i64({0, 1}), i64({-1, -2})});
  EXPECT_EQ(y.shape(), (Shape{3, 2}));
  EXPECT_EQ(values<float>(y), (std::vector<float>{11, 9, 7, 5, 3, 1}));
  // Ends beyond the dim clamp; negative axis.
  y = run_both("Slice", 13, {x, i64({1}), i64({1000}), i64({-1})});
  EXPECT_EQ(y.shape(), (Shape{3, 3}));
  EXPECT_EQ(values<float>(y)[0], 1.0f);
  // start past the end: empty.
  y = run_both("Slice", 13, {x, i64({5}), i64({10}), i64({1})});
  EXPECT_EQ(y.shape(), (Shape{3, 0}));
  // Opset 1..9 attribute form.
  Result<Tensor> a = run_op("Slice", 9, {x}, {ints_attr("starts", {1}), ints_attr("ends", {-1})});
  ASSERT_TRUE(a.is_ok()) << a.status().message();
  EXPECT_EQ(values<float>(a.value()), (std::vector<float>{4, 5, 6, 7}));
  // float8 elements move as bytes.
  Tensor f8 = Tensor::empty(DType::kFloat8E5M2, {4});
  for (uint8_t i = 0; i < 4; ++i) f8.data<uint8_t>()[i] = static_cast<uint8_t>(0x40 + i);
  y = run_both("Slice", 13, {f8, i64({-1}), i64({kMin}), i64({0}), i64({-2})});
  EXPECT_EQ(y.dtype(), DType::kFloat8E5M2);
  EXPECT_EQ(values<uint8_t>(y), (std::vector<uint8_t>{0x43, 0x41}));
  // Step 0 and repeated axes are errors.
  EXPECT_FALSE(run_op("Slice", 13, {x, i64({0}), i64({1}), i64({0}), i64({0})}).is_ok());
  EXPECT_FALSE(run_op("Slice", 13, {x, i64({0, 0}), i64({1, 1}), i64({1, -1})}).is_ok());
}

TEST(SplitOp, UnevenAndExplicitSizes) {
  const Tensor x = iota_tensor<int32_t>({7});
  Result<std::vector<Tensor>> r = run_multi("Split", 18, {x}, 3, {int_attr("num_outputs", 3)});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(values<int32_t>(r.value()[0]), (std::vector<int32_t>{0, 1, 2}));
  EXPECT_EQ(values<int32_t>(r.value()[2]), (std::vector<int32_t>{6}));
  for (bool constant : {true, false}) {
    r = run_multi("Split", 13, {x, i64({2, 0, 5})}, 3, {int_attr("axis", -1)}, constant);
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    EXPECT_EQ(r.value()[1].shape(), (Shape{0}));
    EXPECT_EQ(values<int32_t>(r.value()[2]), (std::vector<int32_t>{2, 3, 4, 5, 6}));
  }
  // Opset 11: attribute sizes; without them 7 does not split evenly in 2.
  r = run_multi("Split", 11, {x}, 2, {ints_attr("split", {3, 4})});
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r.value()[1].shape(), (Shape{4}));
  EXPECT_FALSE(run_multi("Split", 11, {x}, 2).is_ok());
  EXPECT_FALSE(run_multi("Split", 13, {x, i64({3, 3})}, 2).is_ok());  // sums to 6, not 7
}

TEST(ScatterNDOp, ReductionsWithDuplicateIndices) {
  const Tensor data = f32({4}, {1, 2, 3, 4});
  const Tensor idx = Tensor::from_vector<int64_t>({3, 1}, {1, -3, 3});  // -3 is 1 again
  const Tensor upd = f32({3}, {10, 5, 7});
  auto run = [&](const char* reduction) {
    return values<float>(
        run_both("ScatterND", 18, {data, idx, upd}, {string_attr("reduction", reduction)}));
  };
  EXPECT_EQ(run("none"), (std::vector<float>{1, 5, 3, 7}));  // last duplicate wins
  EXPECT_EQ(run("add"), (std::vector<float>{1, 17, 3, 11}));
  EXPECT_EQ(run("mul"), (std::vector<float>{1, 100, 3, 28}));
  EXPECT_EQ(run("max"), (std::vector<float>{1, 10, 3, 7}));
  EXPECT_EQ(run("min"), (std::vector<float>{1, 2, 3, 4}));
  // max/min need opset 18.
  EXPECT_FALSE(
      run_op("ScatterND", 16, {data, idx, upd}, {string_attr("reduction", "max")}).is_ok());
  // Out-of-range index: a runtime error naming the node and the index.
  Result<Tensor> bad =
      run_op("ScatterND", 13, {data, Tensor::from_vector<int64_t>({1, 1}, {4}), f32({1}, {0})});
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find("index 4"), std::string::npos) << bad.status().message();
  EXPECT_NE(bad.status().message().find("'n'"), std::string::npos) << bad.status().message();
}

TEST(ScatterElementsOp, NegativeIndicesAxisAndStrings) {
  const Tensor data = Tensor::from_vector<std::string>({2, 2}, {"a", "b", "c", "d"});
  const Tensor idx = Tensor::from_vector<int32_t>({2, 1}, {-1, 0});
  const Tensor upd = Tensor::from_vector<std::string>({2, 1}, {"x", "y"});
  Result<Tensor> r = run_op("ScatterElements", 13, {data, idx, upd}, {int_attr("axis", -1)});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(values<std::string>(r.value()), (std::vector<std::string>{"a", "x", "y", "d"}));
  const Tensor fdata = f32({2, 2}, {1, 2, 3, 4});
  r = run_op("ScatterElements", 18,
             {fdata, Tensor::from_vector<int64_t>({1, 2}, {1, 1}), f32({1, 2}, {5, 6})},
             {string_attr("reduction", "add")});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(values<float>(r.value()), (std::vector<float>{1, 2, 8, 10}));
  EXPECT_FALSE(run_op("ScatterElements", 13,
                      {fdata, Tensor::from_vector<int64_t>({1, 1}, {2}), f32({1, 1}, {0})})
                   .is_ok());
}

TEST(GatherOps, ElementsAndNDWithNegativeIndicesAndErrors) {
  const Tensor data = iota_tensor<int64_t>({2, 3});
  Result<Tensor> r =
      run_op("GatherElements", 13, {data, Tensor::from_vector<int64_t>({2, 2}, {-1, 0, 1, 2})},
             {int_attr("axis", 1)});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(values<int64_t>(r.value()), (std::vector<int64_t>{2, 0, 4, 5}));
  EXPECT_FALSE(
      run_op("GatherElements", 13, {data, Tensor::from_vector<int64_t>({1, 1}, {3})}).is_ok());
  // GatherND with batch_dims 1: per batch row pick one element.
  r = run_op("GatherND", 13, {data, Tensor::from_vector<int64_t>({2, 1}, {2, -3})},
             {int_attr("batch_dims", 1)});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(r.value().shape(), (Shape{2}));
  EXPECT_EQ(values<int64_t>(r.value()), (std::vector<int64_t>{2, 3}));
  r = run_op("GatherND", 13, {data, Tensor::from_vector<int64_t>({1, 1}, {1})});  // whole row
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(values<int64_t>(r.value()), (std::vector<int64_t>{3, 4, 5}));
  EXPECT_FALSE(
      run_op("GatherND", 13, {data, Tensor::from_vector<int64_t>({1, 2}, {0, 3})}).is_ok());
}

TEST(TopKOp, TiesKeepLowerIndexAndNaNIsLargest) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const Tensor x = f32({6}, {3, 1, 3, nan, 1, 2});
  Result<std::vector<Tensor>> r = run_multi("TopK", 11, {x, i64({3})}, 2);
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_TRUE(std::isnan(values<float>(r.value()[0])[0]));
  EXPECT_EQ(values<int64_t>(r.value()[1]), (std::vector<int64_t>{3, 0, 2}));
  r = run_multi("TopK", 11, {x, i64({3})}, 2, {int_attr("largest", 0)}, false);
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(values<float>(r.value()[0]), (std::vector<float>{1, 1, 2}));
  EXPECT_EQ(values<int64_t>(r.value()[1]), (std::vector<int64_t>{1, 4, 5}));
  // Opset 1: k attribute; axis 0 of a 2-D input.
  r = run_multi("TopK", 1, {f32({3, 1}, {5, 7, 6})}, 2, {int_attr("k", 2), int_attr("axis", 0)});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(values<int64_t>(r.value()[1]), (std::vector<int64_t>{1, 2}));
  EXPECT_FALSE(run_multi("TopK", 11, {x, i64({7})}, 2).is_ok());
}

TEST(CastOp, NaNInfToIntegersAndHalfRounding) {
  const float inf = std::numeric_limits<float>::infinity();
  const Tensor x = f32({6}, {std::nanf(""), inf, -inf, -2.9f, 2.9f, 3e9f});
  Result<Tensor> r = run_op("Cast", 13, {x}, {int_attr("to", static_cast<int64_t>(DType::kInt32))});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(values<int32_t>(r.value()),
            (std::vector<int32_t>{0, INT32_MAX, INT32_MIN, -2, 2, INT32_MAX}));
  r = run_op("Cast", 13, {x}, {int_attr("to", static_cast<int64_t>(DType::kUInt8))});
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(values<uint8_t>(r.value()), (std::vector<uint8_t>{0, 255, 0, 0, 2, 255}));
  // float16: round to nearest even, overflow to inf, 0.1 -> 0x2E66.
  const Tensor h = f32({4}, {1.0f + 1.0f / 2048, 1.0f + 3.0f / 2048, 65520.0f, 0.1f});
  r = run_op("Cast", 13, {h}, {int_attr("to", static_cast<int64_t>(DType::kFloat16))});
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(values<uint16_t>(r.value().reshaped({4})),
            (std::vector<uint16_t>{0x3C00, 0x3C02, 0x7C00, 0x2E66}));
  // Opset 1 names the type as a string; bool is x != 0.
  r = run_op("Cast", 1, {f32({3}, {0.0f, -0.5f, std::nanf("")})}, {string_attr("to", "BOOL")});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(values<bool>(r.value()), (std::vector<bool>{false, true, true}));
  // float8: +-2.9 rounds to +-3.0 (0x44); saturate (default) clamps to +-448; without it
  // overflow is NaN (0x7F | sign).
  const int64_t to_f8 = static_cast<int64_t>(DType::kFloat8E4M3FN);
  Result<Tensor> f8 = run_op("Cast", 19, {x}, {int_attr("to", to_f8)});
  ASSERT_TRUE(f8.is_ok()) << f8.status().message();
  EXPECT_EQ(values<uint8_t>(f8.value()),
            (std::vector<uint8_t>{0x7F, 0x7E, 0xFE, 0xC4, 0x44, 0x7E}));
  f8 = run_op("Cast", 19, {x}, {int_attr("to", to_f8), int_attr("saturate", 0)});
  ASSERT_TRUE(f8.is_ok());
  EXPECT_EQ(values<uint8_t>(f8.value())[5], 0x7F);
  // int4 (one value per byte, sign-extended) wraps modulo 16 after truncation.
  Result<Tensor> i4 = run_op("Cast", 21, {f32({4}, {-9.5f, 7, 8, 15})},
                             {int_attr("to", static_cast<int64_t>(DType::kInt4))});
  ASSERT_TRUE(i4.is_ok()) << i4.status().message();
  EXPECT_EQ(values<int8_t>(i4.value()), (std::vector<int8_t>{7, 7, -8, -1}));
  // Element types onyx cannot hold are a clear NotImplemented.
  Result<Tensor> bad = run_op("Cast", 25, {x}, {int_attr("to", 99)});
  ASSERT_FALSE(bad.is_ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kNotImplemented);
}

TEST(CastOp, StringsBothWays) {
  EXPECT_EQ(float_to_text(0.1f, DType::kFloat32), "0.1");
  EXPECT_EQ(float_to_text(3.0, DType::kFloat32), "3.0");
  EXPECT_EQ(float_to_text(1e-5f, DType::kFloat32), "1e-05");
  EXPECT_EQ(float_to_text(-1.5e20, DType::kFloat64), "-1.5e+20");
  EXPECT_EQ(float_to_text(0.00012, DType::kFloat64), "0.00012");
  // float16 prints its own shortest digits: 0.1 is stored as 0.0999755859375.
  EXPECT_EQ(float_to_text(half_to_float(float_to_half(0.1f)), DType::kFloat16), "0.1");
  EXPECT_EQ(float_to_text(half_to_float(float_to_half(1000.7f)), DType::kFloat16), "1000.5");
  EXPECT_EQ(float_to_text(0.1f, DType::kFloat64), "0.10000000149011612");
  const Tensor s = Tensor::from_vector<std::string>({5}, {"0.5", "-INF", "NaN", "1e-3", "7"});
  Result<Tensor> r =
      run_op("Cast", 13, {s}, {int_attr("to", static_cast<int64_t>(DType::kFloat32))});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  const std::vector<float> v = values<float>(r.value());
  EXPECT_EQ(v[0], 0.5f);
  EXPECT_TRUE(std::isinf(v[1]) && v[1] < 0);
  EXPECT_TRUE(std::isnan(v[2]));
  EXPECT_EQ(v[3], 1e-3f);
  r = run_op("CastLike", 15,
             {f32({2}, {0.25f, -2.0f}), Tensor::from_vector<std::string>({1}, {""})});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(values<std::string>(r.value()), (std::vector<std::string>{"0.25", "-2.0"}));
  EXPECT_FALSE(run_op("Cast", 13, {Tensor::from_vector<std::string>({1}, {"abc"})},
                      {int_attr("to", static_cast<int64_t>(DType::kInt64))})
                   .is_ok());
}

TEST(ShapeGeneratingOps, RuntimeShapesAndEmptyTensors) {
  // Expand with a shape entry of 1 keeping the input dim.
  Tensor y = run_both("Expand", 13, {iota_tensor<float>({3, 1}), i64({2, 1, 2})});
  EXPECT_EQ(y.shape(), (Shape{2, 3, 2}));
  EXPECT_EQ(values<float>(y), (std::vector<float>{0, 0, 1, 1, 2, 2, 0, 0, 1, 1, 2, 2}));
  EXPECT_FALSE(run_op("Expand", 13, {iota_tensor<float>({3}), i64({2})}).is_ok());
  y = run_both("Tile", 13, {Tensor::from_vector<bool>({2}, {true, false}), i64({3})});
  EXPECT_EQ(values<bool>(y), (std::vector<bool>{true, false, true, false, true, false}));
  y = run_both("Tile", 13, {iota_tensor<float>({2, 2}), i64({0, 2})});
  EXPECT_EQ(y.shape(), (Shape{0, 4}));
  ir::Attribute value;
  value.name = "value";
  value.type = ir::Attribute::Type::kTensor;
  value.t = Tensor::from_vector<int32_t>({1}, {7});
  y = run_both("ConstantOfShape", 20, {i64({2, 0})}, {value});
  EXPECT_EQ(y.shape(), (Shape{2, 0}));
  y = run_both("ConstantOfShape", 20, {i64({2})}, {value});
  EXPECT_EQ(values<int32_t>(y), (std::vector<int32_t>{7, 7}));
  y = run_both(
      "Range", 11,
      {Tensor::scalar<int32_t>(10), Tensor::scalar<int32_t>(1), Tensor::scalar<int32_t>(-4)});
  EXPECT_EQ(values<int32_t>(y), (std::vector<int32_t>{10, 6, 2}));
  y = run_both("Range", 11,
               {Tensor::scalar<float>(1), Tensor::scalar<float>(0), Tensor::scalar<float>(1)});
  EXPECT_EQ(y.shape(), (Shape{0}));
  EXPECT_FALSE(
      run_op("Range", 11,
             {Tensor::scalar<int64_t>(0), Tensor::scalar<int64_t>(3), Tensor::scalar<int64_t>(0)})
          .is_ok());
  y = run_both("Size", 13, {iota_tensor<float>({2, 3})});
  EXPECT_EQ(values<int64_t>(y), (std::vector<int64_t>{6}));
}

// A data-dependent output whose size overflows int64 or cannot be allocated is a RuntimeException
// naming the node (allocate_output), not an abort or a wrapped-around shape.
TEST(ShapeGeneratingOps, HugeRuntimeShapesAreErrors) {
  Result<Tensor> r = run_op("ConstantOfShape", 20, {i64({int64_t{1} << 32, int64_t{1} << 32})}, {},
                            /*constant=*/false);
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kRuntimeException);
  EXPECT_NE(r.status().message().find("more elements than int64"), std::string::npos)
      << r.status().message();
  r = run_op("ConstantOfShape", 20, {i64({int64_t{1} << 60})}, {}, /*constant=*/false);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("out of memory"), std::string::npos) << r.status().message();
}

TEST(NonZeroCompressUnique, DataDependentOutputs) {
  Tensor y = run_both("NonZero", 13, {f32({2, 2}, {0, 1.5f, -2, 0})});
  EXPECT_EQ(y.shape(), (Shape{2, 2}));
  EXPECT_EQ(values<int64_t>(y), (std::vector<int64_t>{0, 1, 1, 0}));
  y = run_both("NonZero", 13, {f32({3}, {0, 0, 0})});
  EXPECT_EQ(y.shape(), (Shape{1, 0}));
  const Tensor cond = Tensor::from_vector<bool>({2}, {false, true});
  y = run_both("Compress", 11, {iota_tensor<float>({3, 2}), cond}, {int_attr("axis", -1)});
  EXPECT_EQ(values<float>(y), (std::vector<float>{1, 3, 5}));
  y = run_both("Compress", 11, {iota_tensor<float>({3, 2}), cond});  // flattened, short condition
  EXPECT_EQ(values<float>(y), (std::vector<float>{1}));
  EXPECT_FALSE(
      run_op("Compress", 11, {iota_tensor<float>({2}), Tensor::from_vector<bool>({3}, {0, 0, 1})})
          .is_ok());
  Result<std::vector<Tensor>> u =
      run_multi("Unique", 11, {f32({6}, {2, 1, 1, 3, 4, 3})}, 4, {int_attr("sorted", 0)});
  ASSERT_TRUE(u.is_ok()) << u.status().message();
  EXPECT_EQ(values<float>(u.value()[0]), (std::vector<float>{2, 1, 3, 4}));
  EXPECT_EQ(values<int64_t>(u.value()[1]), (std::vector<int64_t>{0, 1, 3, 4}));
  EXPECT_EQ(values<int64_t>(u.value()[2]), (std::vector<int64_t>{0, 1, 1, 2, 3, 2}));
  EXPECT_EQ(values<int64_t>(u.value()[3]), (std::vector<int64_t>{1, 2, 2, 1}));
  u = run_multi("Unique", 11, {Tensor::from_vector<std::string>({4}, {"b", "a", "b", "c"})}, 1);
  ASSERT_TRUE(u.is_ok()) << u.status().message();
  EXPECT_EQ(values<std::string>(u.value()[0]), (std::vector<std::string>{"a", "b", "c"}));
  u = run_multi("Unique", 11, {Tensor::from_vector<int32_t>({3, 2}, {1, 0, 0, 1, 1, 0})}, 4,
                {int_attr("axis", 0)});
  ASSERT_TRUE(u.is_ok()) << u.status().message();
  EXPECT_EQ(values<int32_t>(u.value()[0]), (std::vector<int32_t>{0, 1, 1, 0}));
  EXPECT_EQ(values<int64_t>(u.value()[2]), (std::vector<int64_t>{1, 0, 1}));
}

TEST(MatrixAndScanOps, TriluEyeLikeCumSumOneHot) {
  const Tensor x = iota_tensor<int32_t>({3, 3}, 1);
  Tensor y = run_both("Trilu", 14, {x, Tensor::scalar<int64_t>(-1)}, {int_attr("upper", 0)});
  EXPECT_EQ(values<int32_t>(y), (std::vector<int32_t>{0, 0, 0, 4, 0, 0, 7, 8, 0}));
  y = run_both("Trilu", 14, {x, Tensor::scalar<int64_t>(kMax)});
  EXPECT_EQ(values<int32_t>(y), std::vector<int32_t>(9, 0));
  y = run_both("EyeLike", 9, {iota_tensor<float>({2, 3})},
               {int_attr("k", 1), int_attr("dtype", static_cast<int64_t>(DType::kInt64))});
  EXPECT_EQ(values<int64_t>(y), (std::vector<int64_t>{0, 1, 0, 0, 0, 1}));
  y = run_both("CumSum", 14, {f32({2, 3}, {1, 2, 3, 4, 5, 6}), Tensor::scalar<int32_t>(-1)},
               {int_attr("exclusive", 1), int_attr("reverse", 1)});
  EXPECT_EQ(values<float>(y), (std::vector<float>{5, 3, 0, 11, 6, 0}));
  y = run_both("OneHot", 11,
               {f32({3}, {-1, 5, 1.7f}), Tensor::scalar<int64_t>(3), f32({2}, {0, 9})},
               {int_attr("axis", 0)});
  EXPECT_EQ(y.shape(), (Shape{3, 3}));
  EXPECT_EQ(values<float>(y), (std::vector<float>{0, 0, 0, 0, 0, 9, 9, 0, 0}));
}

TEST(LayoutOps, ReverseSequenceAndSpaceToDepth) {
  Tensor y = run_both("ReverseSequence", 10, {iota_tensor<int64_t>({2, 3}), i64({3, 1})},
                      {int_attr("time_axis", 1), int_attr("batch_axis", 0)});
  EXPECT_EQ(values<int64_t>(y), (std::vector<int64_t>{2, 1, 0, 3, 4, 5}));
  EXPECT_FALSE(run_op("ReverseSequence", 10, {iota_tensor<int64_t>({2, 3}), i64({3, 1})}).is_ok());
  y = run_both("SpaceToDepth", 13, {iota_tensor<float>({1, 1, 2, 4})}, {int_attr("blocksize", 2)});
  EXPECT_EQ(y.shape(), (Shape{1, 4, 1, 2}));
  EXPECT_EQ(values<float>(y), (std::vector<float>{0, 2, 1, 3, 4, 6, 5, 7}));
}

}  // namespace
}  // namespace onyx::ops

namespace onyx::ops {
namespace {

TEST(DataOpsEdges, EmptyAndZeroSizedCases) {
  using dm_test::i64;
  using dm_test::iota_tensor;
  using dm_test::run_op;
  using dm_test::values;
  // Slice of an empty axis with a negative step.
  Result<Tensor> r = run_op(
      "Slice", 13,
      {Tensor::empty(DType::kFloat32, {0, 2}), i64({-1}), i64({INT64_MIN}), i64({0}), i64({-1})});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(r.value().shape(), (Shape{0, 2}));
  // Expand of an empty tensor; Tile of strings.
  r = run_op("Expand", 13, {Tensor::empty(DType::kInt64, {0, 1}), i64({3})}, {}, false);
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(r.value().shape(), (Shape{0, 3}));
  r = run_op("Tile", 13, {Tensor::from_vector<std::string>({2}, {"x", "y"}), i64({2})});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(values<std::string>(r.value()), (std::vector<std::string>{"x", "y", "x", "y"}));
  // TopK with k = 0 gives empty outputs.
  ir::Node topk = dm_test::make_node("TopK", {iota_tensor<float>({2, 3}), i64({0})});
  topk.outputs = {"v", "i"};
  Result<std::vector<Tensor>> t =
      evaluate_node(topk, 11, {iota_tensor<float>({2, 3}), i64({0})}, nullptr, false);
  ASSERT_TRUE(t.is_ok()) << t.status().message();
  EXPECT_EQ(t.value()[0].shape(), (Shape{2, 0}));
  EXPECT_EQ(t.value()[1].shape(), (Shape{2, 0}));
  // GatherElements on strings; CumSum on integers in reverse.
  r = run_op("GatherElements", 13,
             {Tensor::from_vector<std::string>({3}, {"a", "b", "c"}), i64({2, 2, -3})});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(values<std::string>(r.value()), (std::vector<std::string>{"c", "c", "a"}));
  r = run_op("CumSum", 14,
             {Tensor::from_vector<int64_t>({3}, {1, 2, 3}), Tensor::scalar<int64_t>(0)},
             {dm_test::int_attr("reverse", 1)});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(values<int64_t>(r.value()), (std::vector<int64_t>{6, 5, 3}));
}

}  // namespace
}  // namespace onyx::ops
