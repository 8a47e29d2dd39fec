// fuse_layer_norm: the written-out LayerNormalization of exporters below opset 17 becomes one
// node, outputs within float32 rounding; a shared intermediate blocks the fusion.
#include "opt/pass_test_util.h"

namespace onyx {
namespace {

using opt_test::apply_and_compare;
using opt_test::count_op;
using opt_test::random_tensor;
using testing::ModelBuilder;

ModelBuilder written_layer_norm(int64_t opset) {
  ModelBuilder b(opset);
  b.input("x", DType::kFloat32, {2, 3, 8}, {"batch", "", ""});
  b.initializer("two", Tensor::scalar<float>(2.0f));
  b.initializer("eps", Tensor::scalar<float>(1e-5f));
  b.initializer("gamma", random_tensor({8}, 1));
  b.initializer("beta", random_tensor({8}, 2));
  b.node("ReduceMean", {"x"}, {"mean"}).attributes.push_back(ModelBuilder::ints("axes", {-1}));
  b.node("Sub", {"x", "mean"}, {"d"});
  b.node("Pow", {"d", "two"}, {"p"});
  b.node("ReduceMean", {"p"}, {"var"}).attributes.push_back(ModelBuilder::ints("axes", {2}));
  b.node("Add", {"var", "eps"}, {"ve"});
  b.node("Sqrt", {"ve"}, {"sd"});
  b.node("Div", {"d", "sd"}, {"n"});
  b.node("Mul", {"n", "gamma"}, {"m"});
  b.node("Add", {"m", "beta"}, {"y"});
  b.output("y", DType::kFloat32);
  return b;
}

TEST(FuseLayerNorm, WrittenOutFormBecomesOneNode) {
  for (int64_t opset : {13, 17}) {
    SCOPED_TRACE(opset);
    ModelBuilder b = written_layer_norm(opset);
    int changes = 0;
    ir::Model m =
        apply_and_compare(b, &opt::fuse_layer_norm,
                          {{"x", random_tensor({2, 3, 8}, 3, -3.0f, 3.0f)}}, 1e-4f, &changes);
    EXPECT_EQ(changes, 1);
    ASSERT_EQ(m.graph.nodes.size(), 1u);
    EXPECT_EQ(m.graph.nodes[0].op_type, opset >= 17 ? "LayerNormalization" : "FusedLayerNorm");
    EXPECT_EQ(m.graph.nodes[0].inputs, (std::vector<std::string>{"x", "gamma", "beta"}));
    EXPECT_FLOAT_EQ(m.graph.nodes[0].attr_float("epsilon", 0.0f), 1e-5f);
  }
}

TEST(FuseLayerNorm, SharedIntermediateOrOtherAxisStays) {
  ModelBuilder b = written_layer_norm(13);
  b.output("sd", DType::kFloat32);  // the standard deviation is also a graph output
  ir::Model m = b.model();
  EXPECT_EQ(opt::run_pass(m, &opt::fuse_layer_norm).value(), 0);

  ModelBuilder c = written_layer_norm(13);
  c.model().graph.nodes[0].attributes[0].ints = {1};  // mean over axis 1, not the last
  m = c.model();
  EXPECT_EQ(opt::run_pass(m, &opt::fuse_layer_norm).value(), 0);
  EXPECT_EQ(count_op(m, "Sqrt"), 1);
}

}  // namespace
}  // namespace onyx
