// Attribute well-formedness rules (schema-independent).
#include "check/check_test_util.h"

namespace onyx::testing {
namespace {

using namespace pb;

CheckReport with_attribute(const std::string& attr, int64_t ir = 8) {
  Graph g = relu_graph();
  g.nodes[0].op = "Foo";
  g.nodes[0].domain = "com.example";
  g.nodes[0].attributes = {attr};
  return check_bytes(model(g, ir, {{"", 13}, {"com.example", 1}}));
}

TEST(CheckAttribute, NameRequired) {
  EXPECT_CHECK_ERROR(with_attribute(i(3, 1) + i(20, 2)), "attribute.name_missing", "relu0");
}

TEST(CheckAttribute, TypeRequiredFromIr2) {
  EXPECT_CHECK_ERROR(with_attribute(s(1, "k") + i(3, 1)), "attribute.type_missing",
                     "attribute 'k'");
}

TEST(CheckAttribute, TypeMustMatchField) {
  CheckReport r = with_attribute(s(1, "k") + i(3, 1) + i(20, 1));  // FLOAT type, int value
  EXPECT_CHECK_ERROR(r, "attribute.type_mismatch", "node 0 'relu0' (com.example:Foo, opset 1)");
  EXPECT_NE(find_error(r, "attribute.type_mismatch")->message.find("'i'"), std::string::npos);
}

TEST(CheckAttribute, OneValueOnly) {
  CheckReport r = with_attribute(s(1, "k") + i(3, 1) + f32(2, 1.f));
  EXPECT_CHECK_ERROR(r, "attribute.multiple_values", "attribute 'k'");
}

TEST(CheckAttribute, RefOutsideFunctionIsAWarning) {
  CheckReport r = with_attribute(s(1, "k") + i(20, 2) + s(21, "outer_k"));
  EXPECT_VALID(r);
  bool warned = false;
  for (const CheckIssue& issue : r.issues) warned |= issue.rule == "attribute.ref_outside_function";
  EXPECT_TRUE(warned) << describe(r);
}

TEST(CheckAttribute, TensorValueIsChecked) {
  CheckReport r = with_attribute(attr_tensor("value", tensor_raw("", 0, {1}, "abcd")));
  EXPECT_CHECK_ERROR(r, "tensor.data_type_missing", "attribute 'value'.t");
}

}  // namespace
}  // namespace onyx::testing
