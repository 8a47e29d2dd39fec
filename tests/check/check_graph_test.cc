// Graph rules: names, typed main-graph signatures, SSA, scoping and order.
#include "check/check_test_util.h"

namespace onyx::testing {
namespace {

using namespace pb;

TEST(CheckGraph, NameRequired) {
  Graph g = relu_graph();
  g.name = "";
  EXPECT_CHECK_ERROR(check_bytes(model(g)), "graph.name_missing", "main");
}

TEST(CheckGraph, MainGraphInputNeedsType) {
  Graph g = relu_graph();
  g.inputs = {s(1, "x")};
  CheckReport r = check_bytes(model(g));
  EXPECT_CHECK_ERROR(r, "value.type_missing", "main: input 'x'");
}

TEST(CheckGraph, MainGraphOutputNeedsShape) {
  Graph g = relu_graph();
  g.outputs = {s(1, "y") + s(2, s(1, i(1, 1)))};  // tensor type without shape
  CheckReport r = check_bytes(model(g));
  EXPECT_CHECK_ERROR(r, "value.type_incomplete", "main: output 'y'");
  EXPECT_NE(find_error(r, "value.type_incomplete")->message.find("no shape"), std::string::npos);
}

TEST(CheckGraph, EmptyValueName) {
  Graph g = relu_graph();
  g.inputs.push_back(value_info(""));
  EXPECT_CHECK_ERROR(check_bytes(model(g)), "value.name_missing", "main: input");
}

TEST(CheckGraph, DuplicateInput) {
  Graph g = relu_graph();
  g.inputs.push_back(value_info("x"));
  EXPECT_CHECK_ERROR(check_bytes(model(g)), "graph.duplicate_input", "input 'x'");
}

TEST(CheckGraph, DuplicateInitializer) {
  Graph g = relu_graph();
  g.initializers = {tensor_floats("w", {1}, {1.f}), tensor_floats("w", {1}, {2.f})};
  EXPECT_CHECK_ERROR(check_bytes(model(g)), "graph.duplicate_initializer", "initializer 'w'");
}

TEST(CheckGraph, InitializerWithoutName) {
  Graph g = relu_graph();
  g.initializers = {tensor_raw("", 1, {1}, std::string(4, '\0'))};
  EXPECT_CHECK_ERROR(check_bytes(model(g)), "graph.initializer_name_missing", "initializer 0");
}

TEST(CheckGraph, InitializerMustBeInputBeforeIr4) {
  Graph g = relu_graph();
  g.initializers = {tensor_floats("w", {1}, {1.f})};
  EXPECT_CHECK_ERROR(check_bytes(model(g, 3)), "graph.initializer_not_input", "initializer 'w'");
  CheckReport ir4 = check_bytes(model(g, 4));
  EXPECT_EQ(find_error(ir4, "graph.initializer_not_input"), nullptr) << describe(ir4);
}

TEST(CheckGraph, OutputAssignedTwice) {
  Graph g = relu_graph();
  g.nodes.push_back({"Relu", {"x"}, {"y"}, "relu1"});
  CheckReport r = check_bytes(model(g));
  EXPECT_CHECK_ERROR(r, "graph.duplicate_name", "node 1 'relu1'");
  EXPECT_NE(find_error(r, "graph.duplicate_name")->message.find("'y'"), std::string::npos);
}

TEST(CheckGraph, NodeOutputRedefinesInput) {
  Graph g = relu_graph();
  g.nodes[0].outputs = {"x"};
  g.outputs = {value_info("x")};
  EXPECT_CHECK_ERROR(check_bytes(model(g)), "graph.duplicate_name", "node 0 'relu0'");
}

TEST(CheckGraph, UndefinedInput) {
  Graph g = relu_graph();
  g.nodes[0].inputs = {"ghost"};
  CheckReport r = check_bytes(model(g));
  EXPECT_CHECK_ERROR(r, "graph.undefined_input", "node 0 'relu0'");
  EXPECT_NE(find_error(r, "graph.undefined_input")->message.find("'ghost'"), std::string::npos);
}

TEST(CheckGraph, UndefinedInputReportedOncePerName) {
  Graph g = relu_graph();
  g.nodes = {{"Add", {"ghost", "ghost"}, {"y"}, "add0"}};
  CheckReport r = check_bytes(model(g));
  EXPECT_EQ(r.error_count(), 1u) << describe(r);
}

TEST(CheckGraph, NodesOutOfOrder) {
  Graph g = relu_graph();
  g.nodes = {{"Relu", {"t"}, {"y"}, "second"}, {"Relu", {"x"}, {"t"}, "first"}};
  CheckReport r = check_bytes(model(g));
  EXPECT_CHECK_ERROR(r, "graph.not_topological", "node 0 'second'");
  EXPECT_NE(find_error(r, "graph.not_topological")->message.find("node 1"), std::string::npos);
}

TEST(CheckGraph, OptionalEmptyInputIsFine) {
  Graph g = relu_graph();
  g.nodes[0].inputs = {"x", ""};
  CheckReport r = check_bytes(model(g));
  EXPECT_EQ(find_error(r, "graph.undefined_input"), nullptr) << describe(r);
}

TEST(CheckGraph, OutputNotProduced) {
  Graph g = relu_graph();
  g.outputs.push_back(value_info("z"));
  EXPECT_CHECK_ERROR(check_bytes(model(g)), "graph.output_not_produced", "output 'z'");
}

// Subgraph: y = If(c) { then: Relu(x) (outer x captured) } else { ... }.
Graph if_graph(const Graph& then_branch) {
  Graph g;
  g.inputs = {value_info("c", 9, {}), value_info("x")};
  g.outputs = {value_info("y")};
  g.nodes = {{"If",
              {"c"},
              {"y"},
              "cond_1",
              "",
              {attr_graph("then_branch", graph(then_branch)),
               attr_graph("else_branch", graph(then_branch))}}};
  return g;
}

TEST(CheckGraph, SubgraphSeesOuterValues) {
  Graph branch;
  branch.name = "then";
  branch.nodes = {{"Relu", {"x"}, {"t"}, "inner"}};
  branch.outputs = {s(1, "t")};  // subgraph outputs need no type
  CheckReport r = check_bytes(model(if_graph(branch)));
  EXPECT_VALID(r);
}

TEST(CheckGraph, SubgraphMayNotShadowOuterNames) {
  Graph branch;
  branch.name = "then";
  branch.nodes = {{"Relu", {"c"}, {"x"}, "inner"}};
  branch.outputs = {s(1, "x")};
  CheckReport r = check_bytes(model(if_graph(branch)));
  EXPECT_CHECK_ERROR(r, "graph.shadows_outer", "main > If 'cond_1'.then_branch: node 0 'inner'");
}

TEST(CheckGraph, SubgraphUndefinedInputNamesThePath) {
  Graph branch;
  branch.name = "then";
  branch.nodes = {{"Relu", {"nowhere"}, {"t"}, "inner"}};
  branch.outputs = {s(1, "t")};
  CheckReport r = check_bytes(model(if_graph(branch)));
  EXPECT_CHECK_ERROR(r, "graph.undefined_input", "main > If 'cond_1'.then_branch");
  EXPECT_NE(find_error(r, "graph.undefined_input")->message.find("enclosing"), std::string::npos);
}

TEST(CheckGraph, SubgraphNameRequired) {
  Graph branch;
  branch.name = "";
  branch.nodes = {{"Relu", {"x"}, {"t"}, "inner"}};
  branch.outputs = {s(1, "t")};
  EXPECT_CHECK_ERROR(check_bytes(model(if_graph(branch))), "graph.name_missing",
                     "main > If 'cond_1'.then_branch");
}

}  // namespace
}  // namespace onyx::testing
