#include "ir/graph_index.h"

#include <gtest/gtest.h>

#include "ir_test_util.h"

namespace onyx::ir {
namespace {

using testing::graph_attr;
using testing::make_node;

// A Loop-like node whose body reads `outer` (outer scope), defines `local` and nests another
// graph reading both `local` (defined by the enclosing body) and `deep_outer`.
Node node_with_body(const std::string& outer, const std::string& deep_outer) {
  Graph inner;
  inner.nodes.push_back(make_node("Add", {"local", deep_outer}, {"inner_y"}));
  inner.outputs.push_back({"inner_y", {}, ""});
  Graph body;
  body.inputs.push_back({"iter", {}, ""});
  body.nodes.push_back(make_node("Relu", {outer}, {"local"}));
  Node nested = make_node("If", {"iter"}, {"body_y"});
  nested.attributes.push_back(graph_attr("then_branch", inner));
  body.nodes.push_back(std::move(nested));
  body.outputs.push_back({"body_y", {}, ""});
  Node n = make_node("Loop", {"", ""}, {"loop_y"}, "loop");
  n.attributes.push_back(graph_attr("body", body));
  return n;
}

Graph sample_graph() {
  Graph g;
  g.inputs.push_back({"x", {}, ""});
  g.nodes.push_back(make_node("Relu", {"x"}, {"a"}, "relu"));
  g.nodes.push_back(make_node("Add", {"a", "a"}, {"b"}, "add"));
  g.nodes.push_back(make_node("Sigmoid", {"x"}, {"s"}, "sigmoid"));
  g.nodes.push_back(node_with_body("a", "s"));
  g.outputs.push_back({"b", {}, ""});
  g.outputs.push_back({"loop_y", {}, ""});
  return g;
}

TEST(GraphIndex, ImplicitInputsAreOuterScopeReadsOnly) {
  Node n = node_with_body("a", "s");
  EXPECT_EQ(implicit_inputs(n), (std::vector<std::string>{"a", "s"}));  // not iter, local
}

TEST(GraphIndex, ProducersConsumersAndOutputs) {
  Graph g = sample_graph();
  GraphIndex index(g);
  EXPECT_EQ(index.producer("a"), 0u);
  EXPECT_EQ(index.producer("loop_y"), 3u);
  EXPECT_EQ(index.producer("x"), GraphIndex::kNoNode);
  EXPECT_EQ(index.use_count("a"), 3u);  // Add twice, Loop body once
  EXPECT_EQ(index.consumers("a"), (std::vector<size_t>{1, 3}));
  std::vector<GraphIndex::Use> uses = index.uses("s");
  ASSERT_EQ(uses.size(), 1u);
  EXPECT_EQ(uses[0].node, 3u);
  EXPECT_EQ(uses[0].slot, GraphIndex::kImplicit);
  EXPECT_TRUE(index.is_graph_output("b"));
  EXPECT_FALSE(index.is_graph_output("a"));
  EXPECT_FALSE(index.has_uses("b"));
  EXPECT_EQ(index.rebuild_count(), 1u);
}

TEST(GraphIndex, ReplaceUsesRewritesDirectAndSubgraphReads) {
  Graph g = sample_graph();
  GraphIndex index(g);
  index.replace_uses(g, "s", "x");
  index.replace_uses(g, "a", "x");
  EXPECT_EQ(g.nodes[1].inputs, (std::vector<std::string>{"x", "x"}));
  const Graph& body = *g.nodes[3].attributes[0].g;
  EXPECT_EQ(body.nodes[0].inputs[0], "x");
  EXPECT_EQ(body.nodes[1].attributes[0].g->nodes[0].inputs,
            (std::vector<std::string>{"local", "x"}));
  EXPECT_FALSE(index.has_uses("a"));
  EXPECT_EQ(index.use_count("x"), 5u);  // Relu, Sigmoid, Add x2, Loop once (both reads merged)
  EXPECT_EQ(index.consumers("x"), (std::vector<size_t>{0, 1, 2, 3}));
  EXPECT_EQ(index.implicit_inputs_of(3), (std::vector<std::string>{"x"}));
  EXPECT_EQ(index.rebuild_count(), 1u);
}

TEST(GraphIndex, SubgraphDefinitionShadowsRename) {
  Graph g;
  Graph body;
  body.inputs.push_back({"v", {}, ""});  // the body's own v, not the outer one
  body.nodes.push_back(make_node("Relu", {"v"}, {"y"}));
  Node loop = make_node("Scan", {"w"}, {"out"});
  loop.attributes.push_back(graph_attr("body", body));
  g.nodes.push_back(make_node("Relu", {"x"}, {"v"}));
  g.nodes.push_back(std::move(loop));
  GraphIndex index(g);
  EXPECT_FALSE(index.has_uses("v"));
  index.replace_uses(g, "v", "x");
  EXPECT_EQ(g.nodes[1].attributes[0].g->nodes[0].inputs[0], "v");
}

TEST(GraphIndex, RemoveRenameAndErase) {
  Graph g = sample_graph();
  GraphIndex index(g);
  index.remove_node(2);  // Sigmoid: its output loses its producer
  EXPECT_EQ(index.producer("s"), GraphIndex::kNoNode);
  index.rename_output(g, 0, 0, "a2");
  EXPECT_EQ(index.producer("a2"), 0u);
  EXPECT_EQ(index.producer("a"), GraphIndex::kNoNode);
  index.remove_node(1);
  EXPECT_EQ(index.consumers("a"), (std::vector<size_t>{3}));
  EXPECT_EQ(index.erase_removed_nodes(g), 2u);
  ASSERT_EQ(g.nodes.size(), 2u);
  EXPECT_EQ(g.nodes[1].name, "loop");
  EXPECT_EQ(index.producer("loop_y"), 1u);
  EXPECT_EQ(index.node_count(), 2u);
  EXPECT_EQ(index.rebuild_count(), 1u);  // renumbered in place
  EXPECT_EQ(index.erase_removed_nodes(g), 0u);
  // The renumbered index matches a fresh one.
  GraphIndex fresh(g);
  for (const char* name : {"x", "a", "a2", "b", "s", "loop_y"}) {
    EXPECT_EQ(index.producer(name), fresh.producer(name)) << name;
    EXPECT_EQ(index.consumers(name), fresh.consumers(name)) << name;
    EXPECT_EQ(index.use_count(name), fresh.use_count(name)) << name;
  }
  EXPECT_EQ(index.implicit_inputs_of(1), fresh.implicit_inputs_of(1));
}

}  // namespace
}  // namespace onyx::ir
