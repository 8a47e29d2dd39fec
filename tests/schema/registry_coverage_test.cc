// The schema table (src/schema) and the runtime's op registry (src/ops/op_list.inc) agree: every
// op the runtime implements in a standard domain has schemas, its first covered opset is one of
// the op's versions, and every schema names its constraints and has a summary.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "ops/registry.h"
#include "schema/schema.h"

namespace onyx::schema {
namespace {

TEST(SchemaTable, EveryImplementedStandardOpHasSchemas) {
  for (const ops::OpInfo& op : ops::all_ops()) {
    if (std::string(op.domain) == ops::kOnyxDomain) continue;
    std::vector<const OpSchema*> versions = schema_versions(op.domain, op.op_type);
    ASSERT_FALSE(versions.empty()) << op.domain << "." << op.op_type << " has no schema";
    bool since_is_a_version = false;
    for (const OpSchema* s : versions) since_is_a_version |= s->since_version == op.since_opset;
    EXPECT_TRUE(since_is_a_version) << op.op_type << ": op_list.inc's first opset "
                                    << op.since_opset << " is not a version of the op";
  }
}

TEST(SchemaTable, FormalTypesNameAConstraintOrAType) {
  for (const OpSchema& s : all_schemas()) {
    std::set<std::string> used;
    for (const auto* list : {&s.inputs, &s.outputs})
      for (const Formal& f : *list) {
        if (f.type.find('(') != std::string::npos) continue;  // a concrete type string
        EXPECT_NE(s.constraint(f.type), nullptr)
            << s.name << "-" << s.since_version << ": formal " << f.name << " uses " << f.type
            << ", which is not a constraint";
        used.insert(f.type);
      }
    for (const TypeConstraint& c : s.constraints) EXPECT_FALSE(c.types.empty()) << s.name;
  }
}

TEST(SchemaTable, EveryOpHasASummary) {
  for (const OpSchema& s : all_schemas())
    EXPECT_FALSE(s.summary.empty()) << s.domain << "." << s.name << "-" << s.since_version;
}

TEST(SchemaTable, LookupPicksTheNewestVersionNotAfterTheOpset) {
  const OpSchema* relu = find_schema("", "Relu", 12);
  ASSERT_NE(relu, nullptr);
  EXPECT_EQ(relu->since_version, 6);
  EXPECT_EQ(find_schema("ai.onnx", "Relu", 14)->since_version, 14);
  EXPECT_EQ(find_schema("", "Relu", 0), nullptr);
  EXPECT_EQ(find_schema("", "NoSuchOp", 14), nullptr);
  EXPECT_TRUE(is_known_op("ai.onnx.ml", "TreeEnsembleClassifier"));
  EXPECT_GE(newest_opset(""), 23);
}

}  // namespace
}  // namespace onyx::schema
