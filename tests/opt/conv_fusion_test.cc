// FusedConv's extended contract: residual input and the activations beyond Relu/Clip, made by
// fuse_conv_residual and fuse_conv_activation; outputs bit for bit those of the unfused graph.
#include <limits>

#include "opt/pass_test_util.h"

namespace onyx {
namespace {

using opt_test::count_op;
using opt_test::expect_same_outputs;
using opt_test::random_tensor;
using opt_test::run_unoptimized;
using testing::ModelBuilder;

constexpr int64_t kC = 4;

ModelBuilder conv_base() {
  ModelBuilder b(14);
  b.input("x", DType::kFloat32, {1, kC, 6, 5}, {"batch", "", "", ""});
  b.initializer("w", random_tensor({kC, kC, 3, 3}, 1));
  b.initializer("b", random_tensor({kC}, 2));
  b.node("Conv", {"x", "w", "b"}, {"c"})
      .attributes.push_back(ModelBuilder::ints("pads", {1, 1, 1, 1}));
  return b;
}

// Runs the model at level none and level all; returns the optimized graph.
ir::Model compare_levels(ModelBuilder& b, const Tensor& x) {
  ir::Model optimized = b.model();
  EXPECT_TRUE(opt::optimize_graph(optimized, opt::Level::kAll).is_ok());
  expect_same_outputs(run_unoptimized(b.model(), {{"x", x}}),
                      run_unoptimized(optimized, {{"x", x}}), 0.0f);
  return optimized;
}

Tensor input_with_nan() {
  Tensor x = random_tensor({1, kC, 6, 5}, 3, -3.0f, 3.0f);
  x.data<float>()[17] = std::numeric_limits<float>::quiet_NaN();
  return x;
}

TEST(FuseConvResidual, ResidualAddAndActivationBecomeOneNode) {
  for (const char* act : {"Relu", "Clip", ""}) {
    SCOPED_TRACE(act);
    ModelBuilder b = conv_base();
    b.node("Add", {"c", "x"}, {"s"});  // ResNet block: conv(x) + x
    if (std::string(act) == "Relu") {
      b.node("Relu", {"s"}, {"y"});
    } else if (std::string(act) == "Clip") {
      b.initializer("lo", Tensor::scalar<float>(-1.0f));
      b.initializer("hi", Tensor::scalar<float>(2.0f));
      b.node("Clip", {"s", "lo", "hi"}, {"y"});
    } else {
      b.node("Identity", {"s"}, {"y"});
    }
    b.output("y", DType::kFloat32);
    ir::Model m = compare_levels(b, input_with_nan());
    ASSERT_EQ(m.graph.nodes.size(), std::string(act).empty() ? 2u : 1u);
    EXPECT_EQ(m.graph.nodes[0].op_type, "FusedConv");
    EXPECT_EQ(m.graph.nodes[0].inputs.back(), "x");
    EXPECT_EQ(m.graph.nodes[0].attr_string("activation", ""), act);
  }
}

TEST(FuseConvResidual, BroadcastAddOrSharedConvOutputStays) {
  ModelBuilder b = conv_base();
  b.input("r", DType::kFloat32, {1, kC, 1, 5});  // broadcasts: not a residual
  b.node("Add", {"c", "r"}, {"y"});
  b.node("Relu", {"c"}, {"y2"});  // c read twice
  b.output("y", DType::kFloat32);
  b.output("y2", DType::kFloat32);
  ir::Model m = b.model();
  EXPECT_EQ(opt::run_pass(m, &opt::fuse_conv_residual).value(), 0);
  EXPECT_EQ(count_op(m, "Conv"), 1);
}

TEST(FuseConvActivation, SigmoidHardSwishAndSiLUFuse) {
  for (const char* act : {"Sigmoid", "HardSwish", "SiLU"}) {
    SCOPED_TRACE(act);
    ModelBuilder b = conv_base();
    if (std::string(act) == "SiLU") {
      b.node("Sigmoid", {"c"}, {"sig"});
      b.node("Mul", {"sig", "c"}, {"y"});
    } else {
      b.node(act, {"c"}, {"y"});
    }
    b.output("y", DType::kFloat32);
    ir::Model m = compare_levels(b, input_with_nan());
    ASSERT_EQ(m.graph.nodes.size(), 1u);
    EXPECT_EQ(m.graph.nodes[0].attr_string("activation", ""), act);
  }
}

TEST(FuseConvActivation, SiLUWithConvOutputReadElsewhereStays) {
  ModelBuilder b = conv_base();
  b.node("Sigmoid", {"c"}, {"sig"});
  b.node("Mul", {"c", "sig"}, {"y"});
  b.node("Neg", {"c"}, {"z"});
  b.output("y", DType::kFloat32);
  b.output("z", DType::kFloat32);
  ir::Model m = b.model();
  EXPECT_EQ(opt::run_pass(m, &opt::fuse_conv_activation).value(), 0);
  EXPECT_EQ(count_op(m, "Mul"), 1);
}

}  // namespace
}  // namespace onyx
