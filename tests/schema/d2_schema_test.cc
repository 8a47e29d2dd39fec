// The "tensor" family's schemas (src/schema/defs_tensor*.cc): spot checks of versions, formals,
// counts, type constraints and attributes against the ONNX standard, and lookup by opset.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "schema/schema.h"

namespace onyx::schema {
namespace {

std::vector<int> versions_of(const char* op) {
  std::vector<int> out;
  for (const OpSchema* s : schema_versions("", op)) out.push_back(s->since_version);
  return out;
}

bool allows(const OpSchema& s, const char* constraint, const char* type) {
  const TypeConstraint* c = s.constraint(constraint);
  return c != nullptr && std::find(c->types.begin(), c->types.end(), type) != c->types.end();
}

TEST(TensorSchemas, EveryVersionOfTheStandardIsListed) {
  EXPECT_EQ(versions_of("Cast"), (std::vector<int>{1, 6, 9, 13, 19, 21, 23, 24, 25}));
  EXPECT_EQ(versions_of("Pad"), (std::vector<int>{1, 2, 11, 13, 18, 19, 21, 23, 24, 25}));
  EXPECT_EQ(versions_of("Resize"), (std::vector<int>{10, 11, 13, 18, 19}));
  EXPECT_EQ(versions_of("Upsample"), (std::vector<int>{1, 7, 9, 10}));
  EXPECT_EQ(versions_of("BitCast"), (std::vector<int>{26}));
  EXPECT_EQ(versions_of("TensorScatter"), (std::vector<int>{24}));
}

TEST(TensorSchemas, OpsetImportSelectsTheNewestVersionNotAboveIt) {
  const OpSchema* reshape = find_schema("ai.onnx", "Reshape", 18);
  ASSERT_NE(reshape, nullptr);
  EXPECT_EQ(reshape->since_version, 14);
  ASSERT_NE(reshape->attribute("allowzero"), nullptr);
  EXPECT_EQ(reshape->attribute("allowzero")->default_value, "0");
  EXPECT_EQ(find_schema("", "Reshape", 4)->since_version, 1);
  EXPECT_EQ(find_schema("", "AffineGrid", 19), nullptr);
}

TEST(TensorSchemas, DeprecatedVersionsAreMarked) {
  EXPECT_TRUE(find_schema("", "Scatter", 11)->deprecated);
  EXPECT_FALSE(find_schema("", "Scatter", 10)->deprecated);
  EXPECT_TRUE(find_schema("", "Upsample", 10)->deprecated);
  EXPECT_FALSE(find_schema("", "Upsample", 9)->deprecated);
}

TEST(TensorSchemas, InputsMovedFromAttributesKeepTheirArity) {
  const OpSchema* slice1 = find_schema("", "Slice", 1);
  EXPECT_EQ(slice1->min_inputs, 1);
  EXPECT_TRUE(slice1->attribute("starts")->required);
  const OpSchema* slice13 = find_schema("", "Slice", 13);
  EXPECT_EQ(slice13->min_inputs, 3);
  EXPECT_EQ(slice13->max_inputs, 5);
  EXPECT_EQ(slice13->attribute("starts"), nullptr);

  const OpSchema* split18 = find_schema("", "Split", 18);
  EXPECT_EQ(split18->min_inputs, 1);
  EXPECT_EQ(split18->max_inputs, 2);
  EXPECT_EQ(split18->inputs[1].type, "tensor(int64)");
  EXPECT_EQ(split18->max_outputs, kUnbounded);
  EXPECT_NE(split18->attribute("num_outputs"), nullptr);
  EXPECT_EQ(find_schema("", "Split", 13)->attribute("num_outputs"), nullptr);

  const OpSchema* resize13 = find_schema("", "Resize", 13);
  EXPECT_EQ(resize13->min_inputs, 1);
  EXPECT_EQ(resize13->max_inputs, 4);
  EXPECT_EQ(find_schema("", "Resize", 11)->min_inputs, 3);
}

TEST(TensorSchemas, TypeListsGrowWithNewElementTypes) {
  const OpSchema* cast13 = find_schema("", "Cast", 13);
  EXPECT_TRUE(allows(*cast13, "T2", "tensor(bfloat16)"));
  EXPECT_FALSE(allows(*cast13, "T2", "tensor(float8e4m3fn)"));
  const OpSchema* cast25 = find_schema("", "Cast", 25);
  EXPECT_TRUE(allows(*cast25, "T1", "tensor(int2)"));
  EXPECT_TRUE(allows(*cast25, "T2", "tensor(float8e8m0)"));
  EXPECT_FALSE(allows(*cast25, "T1", "tensor(complex64)"));
  EXPECT_EQ(cast25->attribute("round_mode")->default_value, "up");
  EXPECT_EQ(cast25->attribute("saturate")->default_value, "1");
  EXPECT_EQ(find_schema("", "Cast", 1)->attribute("to")->type, AttrType::kString);
  EXPECT_EQ(cast25->attribute("to")->type, AttrType::kInt);

  const OpSchema* bitcast = find_schema("", "BitCast", 26);
  EXPECT_FALSE(allows(*bitcast, "T1", "tensor(string)"));
  EXPECT_TRUE(allows(*bitcast, "T1", "tensor(complex128)"));

  const OpSchema* identity = find_schema("", "Identity", 25);
  EXPECT_TRUE(allows(*identity, "V", "tensor(uint2)"));
  EXPECT_TRUE(allows(*identity, "V", "seq(tensor(float))"));
  EXPECT_TRUE(allows(*identity, "V", "optional(tensor(int64))"));
}

TEST(TensorSchemas, GridSampleGridHasItsOwnFloatType) {
  const OpSchema* g = find_schema("", "GridSample", 16);
  ASSERT_EQ(g->inputs.size(), 2u);
  EXPECT_EQ(g->inputs[1].type, "T2");
  EXPECT_EQ(g->outputs[0].type, "T1");
  EXPECT_TRUE(allows(*g, "T1", "tensor(int32)"));
  EXPECT_FALSE(allows(*g, "T2", "tensor(int32)"));
  EXPECT_EQ(g->attribute("mode")->default_value, "bilinear");
  EXPECT_EQ(find_schema("", "GridSample", 20)->attribute("mode")->default_value, "linear");
}

TEST(TensorSchemas, EveryVersionHasASummary) {
  for (const char* op : {"AffineGrid",
                         "BitCast",
                         "Cast",
                         "CastLike",
                         "CenterCropPad",
                         "Compress",
                         "Concat",
                         "DepthToSpace",
                         "Gather",
                         "GatherElements",
                         "GatherND",
                         "GridSample",
                         "Identity",
                         "IsInf",
                         "IsNaN",
                         "NonZero",
                         "OneHot",
                         "Pad",
                         "Reshape",
                         "Resize",
                         "ReverseSequence",
                         "Scatter",
                         "ScatterElements",
                         "ScatterND",
                         "Shape",
                         "Size",
                         "Slice",
                         "SpaceToDepth",
                         "Split",
                         "Squeeze",
                         "TensorScatter",
                         "Tile",
                         "Transpose",
                         "Trilu",
                         "Unique",
                         "Unsqueeze",
                         "Upsample",
                         "Where"}) {
    std::vector<const OpSchema*> all = schema_versions("", op);
    ASSERT_FALSE(all.empty()) << op;
    for (const OpSchema* s : all)
      EXPECT_GT(s->summary.size(), 20u) << op << "-" << s->since_version;
  }
}

}  // namespace
}  // namespace onyx::schema
