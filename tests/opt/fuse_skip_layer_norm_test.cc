// fuse_skip_layer_norm: residual Add -> LayerNormalization becomes one com.onyx SkipLayerNorm whose
// outputs (and the residual sum, when it is read elsewhere) equal the unfused graph's; broadcasting
// Adds, other axes and read statistics are left alone.
#include "opt/pass_test_util.h"

namespace onyx {
namespace {

using opt_test::apply_and_compare;
using opt_test::count_op;
using opt_test::expect_same_outputs;
using opt_test::random_tensor;
using opt_test::run_unoptimized;
using testing::ModelBuilder;

// y = LayerNormalization(a + b); with `pre_norm` the sum is also read by a Mul (GPT's residual).
ModelBuilder add_norm(bool pre_norm, std::vector<int64_t> b_dims = {2, 3, 8}) {
  ModelBuilder m(17);
  m.input("a", DType::kFloat32, {2, 3, 8}, {"batch", "", ""});
  m.input("b", DType::kFloat32, b_dims);
  m.initializer("gamma", random_tensor({8}, 1));
  m.initializer("beta", random_tensor({8}, 2));
  m.node("Add", {"a", "b"}, {"s"});
  ir::Node& ln = m.node("LayerNormalization", {"s", "gamma", "beta"}, {"y"});
  ln.attributes.push_back(ModelBuilder::int_attr("axis", -1));
  m.output("y", DType::kFloat32);
  if (pre_norm) {
    m.node("Mul", {"s", "y"}, {"r"});
    m.output("r", DType::kFloat32);
  }
  return m;
}

Feeds feeds(std::vector<int64_t> b_dims = {2, 3, 8}) {
  return {{"a", random_tensor({2, 3, 8}, 3, -3.0f, 3.0f)},
          {"b", random_tensor(std::move(b_dims), 4, -3.0f, 3.0f)}};
}

TEST(FuseSkipLayerNorm, PostNormBecomesOneNode) {
  ModelBuilder b = add_norm(false);
  int changes = 0;
  ir::Model m = apply_and_compare(b, &opt::fuse_skip_layer_norm, feeds(), 0.0f, &changes);
  EXPECT_EQ(changes, 1);
  ASSERT_EQ(m.graph.nodes.size(), 1u);
  EXPECT_EQ(m.graph.nodes[0].op_type, "SkipLayerNorm");
  EXPECT_EQ(m.graph.nodes[0].inputs, (std::vector<std::string>{"a", "b", "gamma", "beta"}));
  EXPECT_EQ(m.graph.nodes[0].outputs, (std::vector<std::string>{"y"}));
}

TEST(FuseSkipLayerNorm, PreNormKeepsTheSum) {
  ModelBuilder b = add_norm(true);
  int changes = 0;
  ir::Model m = apply_and_compare(b, &opt::fuse_skip_layer_norm, feeds(), 0.0f, &changes);
  EXPECT_EQ(changes, 1);
  ASSERT_EQ(m.graph.nodes.size(), 2u);
  EXPECT_EQ(m.graph.nodes[0].op_type, "SkipLayerNorm");
  EXPECT_EQ(m.graph.nodes[0].outputs, (std::vector<std::string>{"y", "s"}));
}

TEST(FuseSkipLayerNorm, SessionLevelsAgree) {
  ModelBuilder b = add_norm(true);
  Result<Session> all = b.session(Options().opt_level(OptLevel::kAll).threads(2));
  ASSERT_TRUE(all.is_ok()) << all.status().message();
  Result<std::vector<Tensor>> out = all->run(feeds());
  ASSERT_TRUE(out.is_ok()) << out.status().message();
  expect_same_outputs(run_unoptimized(b.model(), feeds()), out.value(), 0.0f);
}

TEST(FuseSkipLayerNorm, OtherFormsStay) {
  // b broadcasts ([8] against [2, 3, 8]).
  ModelBuilder bc = add_norm(false, {8});
  ir::Model m = bc.model();
  EXPECT_EQ(opt::run_pass(m, &opt::fuse_skip_layer_norm).value(), 0);
  // Normalization over the last two axes.
  ModelBuilder axis = add_norm(false);
  axis.model().graph.nodes[1].attributes[0].i = 1;
  m = axis.model();
  EXPECT_EQ(opt::run_pass(m, &opt::fuse_skip_layer_norm).value(), 0);
  // The Mean output is read.
  ModelBuilder stats = add_norm(false);
  stats.model().graph.nodes[1].outputs.push_back("mean");
  stats.output("mean", DType::kFloat32);
  m = stats.model();
  EXPECT_EQ(opt::run_pass(m, &opt::fuse_skip_layer_norm).value(), 0);
  EXPECT_EQ(count_op(m, "Add"), 1);
}

}  // namespace
}  // namespace onyx
