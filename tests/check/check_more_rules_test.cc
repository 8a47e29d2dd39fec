// Rules not covered by the per-topic test files, and the no-cascade guarantees.
#include "check/check_test_util.h"

namespace onyx::testing {
namespace {

using namespace pb;

bool has_warning(const CheckReport& r, const std::string& rule) {
  for (const CheckIssue& i : r.issues)
    if (i.warning && i.rule == rule) return true;
  return false;
}

TEST(CheckCascade, MissingIrVersionIsOneError) {
  Graph g = relu_graph();
  g.initializers = {tensor_floats("w", {1}, {1.f})};
  g.nodes.push_back({"Relu", {"w"}, {"w2"}, "uses_w"});
  g.outputs.push_back(value_info("w2", 1, {1}));
  CheckReport r = check_bytes(model(g, 0));
  EXPECT_EQ(r.error_count(), 1u) << describe(r);
}

TEST(CheckCascade, MissingOpsetImportIsOneError) {
  Graph g = relu_graph();
  g.nodes.push_back({"Relu", {"y"}, {"z"}, "r2"});
  CheckReport r = check_bytes(model(g, 8, {}));
  EXPECT_EQ(r.error_count(), 1u) << describe(r);
  EXPECT_NE(find_error(r, "model.opset_import_missing"), nullptr);
}

TEST(CheckCascade, InitializerNotInputReportedOnlyOnce) {
  Graph g = relu_graph();
  g.initializers = {tensor_floats("w", {1}, {1.f})};
  g.nodes.push_back({"Relu", {"w"}, {"w2"}, "uses_w"});
  CheckReport r = check_bytes(model(g, 3));
  EXPECT_EQ(r.error_count(), 1u) << describe(r);
}

TEST(CheckMoreRules, EmptyNameForRequiredOutput) {
  SKIP_WITHOUT_SCHEMAS();
  Graph g = relu_graph();
  g.nodes[0].outputs = {""};
  g.outputs = {};
  CheckReport r = check_bytes(model(g));
  EXPECT_CHECK_ERROR(r, "node.empty_required_output", "node 0 'relu0'");
}

TEST(CheckMoreRules, AttributeTypeUnknownAndRefWithValueInSubgraph) {
  Graph g = relu_graph();
  g.nodes[0].op = "Foo";
  g.nodes[0].domain = "com.example";
  g.nodes[0].attributes = {s(1, "k") + i(3, 1) + i(20, 42)};
  CheckReport r = check_bytes(model(g, 8, {{"", 13}, {"com.example", 1}}));
  EXPECT_CHECK_ERROR(r, "attribute.type_unknown", "attribute 'k'");

  Graph branch;
  branch.name = "then";
  branch.nodes = {{"Foo", {"x"}, {"t"}, "inner", "com.example", {attr_int("k", 1) + s(21, "p")}}};
  branch.outputs = {s(1, "t")};
  Graph outer = relu_graph();
  outer.nodes = {
      {"Foo", {"x"}, {"y"}, "holder", "com.example", {attr_graph("body", graph(branch))}}};
  CheckReport sub = check_bytes(model(outer, 8, {{"", 13}, {"com.example", 1}}));
  EXPECT_CHECK_ERROR(sub, "attribute.ref_with_value", "main > Foo 'holder'.body: node 0 'inner'");
}

TEST(CheckMoreRules, SparseValuesAndIndicesShape) {
  Graph g = relu_graph();
  // No values tensor at all.
  g.sparse_initializers = {i(3, 4)};
  EXPECT_CHECK_ERROR(check_bytes(model(g)), "graph.initializer_name_missing",
                     "sparse_initializer 0");
  // Values of rank 2.
  g.sparse_initializers = {s(1, tensor_raw("sp", 1, {1, 1}, std::string(4, '\0'))) + i(3, 4)};
  EXPECT_CHECK_ERROR(check_bytes(model(g)), "sparse.values_rank", "'sp'");
  // INT32 indices.
  g.sparse_initializers = {s(1, tensor_raw("sp", 1, {1}, std::string(4, '\0'))) +
                           s(2, tensor_raw("", 6, {1}, std::string(4, '\0'))) + i(3, 4)};
  EXPECT_CHECK_ERROR(check_bytes(model(g)), "sparse.indices_type", "'sp'");
  // Values without indices.
  g.sparse_initializers = {s(1, tensor_raw("sp", 1, {1}, std::string(4, '\0'))) + i(3, 4)};
  EXPECT_CHECK_ERROR(check_bytes(model(g)), "sparse.indices_missing", "'sp'");
  // [nnz, k] indices with k != rank.
  g.sparse_initializers = {s(1, tensor_raw("sp", 1, {1}, std::string(4, '\0'))) +
                           s(2, i(1, 1) + i(1, 3) + i(2, 7) + i(7, 0) + i(7, 0) + i(7, 0)) +
                           i(3, 4) + i(3, 4)};
  EXPECT_CHECK_ERROR(check_bytes(model(g)), "sparse.indices_width", "'sp'");
}

TEST(CheckMoreRules, SparseDenseSizeOverflow) {
  Graph g = relu_graph();
  const int64_t big = int64_t{1} << 62;
  g.sparse_initializers = {s(1, tensor_raw("sp", 1, {1}, std::string(4, '\0'))) +
                           s(2, i(1, 1) + i(2, 7) + i(7, 0)) + i(3, big) + i(3, big)};
  EXPECT_CHECK_ERROR(check_bytes(model(g)), "sparse.dims", "'sp'");
}

TEST(CheckMoreRules, UnknownExternalKeyIsAWarning) {
  Graph g = relu_graph();
  g.initializers = {i(1, 2) + i(2, 1) + s(8, "w") + s(13, s(1, "location") + s(2, "w.bin")) +
                    s(13, s(1, "colour") + s(2, "red")) + i(14, 1)};
  CheckReport r = check_bytes(model(g));  // bytes: no file access
  EXPECT_VALID(r);
  EXPECT_TRUE(has_warning(r, "tensor.external_unknown_key")) << describe(r);
}

TEST(CheckMoreRules, SubgraphOutputFromOuterScopeIsAWarning) {
  Graph branch;
  branch.name = "then";
  branch.outputs = {s(1, "x")};
  Graph g;
  g.inputs = {value_info("c", 9, {}), value_info("x")};
  g.outputs = {value_info("y")};
  g.nodes = {
      {"If",
       {"c"},
       {"y"},
       "cond_1",
       "",
       {attr_graph("then_branch", graph(branch)), attr_graph("else_branch", graph(branch))}}};
  CheckReport r = check_bytes(model(g));
  EXPECT_VALID(r);
  EXPECT_TRUE(has_warning(r, "graph.output_from_outer")) << describe(r);
}

TEST(CheckMoreRules, FullTypeConstraint) {
  SKIP_WITHOUT_SCHEMAS();
  // Constant-1 allows only float types; an int64 value breaks T.
  Graph g;
  g.nodes = {
      {"Constant", {}, {"c"}, "const0", "", {attr_tensor("value", i(1, 1) + i(2, 7) + i(7, 5))}}};
  g.outputs = {value_info("c", 7, {1})};
  CheckReport plain = check_bytes(model(g, 3, {{"", 1}}));
  EXPECT_VALID(plain);
  CheckReport r = check_bytes(model(g, 3, {{"", 1}}), true);
  EXPECT_CHECK_ERROR(r, "full.type_constraint", "main: node 0 'const0' (Constant, opset 1)");
  EXPECT_NE(find_error(r, "full.type_constraint")->message.find("tensor(int64)"),
            std::string::npos);
}

TEST(CheckMoreRules, FullHomogeneousConstraint) {
  SKIP_WITHOUT_SCHEMAS();
  Graph g;
  g.inputs = {value_info("a", 1, {2}), value_info("b", 7, {2})};
  g.outputs = {value_info("c", 1, {2})};
  g.nodes = {{"Add", {"a", "b"}, {"c"}, "add0"}};
  CheckReport r = check_bytes(model(g), true);
  ASSERT_FALSE(r.valid()) << describe(r);
  EXPECT_NE(describe(r).find("add0"), std::string::npos) << describe(r);
}

}  // namespace
}  // namespace onyx::testing
