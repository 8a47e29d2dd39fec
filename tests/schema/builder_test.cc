// SchemaBuilder (schema/builder.h) and the lookup rules of schema/schema.h.
#include "schema/builder.h"

#include <gtest/gtest.h>

namespace onyx::schema {
namespace {

TEST(SchemaBuilder, DerivesCountsAsOnnxDoes) {
  std::vector<OpSchema> table;
  {
    SchemaBuilder b(&table, "");
    b.op("Conv", 1)
        .input("X", "T")
        .input("W", "T")
        .input("B", "T", Option::kOptional)
        .output("Y", "T")
        .types("T", types::float3())
        .attr("group", AttrType::kInt, "1");
    b.op("Concat", 4).input("inputs", "T", Option::kVariadic, true, 1).output("concat_result", "T");
    b.op("Split", 2).input("input", "T").output("outputs", "T", Option::kVariadic, true, 1);
  }
  ASSERT_EQ(table.size(), 3u);
  EXPECT_EQ(table[0].min_inputs, 2);
  EXPECT_EQ(table[0].max_inputs, 3);
  EXPECT_EQ(table[0].min_outputs, 1);
  EXPECT_EQ(table[0].max_outputs, 1);
  EXPECT_EQ(table[1].min_inputs, 1);
  EXPECT_EQ(table[1].max_inputs, kUnbounded);
  EXPECT_EQ(table[2].min_outputs, 1);
  EXPECT_EQ(table[2].max_outputs, kUnbounded);
}

TEST(SchemaBuilder, NextCopiesThePreviousVersionThenEdits) {
  std::vector<OpSchema> table;
  {
    SchemaBuilder b(&table, "");
    b.op("Add", 6)
        .input("A", "T")
        .input("B", "T")
        .output("C", "T")
        .types("T", types::float3())
        .attr("broadcast", AttrType::kInt, "0")
        .attr("axis", AttrType::kInt);
    b.next(7).remove_attr("broadcast").remove_attr("axis").types("T", types::all_numeric());
  }
  ASSERT_EQ(table.size(), 2u);
  EXPECT_EQ(table[0].attributes.size(), 2u);
  EXPECT_EQ(table[0].attributes[0].name, "axis");  // sorted by name
  EXPECT_TRUE(table[1].attributes.empty());
  EXPECT_EQ(table[1].since_version, 7);
  EXPECT_EQ(table[1].inputs.size(), 2u);
  EXPECT_EQ(table[1].constraint("T")->types, types::all_numeric());
}

TEST(SchemaBuilder, VersionsMustIncrease) {
  std::vector<OpSchema> table;
  SchemaBuilder b(&table, "");
  b.op("Relu", 6);
  EXPECT_THROW(b.next(6), std::logic_error);
}

TEST(TypeSets, NamedSetsGrowWithIrVersion) {
  EXPECT_EQ(types::all_numeric().size(), 11u);
  EXPECT_EQ(types::all_tensor().size(), 15u);
  EXPECT_EQ(types::all_tensor_ir4().size(), 16u);
  EXPECT_EQ(types::all_tensor_ir9().size(), 20u);
  EXPECT_EQ(types::all_tensor_ir13().size(), 26u);
  EXPECT_EQ(types::non_complex_tensor_ir13().size(), 24u);
  EXPECT_EQ(types::all_optional_ir4().size(), 32u);
  EXPECT_EQ(types::seq(types::tensors({"float"})), types::TypeList{"seq(tensor(float))"});
}

TEST(SchemaTable, CanonicalDomain) {
  EXPECT_EQ(canonical_domain("ai.onnx"), "");
  EXPECT_EQ(canonical_domain(""), "");
  EXPECT_EQ(canonical_domain("ai.onnx.ml"), "ai.onnx.ml");
  EXPECT_TRUE(is_standard_domain("ai.onnx"));
  EXPECT_TRUE(is_standard_domain("ai.onnx.preview.training"));
  EXPECT_FALSE(is_standard_domain("com.microsoft"));
}

}  // namespace
}  // namespace onyx::schema
