// Extended-level passes on small graphs: folds within float32 rounding, fusions that keep NaN,
// and no rewrite when the intermediate value is a graph output or read twice.
#include <limits>

#include "opt/pass_test_util.h"

namespace onyx {
namespace {

using opt_test::apply_and_compare;
using opt_test::count_op;
using opt_test::random_tensor;
using testing::ModelBuilder;

ModelBuilder conv_then(const std::string& op, std::vector<Tensor> params, int64_t opset = 13) {
  ModelBuilder b(opset);
  b.input("x", DType::kFloat32, {1, 3, 6, 5});
  b.initializer("w", random_tensor({4, 3, 3, 3}, 1));
  b.initializer("b", random_tensor({4}, 2));
  b.node("Conv", {"x", "w", "b"}, {"c"})
      .attributes.push_back(ModelBuilder::ints("pads", {1, 1, 1, 1}));
  std::vector<std::string> inputs = {"c"};
  for (size_t i = 0; i < params.size(); ++i) {
    inputs.push_back("p" + std::to_string(i));
    b.initializer(inputs.back(), std::move(params[i]));
  }
  b.node(op, inputs, {"y"});
  b.output("y", DType::kFloat32);
  return b;
}

TEST(FoldConvBatchNorm, FoldsIntoWeightsAndBias) {
  ModelBuilder b =
      conv_then("BatchNormalization", {random_tensor({4}, 3), random_tensor({4}, 4),
                                       random_tensor({4}, 5), random_tensor({4}, 6, 0.1f, 2.0f)});
  int changes = 0;
  ir::Model m = apply_and_compare(b, &opt::fold_conv_batchnorm,
                                  {{"x", random_tensor({1, 3, 6, 5}, 7)}}, 1e-5f, &changes);
  EXPECT_EQ(changes, 1);
  ASSERT_EQ(m.graph.nodes.size(), 1u);
  EXPECT_EQ(m.graph.nodes[0].op_type, "Conv");
  EXPECT_EQ(m.graph.nodes[0].outputs[0], "y");
  EXPECT_NE(m.graph.nodes[0].inputs[1], "w");  // new weights; the shared original is untouched
}

TEST(FoldConvBatchNorm, ConvOutputThatIsAGraphOutputStays) {
  ModelBuilder b =
      conv_then("BatchNormalization", {random_tensor({4}, 3), random_tensor({4}, 4),
                                       random_tensor({4}, 5), random_tensor({4}, 6, 0.1f, 2.0f)});
  b.output("c", DType::kFloat32);
  ir::Model m = b.model();
  EXPECT_EQ(opt::run_pass(m, &opt::fold_conv_batchnorm).value(), 0);
  EXPECT_EQ(count_op(m, "BatchNormalization"), 1);
}

TEST(FoldConvAdd, PerChannelConstantBecomesBias) {
  ModelBuilder b = conv_then("Add", {random_tensor({1, 4, 1, 1}, 3)});
  int changes = 0;
  ir::Model m = apply_and_compare(b, &opt::fold_conv_add, {{"x", random_tensor({1, 3, 6, 5}, 7)}},
                                  1e-5f, &changes);
  EXPECT_EQ(changes, 1);
  ASSERT_EQ(m.graph.nodes.size(), 1u);
  EXPECT_EQ(m.graph.nodes[0].inputs[1], "w");  // weights kept as they are
}

TEST(FoldConvAdd, ConstantBroadcastOverWidthIsNotABias) {
  ModelBuilder b = conv_then("Add", {random_tensor({5}, 3)});  // adds along W, not channels
  ir::Model m = b.model();
  EXPECT_EQ(opt::run_pass(m, &opt::fold_conv_add).value(), 0);
}

TEST(FuseMatMulAdd, TwoDimensionalBecomesGemm) {
  ModelBuilder b(13);
  b.input("a", DType::kFloat32, {5, 7});
  b.initializer("w", random_tensor({7, 3}, 1));
  b.initializer("bias", random_tensor({3}, 2));
  b.node("MatMul", {"a", "w"}, {"m"});
  b.node("Add", {"bias", "m"}, {"y"});
  b.output("y", DType::kFloat32);
  int changes = 0;
  ir::Model m = apply_and_compare(b, &opt::fuse_matmul_add, {{"a", random_tensor({5, 7}, 3)}},
                                  1e-5f, &changes);
  EXPECT_EQ(changes, 1);
  ASSERT_EQ(m.graph.nodes.size(), 1u);
  EXPECT_EQ(m.graph.nodes[0].op_type, "Gemm");
  EXPECT_EQ(m.graph.nodes[0].inputs, (std::vector<std::string>{"a", "w", "bias"}));
}

TEST(FuseMatMulAdd, BatchedBecomesFusedMatMulBitForBit) {
  ModelBuilder b(13);
  b.input("a", DType::kFloat32, {2, 5, 7}, {"batch", "", ""});
  b.initializer("w", random_tensor({7, 3}, 1));
  b.initializer("bias", random_tensor({3}, 2));
  b.node("MatMul", {"a", "w"}, {"m"});
  b.node("Add", {"m", "bias"}, {"y"});
  b.output("y", DType::kFloat32);
  int changes = 0;
  ir::Model m = apply_and_compare(b, &opt::fuse_matmul_add, {{"a", random_tensor({2, 5, 7}, 3)}},
                                  0.0f, &changes);
  EXPECT_EQ(changes, 1);
  ASSERT_EQ(m.graph.nodes.size(), 1u);
  EXPECT_EQ(m.graph.nodes[0].op_type, "FusedMatMul");
  EXPECT_EQ(m.opset("com.onyx"), 1);
}

TEST(FuseMatMulAdd, SharedOrNonBiasOperandsStay) {
  ModelBuilder b(13);
  b.input("a", DType::kFloat32, {2, 5, 7});
  b.input("a2", DType::kFloat32, {5, 7});
  b.initializer("w", random_tensor({7, 3}, 1));
  b.initializer("full", random_tensor({5, 3}, 2));  // batched A: only a [N] bias fuses
  b.initializer("bias", random_tensor({3}, 2));
  b.node("MatMul", {"a", "w"}, {"m"});
  b.node("Add", {"m", "full"}, {"y"});
  b.node("MatMul", {"a2", "w"}, {"m2"});  // read twice
  b.node("Add", {"m2", "bias"}, {"y2"});
  b.node("Relu", {"m2"}, {"y3"});
  b.output("y", DType::kFloat32);
  b.output("y2", DType::kFloat32);
  b.output("y3", DType::kFloat32);
  ir::Model m = b.model();
  EXPECT_EQ(opt::run_pass(m, &opt::fuse_matmul_add).value(), 0);
}

// The unfused Relu / Clip keep NaN; the fused epilogue must too (every conv algorithm).
TEST(FuseConvActivation, NaNPassesThroughLikeTheUnfusedGraph) {
  struct Case {
    const char* what;
    Shape w;
    int64_t group;
  };
  for (const Case& c : {Case{"im2col 3x3", {8, 3, 3, 3}, 1}, Case{"pointwise", {8, 3, 1, 1}, 1},
                        Case{"depthwise", {3, 1, 3, 3}, 3}, Case{"winograd", {16, 16, 3, 3}, 1}}) {
    for (const char* act : {"Relu", "Clip"}) {
      const int64_t channels = c.w[1] * c.group;
      ModelBuilder b(13);
      b.input("x", DType::kFloat32, {1, channels, 10, 10});
      b.initializer("w", random_tensor(c.w, 1));
      ir::Node& conv = b.node("Conv", {"x", "w"}, {"c"});
      conv.attributes.push_back(ModelBuilder::int_attr("group", c.group));
      if (c.w[2] == 3) conv.attributes.push_back(ModelBuilder::ints("pads", {1, 1, 1, 1}));
      if (std::string(act) == "Clip") {
        b.initializer("lo", Tensor::scalar<float>(-0.5f));
        b.initializer("hi", Tensor::scalar<float>(0.5f));
        b.node("Clip", {"c", "lo", "hi"}, {"y"});
      } else {
        b.node("Relu", {"c"}, {"y"});
      }
      b.output("y", DType::kFloat32);
      Tensor x = random_tensor({1, channels, 10, 10}, 2);
      x.data<float>()[23] = std::numeric_limits<float>::quiet_NaN();
      int changes = 0;
      SCOPED_TRACE(std::string(c.what) + " " + act);
      ir::Model m = apply_and_compare(b, &opt::fuse_conv_activation, {{"x", x}}, 1e-5f, &changes);
      EXPECT_EQ(changes, 1);
      EXPECT_EQ(count_op(m, "FusedConv"), 1);
    }
  }
}

}  // namespace
}  // namespace onyx
