// Passes on the shared graph index: linear work on long chains, subgraph (outer-scope) reads,
// fixed-point rounds.
#include <gtest/gtest.h>

#include <memory>

#include "opt/optimize.h"

namespace onyx {
namespace {

ir::Node make_node(const std::string& op, std::vector<std::string> in, std::vector<std::string> out,
                   const std::string& name = "") {
  ir::Node n;
  n.op_type = op;
  n.name = name;
  n.inputs = std::move(in);
  n.outputs = std::move(out);
  return n;
}

ir::Model make_model() {
  ir::Model m;
  m.ir_version = 8;
  m.opset_imports.push_back({"", 17});
  m.graph.inputs.push_back({"x", ir::TypeInfo::tensor(DType::kFloat32, {4}), ""});
  return m;
}

// An If node whose then/else branches read `outer` from the enclosing graph.
ir::Node if_reading(const std::string& outer, const std::string& out) {
  ir::Node n = make_node("If", {"x"}, {out}, "if");
  for (const char* branch : {"then_branch", "else_branch"}) {
    auto body = std::make_shared<ir::Graph>();
    body->nodes.push_back(make_node("Relu", {outer}, {std::string(branch) + "_y"}));
    body->outputs.push_back({std::string(branch) + "_y", {}, ""});
    ir::Attribute a;
    a.name = branch;
    a.type = ir::Attribute::Type::kGraph;
    a.g = body;
    n.attributes.push_back(std::move(a));
  }
  return n;
}

constexpr size_t kChain = 100000;

// x -> Relu -> ... -> Relu (kChain nodes) -> y, listed last to first, plus a dead chain of the
// same length: the old fixed-point sweep needed O(N^2) visits here.
TEST(GraphPasses, DeadNodeEliminationIsLinearOnLongReversedChain) {
  ir::Model m = make_model();
  std::vector<ir::Node>& nodes = m.graph.nodes;
  for (size_t i = kChain; i-- > 0;) {
    std::string in = i == 0 ? "x" : "v" + std::to_string(i - 1);
    nodes.push_back(make_node("Relu", {in}, {"v" + std::to_string(i)}));
    nodes.push_back(make_node("Relu", {in}, {"dead" + std::to_string(i)}));
  }
  m.graph.outputs.push_back({"v" + std::to_string(kChain - 1), {}, ""});

  ir::GraphIndex index(m.graph);
  opt::PassContext ctx{m, index, 17};
  EXPECT_EQ(opt::eliminate_dead_nodes(m.graph, ctx).value(), static_cast<int>(kChain));
  ASSERT_EQ(m.graph.nodes.size(), kChain);
  EXPECT_EQ(m.graph.nodes.front().outputs[0], "v" + std::to_string(kChain - 1));
  EXPECT_LE(ctx.node_visits, 2 * kChain);  // each live node once
  EXPECT_EQ(index.rebuild_count(), 1u);    // built once, renumbered in place after erasing
  EXPECT_EQ(index.producer("v0"), kChain - 1);
}

// x -> Identity -> ... -> Identity -> y: all but the last (graph output) go, in linear work.
TEST(GraphPasses, IdentityChainCollapsesInLinearWork) {
  ir::Model m = make_model();
  for (size_t i = 0; i < kChain; ++i)
    m.graph.nodes.push_back(make_node("Identity", {i == 0 ? "x" : "i" + std::to_string(i - 1)},
                                      {"i" + std::to_string(i)}));
  m.graph.outputs.push_back({"i" + std::to_string(kChain - 1), {}, ""});

  ir::GraphIndex index(m.graph);
  opt::PassContext ctx{m, index, 17};
  EXPECT_EQ(opt::eliminate_identity(m.graph, ctx).value(), static_cast<int>(kChain - 1));
  ASSERT_EQ(m.graph.nodes.size(), 1u);
  EXPECT_EQ(m.graph.nodes[0].inputs[0], "x");
  EXPECT_LE(ctx.node_visits, kChain);
  EXPECT_EQ(index.rebuild_count(), 1u);
}

TEST(GraphPasses, ValueReadOnlyInsideSubgraphStaysLive) {
  ir::Model m = make_model();
  m.graph.nodes.push_back(make_node("Relu", {"x"}, {"r"}, "feeds_subgraph"));
  m.graph.nodes.push_back(make_node("Relu", {"x"}, {"unused"}, "dead"));
  m.graph.nodes.push_back(if_reading("r", "y"));
  m.graph.outputs.push_back({"y", {}, ""});
  EXPECT_EQ(opt::run_pass(m, &opt::eliminate_dead_nodes).value(), 1);
  ASSERT_EQ(m.graph.nodes.size(), 2u);
  EXPECT_EQ(m.graph.nodes[0].name, "feeds_subgraph");
  EXPECT_EQ(m.graph.nodes[1].op_type, "If");
}

TEST(GraphPasses, IdentityReadInsideSubgraphIsRenamedThere) {
  ir::Model m = make_model();
  m.graph.nodes.push_back(make_node("Identity", {"x"}, {"id"}));
  m.graph.nodes.push_back(if_reading("id", "y"));
  m.graph.outputs.push_back({"y", {}, ""});
  EXPECT_EQ(opt::optimize_graph(m, opt::Level::kBasic).value(), 1);
  ASSERT_EQ(m.graph.nodes.size(), 1u);
  for (const ir::Attribute& a : m.graph.nodes[0].attributes)
    EXPECT_EQ(a.g->nodes[0].inputs[0], "x") << a.name;
}

// Clip bounds from Constant nodes: fusion (round 1) leaves the Constants dead, removed in round 2.
TEST(GraphPasses, RoundsRunToFixedPoint) {
  ir::Model m = make_model();
  m.graph.initializers.emplace_back("w", Tensor::from_vector<float>({1, 1, 1}, {0.5f}));
  m.graph.nodes.push_back(make_node("Conv", {"x", "w"}, {"c"}));
  for (const char* bound : {"lo", "hi"}) {
    ir::Node k = make_node("Constant", {}, {bound});
    ir::Attribute v;
    v.name = "value";
    v.type = ir::Attribute::Type::kTensor;
    v.t = Tensor::scalar<float>(bound[0] == 'l' ? 0.0f : 6.0f);
    k.attributes.push_back(std::move(v));
    m.graph.nodes.push_back(std::move(k));
  }
  m.graph.nodes.push_back(make_node("Clip", {"c", "lo", "hi"}, {"y"}));
  m.graph.outputs.push_back({"y", {}, ""});
  EXPECT_EQ(opt::optimize_graph(m, opt::Level::kExtended).value(), 3);  // 1 fused + 2 dead
  ASSERT_EQ(m.graph.nodes.size(), 1u);
  EXPECT_EQ(m.graph.nodes[0].op_type, "FusedConv");
  EXPECT_EQ(m.graph.nodes[0].outputs[0], "y");
  EXPECT_EQ(m.graph.nodes[0].attr_floats("activation_params"), (std::vector<float>{0.0f, 6.0f}));
  EXPECT_EQ(opt::optimize_graph(m, opt::Level::kNone).value(), 0);
}

TEST(GraphPasses, BasicLevelDoesNotFuse) {
  ir::Model m = make_model();
  m.graph.initializers.emplace_back("w", Tensor::from_vector<float>({1, 1, 1}, {0.5f}));
  m.graph.nodes.push_back(make_node("Conv", {"x", "w"}, {"c"}));
  m.graph.nodes.push_back(make_node("Relu", {"c"}, {"y"}));
  m.graph.outputs.push_back({"y", {}, ""});
  EXPECT_EQ(opt::optimize_graph(m, opt::Level::kBasic).value(), 0);
  EXPECT_EQ(opt::optimize_graph(m, opt::Level::kExtended).value(), 1);
  EXPECT_EQ(m.opset("com.onyx"), 1);
}

}  // namespace
}  // namespace onyx
