// fuse_attention: the batch-first (BERT/GPT) and seq-first (nn.MultiheadAttention) attention
// blocks become one com.onyx FusedAttention whose outputs equal the unfused graph's within float32
// rounding (masks, -inf rows and NaN included); anything else is left alone.
#include <algorithm>
#include <limits>

#include "opt/pass_test_util.h"

namespace onyx {
namespace {

using opt_test::apply_and_compare;
using opt_test::count_op;
using opt_test::expect_same_outputs;
using opt_test::random_tensor;
using opt_test::run_unoptimized;
using testing::ModelBuilder;

constexpr int64_t kB = 2, kS = 5, kSkv = 7, kH = 3, kD = 4, kDv = 6;
constexpr float kInf = std::numeric_limits<float>::infinity();

// Batch-first block on Q [B, S, H, D], K [B, Skv, H, D], V [B, Skv, H, Dv]; `mask` (a graph input
// of shape mask_dims) is added after the scale when mask_dims is given.
ModelBuilder batch_first(const std::vector<int64_t>* mask_dims, int64_t softmax_axis = -1) {
  ModelBuilder b(17);
  b.input("q", DType::kFloat32, {kB, kS, kH, kD}, {"batch", "", "", ""});
  b.input("k", DType::kFloat32, {kB, kSkv, kH, kD}, {"batch", "", "", ""});
  b.input("v", DType::kFloat32, {kB, kSkv, kH, kDv}, {"batch", "", "", ""});
  b.initializer("c", Tensor::scalar<float>(2.0f));
  b.node("Transpose", {"q"}, {"qt"}).attributes.push_back(ModelBuilder::ints("perm", {0, 2, 1, 3}));
  b.node("Transpose", {"k"}, {"kt"}).attributes.push_back(ModelBuilder::ints("perm", {0, 2, 3, 1}));
  b.node("Transpose", {"v"}, {"vt"}).attributes.push_back(ModelBuilder::ints("perm", {0, 2, 1, 3}));
  b.node("MatMul", {"qt", "kt"}, {"s"});
  b.node("Div", {"s", "c"}, {"ss"});
  std::string scores = "ss";
  if (mask_dims) {
    b.input("mask", DType::kFloat32, *mask_dims);
    b.node("Add", {"mask", "ss"}, {"sm"});
    scores = "sm";
  }
  b.node("Softmax", {scores}, {"p"})
      .attributes.push_back(ModelBuilder::int_attr("axis", softmax_axis));
  b.node("MatMul", {"p", "vt"}, {"o"});
  b.node("Transpose", {"o"}, {"y"}).attributes.push_back(ModelBuilder::ints("perm", {0, 2, 1, 3}));
  b.output("y", DType::kFloat32);
  return b;
}

Feeds batch_first_feeds(const std::vector<int64_t>* mask_dims) {
  Feeds f = {{"q", random_tensor({kB, kS, kH, kD}, 1, -2.0f, 2.0f)},
             {"k", random_tensor({kB, kSkv, kH, kD}, 2, -2.0f, 2.0f)},
             {"v", random_tensor({kB, kSkv, kH, kDv}, 3)}};
  if (mask_dims) f.push_back({"mask", random_tensor(*mask_dims, 4, -3.0f, 0.0f)});
  return f;
}

TEST(FuseAttention, BatchFirstBecomesOneNode) {
  const std::vector<std::vector<int64_t>> masks = {
      {kB, kH, kS, kSkv}, {kB, 1, 1, kSkv}, {1, 1, kS, kSkv}, {kS, 1}, {}};
  for (const std::vector<int64_t>& md : masks) {
    SCOPED_TRACE(md.size());
    ModelBuilder b = batch_first(&md);
    int changes = 0;
    ir::Model m =
        apply_and_compare(b, &opt::fuse_attention, batch_first_feeds(&md), 1e-5f, &changes);
    EXPECT_EQ(changes, 1);
    ASSERT_EQ(m.graph.nodes.size(), 1u);
    EXPECT_EQ(m.graph.nodes[0].op_type, "FusedAttention");
    EXPECT_EQ(m.graph.nodes[0].inputs, (std::vector<std::string>{"q", "k", "v", "mask"}));
    EXPECT_FLOAT_EQ(m.graph.nodes[0].attr_float("scale", 0.0f), 0.5f);
  }
  ModelBuilder b = batch_first(nullptr);
  int changes = 0;
  ir::Model m =
      apply_and_compare(b, &opt::fuse_attention, batch_first_feeds(nullptr), 1e-5f, &changes);
  EXPECT_EQ(changes, 1);
  EXPECT_EQ(count_op(m, "FusedAttention"), 1);
}

TEST(FuseAttention, MaskedRowsMatchTheUnfusedGraph) {
  // A causal -1e9 mask, and a row masked entirely with -inf (NaN in the unfused Softmax too).
  const std::vector<int64_t> md = {1, 1, kS, kSkv};
  Feeds feeds = batch_first_feeds(&md);
  float* mask = feeds.back().second.data<float>();
  for (int64_t i = 0; i < kS; ++i)
    for (int64_t j = 0; j < kSkv; ++j) mask[i * kSkv + j] = j > i ? -1e9f : 0.0f;
  for (int64_t j = 0; j < kSkv; ++j) mask[(kS - 1) * kSkv + j] = -kInf;
  ModelBuilder b = batch_first(&md);
  int changes = 0;
  apply_and_compare(b, &opt::fuse_attention, feeds, 1e-5f, &changes);
  EXPECT_EQ(changes, 1);
}

TEST(FuseAttention, ConstantZeroMaskIsDropped) {
  ModelBuilder b = batch_first(nullptr);
  b.initializer("zero", Tensor::scalar<float>(0.0f));
  ir::Graph& g = b.model().graph;
  for (ir::Node& n : g.nodes)
    if (n.op_type == "Softmax") n.inputs = {"sm"};
  b.node("Add", {"ss", "zero"}, {"sm"});
  // Keep the nodes in topological order: the Add goes before the Softmax.
  std::rotate(g.nodes.begin() + 5, g.nodes.end() - 1, g.nodes.end());
  int changes = 0;
  ir::Model m =
      apply_and_compare(b, &opt::fuse_attention, batch_first_feeds(nullptr), 1e-5f, &changes);
  EXPECT_EQ(changes, 1);
  ASSERT_EQ(m.graph.nodes.size(), 1u);
  EXPECT_EQ(m.graph.nodes[0].inputs.size(), 3u);
}

TEST(FuseAttention, SeqFirstWithScaledQueryBecomesOneNode) {
  // nn.MultiheadAttention: Q/K/V [S, N, D], Q scaled before the product.
  ModelBuilder b(17);
  b.input("q", DType::kFloat32, {kS, kB * kH, kD});
  b.input("k", DType::kFloat32, {kSkv, kB * kH, kD});
  b.input("v", DType::kFloat32, {kSkv, kB * kH, kDv});
  b.initializer("c", Tensor::scalar<float>(3.0f));
  b.node("Transpose", {"q"}, {"qt"}).attributes.push_back(ModelBuilder::ints("perm", {1, 0, 2}));
  b.node("Div", {"qt", "c"}, {"qs"});
  b.node("Transpose", {"k"}, {"kt"}).attributes.push_back(ModelBuilder::ints("perm", {1, 2, 0}));
  b.node("MatMul", {"qs", "kt"}, {"s"});
  b.node("Softmax", {"s"}, {"p"});
  b.node("Transpose", {"v"}, {"vt"}).attributes.push_back(ModelBuilder::ints("perm", {1, 0, 2}));
  b.node("MatMul", {"p", "vt"}, {"o"});
  b.node("Transpose", {"o"}, {"y"}).attributes.push_back(ModelBuilder::ints("perm", {1, 0, 2}));
  b.output("y", DType::kFloat32);
  Feeds feeds = {{"q", random_tensor({kS, kB * kH, kD}, 5, -2.0f, 2.0f)},
                 {"k", random_tensor({kSkv, kB * kH, kD}, 6, -2.0f, 2.0f)},
                 {"v", random_tensor({kSkv, kB * kH, kDv}, 7)}};
  int changes = 0;
  ir::Model m = apply_and_compare(b, &opt::fuse_attention, feeds, 1e-5f, &changes);
  EXPECT_EQ(changes, 1);
  ASSERT_EQ(m.graph.nodes.size(), 1u);
  EXPECT_EQ(m.graph.nodes[0].op_type, "FusedAttention");
  EXPECT_FLOAT_EQ(m.graph.nodes[0].attr_float("scale", 0.0f), 1.0f / 3.0f);
}

TEST(FuseAttention, SessionLevelsAgree) {
  const std::vector<int64_t> md = {kB, 1, 1, kSkv};
  ModelBuilder b = batch_first(&md);
  const Feeds feeds = batch_first_feeds(&md);
  Result<Session> all = b.session(Options().opt_level(OptLevel::kAll).threads(2));
  ASSERT_TRUE(all.is_ok()) << all.status().message();
  Result<std::vector<Tensor>> out = all->run(feeds);
  ASSERT_TRUE(out.is_ok()) << out.status().message();
  expect_same_outputs(run_unoptimized(b.model(), feeds), out.value(), 1e-5f);
}

TEST(FuseAttention, OtherShapesStay) {
  // Softmax over another axis.
  ModelBuilder axis = batch_first(nullptr, 2);
  ir::Model m = axis.model();
  EXPECT_EQ(opt::run_pass(m, &opt::fuse_attention).value(), 0);
  // The probabilities are also a graph output.
  ModelBuilder shared = batch_first(nullptr);
  shared.output("p", DType::kFloat32);
  m = shared.model();
  EXPECT_EQ(opt::run_pass(m, &opt::fuse_attention).value(), 0);
  // A transposed head is read twice.
  ModelBuilder twice = batch_first(nullptr);
  twice.output("kt", DType::kFloat32);
  m = twice.model();
  EXPECT_EQ(opt::run_pass(m, &opt::fuse_attention).value(), 0);
  // A mask that grows the scores (an extra leading dim).
  const std::vector<int64_t> big = {2, kB, kH, kS, kSkv};
  ModelBuilder grows = batch_first(&big);
  m = grows.model();
  EXPECT_EQ(opt::run_pass(m, &opt::fuse_attention).value(), 0);
  // Another output perm.
  ModelBuilder perm = batch_first(nullptr);
  perm.model().graph.nodes.back().attributes[0].ints = {0, 1, 2, 3};
  m = perm.model();
  EXPECT_EQ(opt::run_pass(m, &opt::fuse_attention).value(), 0);
  EXPECT_EQ(count_op(m, "Softmax"), 1);
}

}  // namespace
}  // namespace onyx
