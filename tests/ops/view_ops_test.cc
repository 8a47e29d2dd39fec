// Flatten, Reshape, Squeeze, Unsqueeze: shapes (incl. unknown / symbolic dims), aliasing, errors.
#include <gtest/gtest.h>

#include "data_movement_test_util.h"

namespace onyx::ops {
namespace {

using namespace dm_test;

constexpr int64_t kSymN = -2;  // a symbolic dim id
constexpr int64_t kSymM = -3;

ValueType typed(DType t, Shape dims) {
  return ValueType::tensor(t, std::move(dims));
}
ValueType constant(const Tensor& t) {
  ValueType v = ValueType::tensor(t.dtype(), t.shape());
  v.value = t;
  return v;
}
ir::Node node_with(const std::string& op, int inputs, std::vector<ir::Attribute> attrs = {}) {
  ir::Node n;
  n.name = "n";
  n.op_type = op;
  for (int i = 0; i < inputs; ++i) n.inputs.push_back("in" + std::to_string(i));
  n.outputs = {"out"};
  n.attributes = std::move(attrs);
  return n;
}

TEST(FlattenOp, AxesIncludingNegativeAndAliasing) {
  Tensor x = iota_tensor<float>({2, 3, 4, 5});
  for (auto [axis, rows] : std::vector<std::pair<int64_t, int64_t>>{
           {0, 1}, {1, 2}, {2, 6}, {4, 120}, {-1, 24}, {-4, 1}}) {
    auto y = run_op("Flatten", 13, {x}, {int_attr("axis", axis)});
    ASSERT_TRUE(y.is_ok()) << y.status().to_string();
    EXPECT_EQ(y->shape(), (Shape{rows, 120 / rows})) << axis;
    EXPECT_EQ(y->raw_data(), x.raw_data());  // a view
  }
  auto def = run_op("Flatten", 9, {x});
  ASSERT_TRUE(def.is_ok());
  EXPECT_EQ(def->shape(), (Shape{2, 60}));
}

TEST(FlattenOp, Errors) {
  Tensor x = iota_tensor<float>({2, 3});
  auto bad = run_op("Flatten", 13, {x}, {int_attr("axis", 3)});
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find("out of range"), std::string::npos);
  EXPECT_FALSE(run_op("Flatten", 9, {x}, {int_attr("axis", -1)}).is_ok());  // negative < 11
}

TEST(FlattenOp, SymbolicDims) {
  auto out = infer_only(node_with("Flatten", 1), 13, {typed(DType::kFloat32, {kSymN, 3, 4})});
  ASSERT_TRUE(out.is_ok());
  EXPECT_EQ((*out)[0].dims, (Shape{kSymN, 12}));
  out = infer_only(node_with("Flatten", 1, {int_attr("axis", 2)}), 13,
                   {typed(DType::kFloat32, {kSymN, 3, kUnknownDim})});
  EXPECT_EQ((*out)[0].dims, (Shape{kUnknownDim, kUnknownDim}));
  ValueType no_rank;
  no_rank.dtype = DType::kFloat32;
  out = infer_only(node_with("Flatten", 1), 13, {no_rank});
  EXPECT_EQ((*out)[0].dims, (Shape{kUnknownDim, kUnknownDim}));
}

TEST(ReshapeOp, ZeroCopyMinusOneAndAllowzero) {
  Tensor x = iota_tensor<int32_t>({2, 3, 4});
  auto y = run_op("Reshape", 13, {x, i64({0, -1})});
  ASSERT_TRUE(y.is_ok()) << y.status().to_string();
  EXPECT_EQ(y->shape(), (Shape{2, 12}));
  EXPECT_EQ(y->raw_data(), x.raw_data());
  y = run_op("Reshape", 13, {x, i64({4, 0, -1})});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(y->shape(), (Shape{4, 3, 2}));
  // allowzero: 0 is literal (here invalid since counts differ), before 14 it is ignored.
  EXPECT_FALSE(run_op("Reshape", 14, {x, i64({0, 24})}, {int_attr("allowzero", 1)}).is_ok());
  y = run_op("Reshape", 13, {x, i64({0, 12})}, {int_attr("allowzero", 1)});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(y->shape(), (Shape{2, 12}));
  Tensor empty = Tensor::empty(DType::kFloat32, {0, 3});
  y = run_op("Reshape", 14, {empty, i64({3, 0})}, {int_attr("allowzero", 1)});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(y->shape(), (Shape{3, 0}));
}

TEST(ReshapeOp, Opset1ShapeAttribute) {
  Tensor x = iota_tensor<float>({6});
  auto y = run_op("Reshape", 4, {x}, {ints_attr("shape", {3, -1})});
  ASSERT_TRUE(y.is_ok()) << y.status().to_string();
  EXPECT_EQ(y->shape(), (Shape{3, 2}));
  EXPECT_FALSE(run_op("Reshape", 4, {x}).is_ok());  // attribute required
}

TEST(ReshapeOp, Errors) {
  Tensor x = iota_tensor<float>({2, 3});
  auto e = run_op("Reshape", 13, {x, i64({-1, -1})});
  ASSERT_FALSE(e.is_ok());
  EXPECT_NE(e.status().message().find("more than one -1"), std::string::npos);
  EXPECT_NE(e.status().message().find("input 1"), std::string::npos);
  EXPECT_FALSE(run_op("Reshape", 13, {x, i64({4, -1})}).is_ok());    // not divisible
  EXPECT_FALSE(run_op("Reshape", 13, {x, i64({5})}).is_ok());        // count mismatch
  EXPECT_FALSE(run_op("Reshape", 13, {x, i64({-2, 3})}).is_ok());    // invalid entry
  EXPECT_FALSE(run_op("Reshape", 13, {x, i64({0, 0, 0})}).is_ok());  // copy past rank
  EXPECT_FALSE(run_op("Reshape", 14, {x, i64({0, -1})}, {int_attr("allowzero", 1)}).is_ok());
  auto bad_type = run_op("Reshape", 13, {x, Tensor::from_vector<int32_t>({1}, {6})});
  ASSERT_FALSE(bad_type.is_ok());
}

TEST(ReshapeOp, RuntimeShapeWhenNotConstant) {
  Tensor x = iota_tensor<float>({2, 3});
  auto y = run_op("Reshape", 13, {x, i64({3, -1})}, {}, /*constant=*/false);
  ASSERT_TRUE(y.is_ok()) << y.status().to_string();
  EXPECT_EQ(y->shape(), (Shape{3, 2}));
  EXPECT_EQ(values<float>(*y), values<float>(x));
  auto bad = run_op("Reshape", 13, {x, i64({4, -1})}, {}, false);
  ASSERT_FALSE(bad.is_ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kRuntimeException);
}

TEST(ReshapeOp, SymbolicInference) {
  // [N, C=3, 4, 5] -> [0, -1] = [N, 60]
  auto out = infer_only(node_with("Reshape", 2), 13,
                        {typed(DType::kFloat32, {kSymN, 3, 4, 5}), constant(i64({0, -1}))});
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  EXPECT_EQ((*out)[0].dims, (Shape{kSymN, 60}));
  // [N, M, 6] -> [0, 0, 2, 3]
  out = infer_only(node_with("Reshape", 2), 13,
                   {typed(DType::kFloat32, {kSymN, kSymM, 6}), constant(i64({0, 0, 2, 3}))});
  EXPECT_EQ((*out)[0].dims, (Shape{kSymN, kSymM, 2, 3}));
  // [N, 6] -> [-1, 3] : -1 = 2N, not expressible
  out = infer_only(node_with("Reshape", 2), 13,
                   {typed(DType::kFloat32, {kSymN, 6}), constant(i64({-1, 3}))});
  EXPECT_EQ((*out)[0].dims, (Shape{kUnknownDim, 3}));
  // [N, 6] -> [6, -1] : -1 = N
  out = infer_only(node_with("Reshape", 2), 13,
                   {typed(DType::kFloat32, {kSymN, 6}), constant(i64({6, -1}))});
  EXPECT_EQ((*out)[0].dims, (Shape{6, kSymN}));
  // Non-constant shape of known length: rank known, dims unknown.
  out = infer_only(node_with("Reshape", 2), 13,
                   {typed(DType::kFloat32, {2, 6}), typed(DType::kInt64, {3})});
  EXPECT_TRUE((*out)[0].has_shape);
  EXPECT_EQ((*out)[0].dims, (Shape{kUnknownDim, kUnknownDim, kUnknownDim}));
  out = infer_only(node_with("Reshape", 2), 13,
                   {typed(DType::kFloat32, {2, 6}), typed(DType::kInt64, {kSymN})});
  EXPECT_FALSE((*out)[0].has_shape);
}

TEST(SqueezeOp, AttributeAndInputAxes) {
  Tensor x = iota_tensor<float>({1, 3, 1, 2});
  auto y = run_op("Squeeze", 11, {x}, {ints_attr("axes", {0, -2})});
  ASSERT_TRUE(y.is_ok()) << y.status().to_string();
  EXPECT_EQ(y->shape(), (Shape{3, 2}));
  EXPECT_EQ(y->raw_data(), x.raw_data());
  y = run_op("Squeeze", 13, {x, i64({2})});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(y->shape(), (Shape{1, 3, 2}));
  y = run_op("Squeeze", 13, {x});  // all ones
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(y->shape(), (Shape{3, 2}));
  y = run_op("Squeeze", 13, {x, i64({0})}, {}, /*constant=*/false);
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(y->shape(), (Shape{3, 1, 2}));
}

TEST(SqueezeOp, Errors) {
  Tensor x = iota_tensor<float>({1, 3});
  auto e = run_op("Squeeze", 13, {x, i64({1})});
  ASSERT_FALSE(e.is_ok());
  EXPECT_NE(e.status().message().find("size 3"), std::string::npos);
  EXPECT_FALSE(run_op("Squeeze", 13, {x, i64({2})}).is_ok());
  EXPECT_FALSE(run_op("Squeeze", 13, {x, i64({0, -2})}).is_ok());  // repeated
  EXPECT_FALSE(run_op("Squeeze", 13, {x, i64({1})}, {}, false).is_ok());
}

TEST(SqueezeOp, SymbolicAndUnknown) {
  auto out = infer_only(node_with("Squeeze", 2), 13,
                        {typed(DType::kFloat32, {kSymN, 1, kSymM}), constant(i64({1}))});
  ASSERT_TRUE(out.is_ok());
  EXPECT_EQ((*out)[0].dims, (Shape{kSymN, kSymM}));
  out = infer_only(node_with("Squeeze", 1), 13, {typed(DType::kFloat32, {kSymN, 1})});
  EXPECT_FALSE((*out)[0].has_shape);  // N might be 1
}

TEST(UnsqueezeOp, AttributeAndInputAxes) {
  Tensor x = iota_tensor<int64_t>({3, 4});
  auto y = run_op("Unsqueeze", 11, {x}, {ints_attr("axes", {0, -1})});
  ASSERT_TRUE(y.is_ok()) << y.status().to_string();
  EXPECT_EQ(y->shape(), (Shape{1, 3, 4, 1}));
  y = run_op("Unsqueeze", 13, {x, i64({3, 1})});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(y->shape(), (Shape{3, 1, 4, 1}));
  EXPECT_EQ(y->raw_data(), x.raw_data());
  y = run_op("Unsqueeze", 13, {Tensor::scalar<float>(2.0f), i64({0})});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(y->shape(), (Shape{1}));
  y = run_op("Unsqueeze", 13, {x, i64({1})}, {}, /*constant=*/false);
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(y->shape(), (Shape{3, 1, 4}));
  auto out = infer_only(node_with("Unsqueeze", 2), 13,
                        {typed(DType::kFloat32, {kSymN, 4}), constant(i64({0}))});
  EXPECT_EQ((*out)[0].dims, (Shape{1, kSymN, 4}));
}

TEST(UnsqueezeOp, Errors) {
  Tensor x = iota_tensor<float>({3});
  EXPECT_FALSE(run_op("Unsqueeze", 13, {x, i64({2})}).is_ok());
  EXPECT_FALSE(run_op("Unsqueeze", 13, {x, i64({0, 0})}).is_ok());
  EXPECT_FALSE(run_op("Unsqueeze", 11, {x}).is_ok());  // attribute required
  EXPECT_FALSE(run_op("Unsqueeze", 13, {x}).is_ok());  // input required
}

// The view-op base (ops/common/view_op.h): run() copies input 0 into output 0 when the runtime
// gave them separate storage, for every view op and element type.
TEST(ViewOpBase, RunCopiesWhenTheOutputIsNotAliased) {
  struct Case {
    const char* op;
    int64_t opset;
    std::vector<ir::Attribute> attrs;
    Shape out_shape;
  };
  const Tensor s = Tensor::from_vector<std::string>({2, 1}, {"p", "q"});
  const Tensor f = iota_tensor<float>({2, 1});
  const std::vector<Case> cases = {{"Identity", 13, {}, {2, 1}},
                                   {"Flatten", 13, {int_attr("axis", 0)}, {1, 2}},
                                   {"Reshape", 4, {ints_attr("shape", {2})}, {2}},
                                   {"Squeeze", 11, {ints_attr("axes", {1})}, {2}},
                                   {"Unsqueeze", 11, {ints_attr("axes", {0})}, {1, 2, 1}}};
  for (const Case& c : cases) {
    for (const Tensor& x : {s, f}) {
      ir::Node node = node_with(c.op, 1, c.attrs);
      auto kernel = create_kernel(node, c.opset);
      ASSERT_TRUE(kernel.is_ok()) << kernel.status().to_string();
      EXPECT_TRUE((*kernel)->output_aliases_input()) << c.op;
      Tensor y = Tensor::empty(x.dtype(), c.out_shape);
      RunContext ctx(node, {&x}, {&y}, nullptr, nullptr);
      ASSERT_TRUE((*kernel)->run(ctx).is_ok()) << c.op;
      ASSERT_NE(y.raw_data(), x.raw_data());
      if (x.dtype() == DType::kString)
        EXPECT_EQ(values<std::string>(y), values<std::string>(x)) << c.op;
      else
        EXPECT_EQ(values<float>(y), values<float>(x)) << c.op;
    }
  }
}

TEST(ViewOpBase, NonTensorInputIsNotImplemented) {
  // Flatten takes tensors only: a sequence input is refused at inference.
  ir::Node node = node_with("Flatten", 1);
  auto kernel = create_kernel(node, 13);
  ASSERT_TRUE(kernel.is_ok());
  EXPECT_FALSE((*kernel)->accepts_values());
  ValueType seq = ValueType::sequence(DType::kFloat32);
  std::vector<ValueType> outs(1);
  InferContext ctx(node, 13, {&seq}, &outs);
  Status st = (*kernel)->infer(ctx);
  EXPECT_EQ(st.code(), StatusCode::kNotImplemented);
  EXPECT_NE(st.message().find("not a tensor"), std::string::npos) << st.message();
}

TEST(ViewOpBase, IdentityPassesSequencesThrough) {
  ir::Node node = node_with("Identity", 1);
  auto kernel = create_kernel(node, 16);
  ASSERT_TRUE(kernel.is_ok());
  EXPECT_TRUE((*kernel)->accepts_values());
  ValueType seq = ValueType::sequence(DType::kInt64);
  std::vector<ValueType> outs(1);
  InferContext ctx(node, 16, {&seq}, &outs);
  ASSERT_TRUE((*kernel)->infer(ctx).is_ok());
  EXPECT_EQ(outs[0].kind, ValueKind::kSequence);
  EXPECT_EQ(outs[0].dtype, DType::kInt64);
}

}  // namespace
}  // namespace onyx::ops
