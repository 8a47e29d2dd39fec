// Disabled optimizers (onnxruntime's disabled_optimizers): a named pass is skipped by
// opt::optimize_graph, Options::disable_optimizer and save_optimized_model; an unknown name is an
// error listing the known ones.
#include "opt/pass_test_util.h"

namespace onyx {
namespace {

using opt_test::count_op;
using opt_test::expect_same_outputs;
using opt_test::random_tensor;
using opt_test::run_unoptimized;
using testing::ModelBuilder;

// y = Relu(Conv(x, w)), plus an initializer nothing reads.
ModelBuilder conv_relu() {
  ModelBuilder m(17);
  m.input("x", DType::kFloat32, {1, 2, 5, 5});
  m.initializer("w", random_tensor({3, 2, 3, 3}, 1));
  m.initializer("unused", random_tensor({4}, 2));
  m.node("Conv", {"x", "w"}, {"c"});
  m.node("Relu", {"c"}, {"y"});
  m.output("y", DType::kFloat32);
  return m;
}

TEST(DisabledOptimizers, NamedPassIsSkipped) {
  ir::Model fused = conv_relu().model();
  ASSERT_TRUE(opt::optimize_graph(fused, opt::Level::kAll).is_ok());
  EXPECT_EQ(count_op(fused, "FusedConv"), 1);
  EXPECT_EQ(count_op(fused, "Relu"), 0);
  EXPECT_EQ(fused.graph.initializer("unused"), nullptr);

  ir::Model kept = conv_relu().model();
  ASSERT_TRUE(opt::optimize_graph(kept, opt::Level::kAll, nullptr,
                                  {"fuse_conv_activation", "prune_initializers"})
                  .is_ok());
  EXPECT_EQ(count_op(kept, "FusedConv"), 0);
  EXPECT_EQ(count_op(kept, "Conv"), 1);
  EXPECT_EQ(count_op(kept, "Relu"), 1);
  EXPECT_NE(kept.graph.initializer("unused"), nullptr);
}

TEST(DisabledOptimizers, UnknownNameListsTheKnownOnes) {
  ir::Model m = conv_relu().model();
  Result<int> r = opt::optimize_graph(m, opt::Level::kAll, nullptr, {"fuse_everything"});
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("unknown optimizer 'fuse_everything'"), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("fuse_conv_activation"), std::string::npos);
  // Also at level none: the name is checked whatever the level.
  r = opt::optimize_graph(m, opt::Level::kNone, nullptr, {"fuse_everything"});
  EXPECT_FALSE(r.is_ok());

  Result<Session> s = conv_relu().session(Options().disable_optimizer("nope"));
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.status().message().find("unknown optimizer 'nope'"), std::string::npos)
      << s.status().message();
}

TEST(DisabledOptimizers, SessionOutputsUnchanged) {
  ModelBuilder b = conv_relu();
  const Feeds feeds = {{"x", random_tensor({1, 2, 5, 5}, 3, -2.0f, 2.0f)}};
  Result<Session> s =
      b.session(Options().disable_optimizer("fuse_conv_activation").enable_profiling(""));
  ASSERT_TRUE(s.is_ok()) << s.status().message();
  Result<std::vector<Tensor>> out = s->run(feeds);
  ASSERT_TRUE(out.is_ok()) << out.status().message();
  expect_same_outputs(run_unoptimized(b.model(), feeds), out.value(), 0.0f);
  // The Relu ran as its own node.
  bool relu_ran = false;
  for (const ProfileEvent& e : s->profile_events()) relu_ran = relu_ran || e.op_type == "Relu";
  EXPECT_TRUE(relu_ran);
}

}  // namespace
}  // namespace onyx
