// Basic-level passes on small graphs: pattern found and rewritten with outputs unchanged bit for
// bit; pattern left alone when a value is a graph output, read twice, or overridable.
#include "opt/pass_test_util.h"

namespace onyx {
namespace {

using opt_test::apply_and_compare;
using opt_test::count_op;
using opt_test::random_tensor;
using testing::ModelBuilder;

TEST(FoldConstants, ConstantSubgraphBecomesInitializer) {
  ModelBuilder b(17);
  b.input("x", DType::kFloat32, {3, 2});
  b.initializer("w", random_tensor({2, 3}, 1));
  b.node("Transpose", {"w"}, {"wt"}).attributes.push_back(ModelBuilder::ints("perm", {1, 0}));
  b.node("Neg", {"wt"}, {"nwt"});
  b.node("Add", {"x", "nwt"}, {"y"});
  b.output("y", DType::kFloat32);
  int changes = 0;
  ir::Model m =
      apply_and_compare(b, &opt::fold_constants, {{"x", random_tensor({3, 2}, 2)}}, 0.0f, &changes);
  EXPECT_EQ(changes, 2);
  ASSERT_EQ(m.graph.nodes.size(), 1u);
  EXPECT_EQ(m.graph.nodes[0].op_type, "Add");
  ASSERT_NE(m.graph.initializer("nwt"), nullptr);
  EXPECT_EQ(m.graph.initializer("nwt")->shape(), (Shape{3, 2}));
}

TEST(FoldConstants, OverridableInitializerAndGraphOutputAreNotFolded) {
  ModelBuilder b(17);
  b.input("x", DType::kFloat32, {2});
  b.input("bias", DType::kFloat32, {2});  // has a default: the caller may override it
  b.initializer("bias", random_tensor({2}, 3));
  b.initializer("c", random_tensor({2}, 4));
  b.node("Neg", {"bias"}, {"nb"});
  b.node("Neg", {"c"}, {"nc"});  // a graph output: keeps its producer
  b.node("Add", {"x", "nb"}, {"y"});
  b.output("y", DType::kFloat32);
  b.output("nc", DType::kFloat32);
  ir::Model m = b.model();
  EXPECT_EQ(opt::run_pass(m, &opt::fold_constants).value(), 0);
  EXPECT_EQ(m.graph.nodes.size(), 3u);
}

TEST(EliminateNoopOps, CastToSameTypeAndInferenceDropoutGo) {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {4});
  b.node("Cast", {"x"}, {"c"}).attributes.push_back(ModelBuilder::int_attr("to", 1));
  b.node("Dropout", {"c"}, {"d"});
  b.node("Relu", {"d"}, {"y"});
  b.output("y", DType::kFloat32);
  int changes = 0;
  ir::Model m = apply_and_compare(b, &opt::eliminate_noop_ops, {{"x", random_tensor({4}, 5)}}, 0.0f,
                                  &changes);
  EXPECT_EQ(changes, 2);
  ASSERT_EQ(m.graph.nodes.size(), 1u);
  EXPECT_EQ(m.graph.nodes[0].inputs[0], "x");
}

TEST(EliminateNoopOps, RealCastUsedMaskAndTrainingDropoutStay) {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {4});
  b.initializer("ratio", Tensor::scalar<float>(0.5f));
  b.initializer("training", Tensor::scalar<bool>(true));
  b.node("Cast", {"x"}, {"h"}).attributes.push_back(ModelBuilder::int_attr("to", 10));
  b.node("Cast", {"h"}, {"c"}).attributes.push_back(ModelBuilder::int_attr("to", 1));
  b.node("Dropout", {"c"}, {"d", "mask"});
  b.node("Dropout", {"d", "ratio", "training"}, {"y"});
  b.output("y", DType::kFloat32);
  b.output("mask", DType::kBool);
  ir::Model m = b.model();
  EXPECT_EQ(opt::run_pass(m, &opt::eliminate_noop_ops).value(), 0);
  EXPECT_EQ(m.graph.nodes.size(), 4u);
}

TEST(CancelInverseOps, InverseTransposesCancel) {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {2, 3, 4});
  b.node("Transpose", {"x"}, {"t"}).attributes.push_back(ModelBuilder::ints("perm", {2, 0, 1}));
  b.node("Transpose", {"t"}, {"u"}).attributes.push_back(ModelBuilder::ints("perm", {1, 2, 0}));
  b.node("Relu", {"u"}, {"y"});
  b.output("y", DType::kFloat32);
  int changes = 0;
  ir::Model m = apply_and_compare(b, &opt::cancel_inverse_ops, {{"x", random_tensor({2, 3, 4}, 6)}},
                                  0.0f, &changes);
  EXPECT_EQ(changes, 1);
  EXPECT_EQ(m.graph.nodes.back().inputs[0], "x");  // Relu reads x; the first Transpose is dead
}

TEST(CancelInverseOps, TransposesComposeAndReshapesChain) {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {2, 3, 4});
  b.initializer("s1", Tensor::from_vector<int64_t>({2}, {6, 4}));
  b.initializer("s2", Tensor::from_vector<int64_t>({2}, {4, -1}));
  b.node("Transpose", {"x"}, {"t"}).attributes.push_back(ModelBuilder::ints("perm", {1, 0, 2}));
  b.node("Transpose", {"t"}, {"u"}).attributes.push_back(ModelBuilder::ints("perm", {0, 2, 1}));
  b.node("Reshape", {"u", "s1"}, {"r1"});
  b.node("Reshape", {"r1", "s2"}, {"y"});
  b.output("y", DType::kFloat32);
  int changes = 0;
  ir::Model m = apply_and_compare(b, &opt::cancel_inverse_ops, {{"x", random_tensor({2, 3, 4}, 7)}},
                                  0.0f, &changes);
  EXPECT_EQ(changes, 2);
  EXPECT_EQ(m.graph.nodes[1].inputs[0], "x");
  EXPECT_EQ(m.graph.nodes[1].attr_ints("perm"), (std::vector<int64_t>{1, 2, 0}));
  EXPECT_EQ(m.graph.nodes[3].inputs[0], "u");
}

TEST(CancelInverseOps, ReshapeCopyingDimsAndSharedOutputsStay) {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {2, 3, 4});
  b.initializer("s1", Tensor::from_vector<int64_t>({2}, {6, 4}));
  b.initializer("s2", Tensor::from_vector<int64_t>({3}, {0, 2, 2}));  // 0 copies r1's dim 0
  b.initializer("axes", Tensor::from_vector<int64_t>({1}, {0}));
  b.node("Reshape", {"x", "s1"}, {"r1"});
  b.node("Reshape", {"r1", "s2"}, {"y"});
  b.node("Unsqueeze", {"x", "axes"}, {"un"});  // read by Squeeze and a graph output
  b.node("Squeeze", {"un", "axes"}, {"z"});
  b.output("y", DType::kFloat32);
  b.output("z", DType::kFloat32);
  ir::Model m = b.model();
  EXPECT_EQ(opt::run_pass(m, &opt::cancel_inverse_ops).value(), 0);
  b.output("un", DType::kFloat32);
  m = b.model();
  EXPECT_EQ(opt::run_pass(m, &opt::cancel_inverse_ops).value(), 0);  // z is a graph output
}

TEST(CancelInverseOps, UnsqueezeSqueezePairCancels) {
  for (int64_t opset : {11, 13}) {
    ModelBuilder b(opset);
    b.input("x", DType::kFloat32, {2, 3});
    if (opset >= 13) {
      b.initializer("axes", Tensor::from_vector<int64_t>({2}, {0, 3}));
      b.node("Unsqueeze", {"x", "axes"}, {"u"});
      b.node("Squeeze", {"u", "axes"}, {"s"});
    } else {
      b.node("Unsqueeze", {"x"}, {"u"}).attributes.push_back(ModelBuilder::ints("axes", {0, 3}));
      b.node("Squeeze", {"u"}, {"s"}).attributes.push_back(ModelBuilder::ints("axes", {3, 0}));
    }
    b.node("Relu", {"s"}, {"y"});
    b.output("y", DType::kFloat32);
    int changes = 0;
    ir::Model m = apply_and_compare(b, &opt::cancel_inverse_ops, {{"x", random_tensor({2, 3}, 8)}},
                                    0.0f, &changes);
    EXPECT_EQ(changes, 1) << opset;
    EXPECT_EQ(m.graph.nodes.back().inputs[0], "x") << opset;
  }
}

TEST(PruneInitializers, OnlyUnreadNonInputInitializersGo) {
  ModelBuilder b(17);
  b.input("x", DType::kFloat32, {2});
  b.input("d", DType::kFloat32, {2});
  b.initializer("d", random_tensor({2}, 9));      // declared input: interface
  b.initializer("used", random_tensor({2}, 10));  // read
  b.initializer("unused", random_tensor({2}, 11));
  b.node("Add", {"x", "used"}, {"y"});
  b.output("y", DType::kFloat32);
  ir::Model m = b.model();
  EXPECT_EQ(opt::run_pass(m, &opt::prune_initializers).value(), 1);
  EXPECT_EQ(m.graph.initializer("unused"), nullptr);
  EXPECT_NE(m.graph.initializer("d"), nullptr);
  EXPECT_EQ(count_op(m, "Add"), 1);
}

}  // namespace
}  // namespace onyx
