// fuse_gelu: the erf form of GELU as exported by PyTorch becomes one node, outputs within float32
// rounding; a shared intermediate blocks the fusion.
#include "opt/pass_test_util.h"

namespace onyx {
namespace {

using opt_test::apply_and_compare;
using opt_test::count_op;
using opt_test::random_tensor;
using testing::ModelBuilder;

// y = gelu(x) written out; half_first: (x * 0.5) * (1 + erf) instead of (x * (1 + erf)) * 0.5.
ModelBuilder written_gelu(int64_t opset, bool half_first) {
  ModelBuilder b(opset);
  b.input("x", DType::kFloat32, {3, 8});
  b.initializer("sqrt2", Tensor::scalar<float>(1.4142135f));
  b.initializer("one", Tensor::scalar<float>(1.0f));
  b.initializer("half", Tensor::scalar<float>(0.5f));
  b.node("Div", {"x", "sqrt2"}, {"d"});
  b.node("Erf", {"d"}, {"e"});
  b.node("Add", {"e", "one"}, {"a"});
  if (half_first) {
    b.node("Mul", {"half", "x"}, {"h"});
    b.node("Mul", {"h", "a"}, {"y"});
  } else {
    b.node("Mul", {"x", "a"}, {"m"});
    b.node("Mul", {"m", "half"}, {"y"});
  }
  b.output("y", DType::kFloat32);
  return b;
}

TEST(FuseGelu, ErfFormBecomesOneNode) {
  for (int64_t opset : {17, 20}) {
    for (bool half_first : {false, true}) {
      SCOPED_TRACE("opset " + std::to_string(opset) + (half_first ? " half first" : ""));
      ModelBuilder b = written_gelu(opset, half_first);
      int changes = 0;
      ir::Model m = apply_and_compare(
          b, &opt::fuse_gelu, {{"x", random_tensor({3, 8}, 1, -4.0f, 4.0f)}}, 1e-5f, &changes);
      EXPECT_EQ(changes, 1);
      ASSERT_EQ(m.graph.nodes.size(), 1u);
      EXPECT_EQ(m.graph.nodes[0].op_type, opset >= 20 ? "Gelu" : "FusedGelu");
      EXPECT_EQ(m.graph.nodes[0].inputs, std::vector<std::string>{"x"});
      EXPECT_EQ(m.graph.nodes[0].outputs[0], "y");
      EXPECT_EQ(m.opset("com.onyx"), opset >= 20 ? 0 : 1);
    }
  }
}

TEST(FuseGelu, SharedIntermediateOrWrongConstantStays) {
  ModelBuilder b = written_gelu(17, false);
  b.output("e", DType::kFloat32);  // Erf's output is also a graph output
  ir::Model m = b.model();
  EXPECT_EQ(opt::run_pass(m, &opt::fuse_gelu).value(), 0);

  ModelBuilder c = written_gelu(17, false);
  c.model().graph.initializers[2].second = Tensor::scalar<float>(0.25f);  // not 0.5
  m = c.model();
  EXPECT_EQ(opt::run_pass(m, &opt::fuse_gelu).value(), 0);
  EXPECT_EQ(count_op(m, "Erf"), 1);
}

}  // namespace
}  // namespace onyx
