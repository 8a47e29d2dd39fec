// Node rules. Schema-driven ones skip when this branch's schema table is empty.
#include "check/check_test_util.h"

namespace onyx::testing {
namespace {

using namespace pb;

CheckReport check_node_model(const Node& n, const std::vector<std::string>& inputs = {"x"},
                             int64_t opset = 13) {
  Graph g;
  g.inputs.clear();
  for (const std::string& in : inputs) g.inputs.push_back(value_info(in));
  g.nodes = {n};
  for (const std::string& out : n.outputs)
    if (!out.empty()) g.outputs.push_back(value_info(out));
  return check_bytes(model(g, 8, {{"", opset}, {"com.example", 1}}));
}

TEST(CheckNode, OpTypeRequired) {
  CheckReport r = check_node_model({"", {"x"}, {"y"}, "n0"});
  EXPECT_CHECK_ERROR(r, "node.op_type_missing", "node 0 'n0'");
}

TEST(CheckNode, NeedsInputsOrOutputs) {
  Graph g = relu_graph();
  g.nodes.push_back({"Relu", {}, {}, "idle"});
  EXPECT_CHECK_ERROR(check_bytes(model(g)), "node.no_inputs_outputs", "node 1 'idle'");
}

TEST(CheckNode, DomainMustBeImported) {
  Node n{"Foo", {"x"}, {"y"}, "f0", "org.unknown"};
  CheckReport r = check_node_model(n);
  EXPECT_CHECK_ERROR(r, "node.domain_not_imported", "node 0 'f0' (org.unknown:Foo)");
  EXPECT_NE(find_error(r, "node.domain_not_imported")->message.find("'com.example' 1"),
            std::string::npos);
}

TEST(CheckNode, AiOnnxAliasIsRejectedAsOnnxCheckerDoes) {
  Node n{"Relu", {"x"}, {"y"}, "r", "ai.onnx"};
  Graph g = relu_graph();
  g.nodes = {n};
  CheckReport r = check_bytes(model(g, 8, {{"", 13}, {"ai.onnx", 13}}));
  EXPECT_CHECK_ERROR(r, "node.domain_alias", "node 0 'r'");
}

TEST(CheckNode, CustomDomainIsAWarning) {
  CheckReport r = check_node_model({"Foo", {"x"}, {"y"}, "f0", "com.example"});
  EXPECT_VALID(r);
  ASSERT_FALSE(r.issues.empty());
  EXPECT_EQ(r.issues[0].rule, "node.unchecked_domain");
  EXPECT_TRUE(r.issues[0].warning);
}

TEST(CheckNode, ExperimentalOpIsSkipped) {
  CheckReport r = check_node_model({"Scale", {"x"}, {"y"}, "s0"});
  EXPECT_VALID(r);
}

TEST(CheckNode, UnknownOp) {
  SKIP_WITHOUT_SCHEMAS();
  CheckReport r = check_node_model({"Frobnicate", {"x"}, {"y"}, "f0"});
  EXPECT_CHECK_ERROR(r, "node.unknown_op", "node 0 'f0' (Frobnicate, opset 13)");
}

TEST(CheckNode, OpNotYetInOpset) {
  SKIP_WITHOUT_SCHEMAS();
  CheckReport r = check_node_model({"CastLike", {"x", "x"}, {"y"}, "c0"}, {"x"}, 13);
  EXPECT_CHECK_ERROR(r, "node.op_not_in_opset", "node 0 'c0' (CastLike, opset 13)");
  EXPECT_NE(find_error(r, "node.op_not_in_opset")->message.find("15"), std::string::npos);
}

TEST(CheckNode, DeprecatedOp) {
  SKIP_WITHOUT_SCHEMAS();
  CheckReport r = check_node_model({"Upsample", {"x", "x"}, {"y"}, "u0"}, {"x"}, 13);
  EXPECT_CHECK_ERROR(r, "node.deprecated_op", "node 0 'u0' (Upsample, opset 13)");
}

TEST(CheckNode, InputCount) {
  SKIP_WITHOUT_SCHEMAS();
  CheckReport r = check_node_model({"Relu", {"x", "x"}, {"y"}, "r0"});
  EXPECT_CHECK_ERROR(r, "node.input_count", "node 0 'r0' (Relu, opset 13)");
  EXPECT_NE(find_error(r, "node.input_count")->message.find("has 2 inputs"), std::string::npos);
}

TEST(CheckNode, OutputCount) {
  SKIP_WITHOUT_SCHEMAS();
  CheckReport r = check_node_model({"Relu", {"x"}, {"y", "z"}, "r0"});
  EXPECT_CHECK_ERROR(r, "node.output_count", "node 0 'r0'");
}

// BatchNormalization-9 produces 1 or 5 outputs (inference or training), nothing between.
TEST(CheckNode, OutputCountOutsideAnAllowedSet) {
  SKIP_WITHOUT_SCHEMAS();
  const std::vector<std::string> in = {"x", "x", "x", "x", "x"};
  CheckReport two = check_node_model({"BatchNormalization", in, {"y", "m"}, "bn"}, {"x"}, 13);
  EXPECT_CHECK_ERROR(two, "node.output_count", "node 0 'bn' (BatchNormalization, opset 13)");
  EXPECT_NE(find_error(two, "node.output_count")->message.find("exactly 1 or 5"),
            std::string::npos);
  CheckReport one = check_node_model({"BatchNormalization", in, {"y"}, "bn"}, {"x"}, 13);
  EXPECT_EQ(find_error(one, "node.output_count"), nullptr);
}

TEST(CheckNode, EmptyNameForRequiredInput) {
  SKIP_WITHOUT_SCHEMAS();
  CheckReport r = check_node_model({"Add", {"", "x"}, {"y"}, "a0"});
  EXPECT_CHECK_ERROR(r, "node.empty_required_input", "node 0 'a0' (Add, opset 13)");
}

TEST(CheckNode, UnknownAttribute) {
  SKIP_WITHOUT_SCHEMAS();
  CheckReport r = check_node_model({"Relu", {"x"}, {"y"}, "r0", "", {attr_int("alpha", 1)}});
  EXPECT_CHECK_ERROR(r, "node.unknown_attribute", "node 0 'r0' (Relu, opset 13)");
  EXPECT_NE(find_error(r, "node.unknown_attribute")->message.find("'alpha'"), std::string::npos);
}

TEST(CheckNode, InternalAttributeIsIgnored) {
  SKIP_WITHOUT_SCHEMAS();
  CheckReport r = check_node_model({"Relu", {"x"}, {"y"}, "r0", "", {attr_int("__hint", 1)}});
  EXPECT_VALID(r);
}

TEST(CheckNode, AttributeType) {
  SKIP_WITHOUT_SCHEMAS();
  // Transpose.perm is INTS; give an INT.
  CheckReport r = check_node_model({"Transpose", {"x"}, {"y"}, "t0", "", {attr_int("perm", 0)}});
  EXPECT_CHECK_ERROR(r, "node.attribute_type", "node 0 't0' (Transpose, opset 13)");
  EXPECT_NE(find_error(r, "node.attribute_type")->message.find("INTS"), std::string::npos);
}

TEST(CheckNode, DuplicateAttribute) {
  SKIP_WITHOUT_SCHEMAS();
  CheckReport r = check_node_model(
      {"Transpose", {"x"}, {"y"}, "t0", "", {attr_ints("perm", {0}), attr_ints("perm", {0})}});
  EXPECT_CHECK_ERROR(r, "node.duplicate_attribute", "node 0 't0'");
}

TEST(CheckNode, RequiredAttributeMissing) {
  SKIP_WITHOUT_SCHEMAS();
  // Cast requires 'to'.
  CheckReport r = check_node_model({"Cast", {"x"}, {"y"}, "c0"});
  EXPECT_CHECK_ERROR(r, "node.missing_attribute", "node 0 'c0' (Cast, opset 13)");
  EXPECT_NE(find_error(r, "node.missing_attribute")->message.find("'to'"), std::string::npos);
}

TEST(CheckNode, ListAttributeWithoutValue) {
  SKIP_WITHOUT_SCHEMAS();
  CheckReport r =
      check_node_model({"Transpose", {"x"}, {"y"}, "t0", "", {s(1, "perm") + i(20, 7)}});
  EXPECT_CHECK_ERROR(r, "node.attribute_value_missing", "node 0 't0'");
}

TEST(CheckNode, ValidConvAndIf) {
  SKIP_WITHOUT_SCHEMAS();
  CheckReport conv = check_node_model(
      {"Conv", {"x", "w"}, {"y"}, "conv1", "", {attr_ints("kernel_shape", {3, 3})}}, {"x", "w"});
  EXPECT_VALID(conv);
}

}  // namespace
}  // namespace onyx::testing
