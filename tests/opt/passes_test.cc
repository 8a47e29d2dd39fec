#include <gtest/gtest.h>

#include "common/model_builder.h"
#include "opt/optimize.h"
#include "opt/pass_test_util.h"

namespace onyx {
namespace {

using testing::ModelBuilder;

using opt_test::random_tensor;

// x -> Conv -> act -> Identity -> Conv -> y, plus an unused Relu branch.
ModelBuilder conv_model(const std::string& act, int64_t opset) {
  ModelBuilder b(opset);
  b.input("x", DType::kFloat32, {1, 3, 9, 7});
  b.initializer("w1", random_tensor({4, 3, 3, 3}, 1));
  b.initializer("b1", random_tensor({4}, 2));
  b.initializer("w2", random_tensor({2, 4, 1, 1}, 3));
  b.node("Conv", {"x", "w1", "b1"}, {"c1"})
      .attributes.push_back(ModelBuilder::ints("pads", {1, 1, 1, 1}));
  if (act == "Clip") {
    b.initializer("lo", Tensor::scalar<float>(0.0f));
    b.initializer("hi", Tensor::scalar<float>(0.5f));
    b.node("Clip", {"c1", "lo", "hi"}, {"a1"});
  } else {
    b.node("Relu", {"c1"}, {"a1"});
  }
  b.node("Identity", {"a1"}, {"i1"});
  b.node("Relu", {"x"}, {"unused"});
  b.node("Conv", {"i1", "w2"}, {"y"});
  b.output("y", DType::kFloat32);
  return b;
}

TEST(OptPasses, FusionAndEliminationKeepResults) {
  for (const char* act : {"Relu", "Clip"}) {
    ModelBuilder b = conv_model(act, 13);
    ir::Model optimized = b.model();
    int changes = opt::optimize_graph(optimized, opt::Level::kAll).value();
    EXPECT_EQ(changes, 3) << act;  // identity, dead Relu, fused activation
    ASSERT_EQ(optimized.graph.nodes.size(), 2u);
    EXPECT_EQ(optimized.graph.nodes[0].op_type, "FusedConv");
    EXPECT_EQ(optimized.graph.nodes[0].attr_string("activation", ""), act);

    Tensor x = random_tensor({1, 3, 9, 7}, 4);
    auto plain = b.session(Options().opt_level(OptLevel::kNone)).value().run({{"x", x}});
    auto fused = b.session(Options().opt_level(OptLevel::kAll)).value().run({{"x", x}});
    ASSERT_TRUE(plain.is_ok() && fused.is_ok());
    const Tensor& p = plain.value()[0];
    const Tensor& f = fused.value()[0];
    ASSERT_EQ(p.shape(), f.shape());
    for (int64_t i = 0; i < p.numel(); ++i)
      EXPECT_NEAR(p.data<float>()[i], f.data<float>()[i], 1e-5f) << act << " at " << i;
  }
}

TEST(OptPasses, NoFusionWhenConvOutputHasOtherUses) {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {1, 1, 4, 4});
  b.initializer("w", random_tensor({1, 1, 1, 1}, 5));
  b.node("Conv", {"x", "w"}, {"c"});
  b.node("Relu", {"c"}, {"r"});
  b.output("r", DType::kFloat32);
  b.output("c", DType::kFloat32);
  ir::Model m = b.model();
  EXPECT_EQ(opt::run_pass(m, &opt::fuse_conv_activation).value(), 0);
  EXPECT_EQ(m.graph.nodes[0].op_type, "Conv");
}

TEST(OptPasses, IdentityFeedingGraphOutputIsKept) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {2});
  b.node("Identity", {"x"}, {"y"});
  b.output("y", DType::kFloat32);
  ir::Model m = b.model();
  EXPECT_EQ(opt::run_pass(m, &opt::eliminate_identity).value(), 0);
}

}  // namespace
}  // namespace onyx
