#include "ir/topo_sort.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "ir_test_util.h"

namespace onyx::ir {
namespace {

using testing::graph_attr;
using testing::make_node;
using testing::node_names;

// a, b independent of each other; c reads both; d reads c; e reads nothing produced.
Graph dag() {
  Graph g;
  g.name = "g";
  g.inputs.push_back({"x", {}, ""});
  g.nodes.push_back(make_node("Relu", {"x"}, {"a"}, "a"));
  g.nodes.push_back(make_node("Relu", {"x"}, {"b"}, "b"));
  g.nodes.push_back(make_node("Add", {"a", "b"}, {"c"}, "c"));
  g.nodes.push_back(make_node("Relu", {"c"}, {"d"}, "d"));
  g.nodes.push_back(make_node("Relu", {"x"}, {"e"}, "e"));
  return g;
}

bool valid_order(const Graph& g) {
  std::vector<std::string> seen = {"x"};
  for (const Node& n : g.nodes) {
    for (const std::string& in : n.inputs)
      if (std::find(seen.begin(), seen.end(), in) == seen.end()) return false;
    seen.insert(seen.end(), n.outputs.begin(), n.outputs.end());
  }
  return true;
}

TEST(TopoSort, SortedGraphIsUnchanged) {
  Graph g = dag();
  EXPECT_TRUE(is_topologically_sorted(g));
  ASSERT_TRUE(topological_sort(g).is_ok());
  EXPECT_EQ(node_names(g), (std::vector<std::string>{"a", "b", "c", "d", "e"}));
}

TEST(TopoSort, StableAmongReadyNodes) {
  Graph g = dag();
  std::reverse(g.nodes.begin(), g.nodes.end());  // e d c b a
  EXPECT_FALSE(is_topologically_sorted(g));
  ASSERT_TRUE(topological_sort(g).is_ok());
  // Ready at start: e, b, a (original positions 0, 3, 4); e first, then b, a, c, d.
  EXPECT_EQ(node_names(g), (std::vector<std::string>{"e", "b", "a", "c", "d"}));
}

TEST(TopoSort, OrderWithoutMoving) {
  Graph g = dag();
  std::reverse(g.nodes.begin(), g.nodes.end());  // e d c b a
  Result<std::vector<size_t>> order = topological_order(g);
  ASSERT_TRUE(order.is_ok());
  EXPECT_EQ(order.value(), (std::vector<size_t>{0, 3, 4, 2, 1}));
  EXPECT_EQ(node_names(g), (std::vector<std::string>{"e", "d", "c", "b", "a"}));
}

TEST(TopoSort, EveryShuffleBecomesAValidOrder) {
  for (uint32_t seed = 0; seed < 20; ++seed) {
    Graph g = dag();
    std::shuffle(g.nodes.begin(), g.nodes.end(), std::mt19937(seed));
    ASSERT_TRUE(topological_sort(g).is_ok());
    EXPECT_TRUE(valid_order(g)) << seed;
    EXPECT_TRUE(is_topologically_sorted(g)) << seed;
  }
}

TEST(TopoSort, SubgraphReadsOrderTheOwner) {
  Graph g;
  Graph body;
  body.nodes.push_back(make_node("Relu", {"late"}, {"y"}));
  body.nodes.push_back(make_node("Relu", {"y"}, {"z"}, "inner_second"));
  std::swap(body.nodes[0], body.nodes[1]);  // unsorted subgraph too
  body.nodes[1].name = "inner_first";
  Node owner = make_node("If", {"x"}, {"out"}, "if");
  owner.attributes.push_back(graph_attr("then_branch", body));
  g.nodes.push_back(std::move(owner));
  g.nodes.push_back(make_node("Relu", {"x"}, {"late"}, "producer"));
  ASSERT_TRUE(topological_sort(g).is_ok());
  EXPECT_EQ(node_names(g), (std::vector<std::string>{"producer", "if"}));
  EXPECT_EQ(node_names(*g.nodes[1].attributes[0].g),
            (std::vector<std::string>{"inner_first", "inner_second"}));
}

TEST(TopoSort, CycleNamesItsNodesAndLeavesGraphAlone) {
  Graph g = dag();
  g.nodes[0].inputs = {"d"};  // a <- d <- c <- a
  Graph before = g;
  Status s = topological_sort(g);
  ASSERT_FALSE(s.is_ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidGraph);
  EXPECT_NE(s.to_string().find("graph 'g': nodes form a cycle: Relu 'a' -> Add 'c' -> "
                               "Relu 'd' -> Relu 'a'"),
            std::string::npos)
      << s.to_string();
  EXPECT_EQ(node_names(g), node_names(before));
}

TEST(TopoSort, SelfLoopAndSubgraphCycle) {
  Graph g;
  g.nodes.push_back(make_node("Relu", {"r"}, {"r"}, "self"));
  Status s = topological_sort(g);
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.to_string().find("Relu 'self' -> Relu 'self'"), std::string::npos);

  Graph body;
  body.nodes.push_back(make_node("Relu", {"q"}, {"p"}, "p"));
  body.nodes.push_back(make_node("Relu", {"p"}, {"q"}, "q"));
  Graph outer;
  Node owner = make_node("If", {"x"}, {"out"}, "owner");
  owner.attributes.push_back(graph_attr("else_branch", body));
  outer.nodes.push_back(std::move(owner));
  s = topological_sort(outer);
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.to_string().find("If 'owner' attribute 'else_branch'"), std::string::npos)
      << s.to_string();
}

}  // namespace
}  // namespace onyx::ir
