// Spot checks of the "math" family's schemas (src/schema/defs_math*.cc) against the ONNX
// standard: version selection, arity, optional formals, defaults and type sets that changed
// between versions.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "schema/schema.h"

namespace onyx::schema {
namespace {

std::vector<int> versions_of(const std::string& name) {
  std::vector<int> out;
  for (const OpSchema* s : schema_versions("", name)) out.push_back(s->since_version);
  return out;
}

bool allows(const OpSchema& s, const std::string& constraint, const std::string& type) {
  const TypeConstraint* c = s.constraint(constraint);
  return c && std::find(c->types.begin(), c->types.end(), type) != c->types.end();
}

TEST(MathSchemas, VersionHistories) {
  EXPECT_EQ(versions_of("Add"), (std::vector<int>{1, 6, 7, 13, 14}));
  EXPECT_EQ(versions_of("Gemm"), (std::vector<int>{1, 6, 7, 9, 11, 13}));
  EXPECT_EQ(versions_of("TopK"), (std::vector<int>{1, 10, 11, 24}));
  EXPECT_EQ(versions_of("Sin"), (std::vector<int>{7, 22}));
  EXPECT_EQ(versions_of("Celu"), (std::vector<int>{12, 28}));
  EXPECT_EQ(versions_of("DFT"), (std::vector<int>{17, 20}));
  EXPECT_EQ(versions_of("CumProd"), (std::vector<int>{26}));
}

TEST(MathSchemas, OpsetSelectsTheNewestVersionNotAfterIt) {
  const OpSchema* relu = find_schema("ai.onnx", "Relu", 15);
  ASSERT_NE(relu, nullptr);
  EXPECT_EQ(relu->since_version, 14);
  EXPECT_TRUE(allows(*relu, "T", "tensor(int8)"));
  EXPECT_FALSE(allows(*relu, "T", "tensor(uint8)"));
  EXPECT_EQ(find_schema("", "Gelu", 19), nullptr);
  EXPECT_EQ(find_schema("", "Gelu", 20)->summary.empty(), false);
}

TEST(MathSchemas, LegacyBroadcastAttributesOnlyBeforeOpset7) {
  const OpSchema* mul6 = find_schema("", "Mul", 6);
  ASSERT_NE(mul6, nullptr);
  ASSERT_NE(mul6->attribute("broadcast"), nullptr);
  EXPECT_EQ(mul6->attribute("broadcast")->default_value, "0");
  EXPECT_EQ(mul6->attribute("consumed_inputs"), nullptr);
  const OpSchema* mul7 = find_schema("", "Mul", 7);
  EXPECT_TRUE(mul7->attributes.empty());
  EXPECT_FALSE(allows(*mul7, "T", "tensor(int8)"));
  EXPECT_TRUE(allows(*find_schema("", "Mul", 14), "T", "tensor(int8)"));
}

TEST(MathSchemas, GemmBiasBecomesOptionalAtOpset11) {
  const OpSchema* g9 = find_schema("", "Gemm", 9);
  const OpSchema* g11 = find_schema("", "Gemm", 11);
  EXPECT_EQ(g9->min_inputs, 3);
  EXPECT_EQ(g11->min_inputs, 2);
  EXPECT_EQ(g11->max_inputs, 3);
  EXPECT_EQ(g11->inputs[2].option, Option::kOptional);
  EXPECT_EQ(g11->attribute("alpha")->type, AttrType::kFloat);
  EXPECT_EQ(std::stof(g11->attribute("alpha")->default_value), 1.0f);
}

TEST(MathSchemas, ClipBoundsMoveFromAttributesToInputs) {
  const OpSchema* c6 = find_schema("", "Clip", 6);
  EXPECT_EQ(std::stof(c6->attribute("max")->default_value), 3.4028235e38f);
  EXPECT_EQ(std::stof(c6->attribute("min")->default_value), -3.4028235e38f);
  const OpSchema* c11 = find_schema("", "Clip", 11);
  EXPECT_TRUE(c11->attributes.empty());
  EXPECT_EQ(c11->min_inputs, 1);
  EXPECT_EQ(c11->max_inputs, 3);
  EXPECT_EQ(c11->inputs[1].name, "min");
  EXPECT_EQ(c11->inputs[2].name, "max");
}

TEST(MathSchemas, VariadicInputsAreUnbounded) {
  const OpSchema* sum = find_schema("", "Sum", 13);
  EXPECT_EQ(sum->min_inputs, 1);
  EXPECT_EQ(sum->max_inputs, kUnbounded);
  EXPECT_EQ(sum->inputs[0].option, Option::kVariadic);
  EXPECT_FALSE(allows(*sum, "T", "tensor(int32)"));
  EXPECT_TRUE(allows(*find_schema("", "Max", 13), "T", "tensor(int32)"));
  EXPECT_EQ(find_schema("", "Einsum", 12)->attribute("equation")->required, true);
}

TEST(MathSchemas, TopKTakesKAsAnInputFromOpset10) {
  const OpSchema* t1 = find_schema("", "TopK", 1);
  EXPECT_TRUE(t1->attribute("k")->required);
  EXPECT_EQ(t1->min_inputs, 1);
  const OpSchema* t11 = find_schema("", "TopK", 11);
  EXPECT_EQ(t11->attribute("k"), nullptr);
  ASSERT_EQ(t11->inputs.size(), 2u);
  EXPECT_EQ(t11->inputs[1].type, "tensor(int64)");
  EXPECT_EQ(t11->outputs[1].name, "Indices");
  EXPECT_EQ(t11->attribute("largest")->default_value, "1");
  EXPECT_TRUE(allows(*find_schema("", "TopK", 24), "T", "tensor(bfloat16)"));
  EXPECT_FALSE(allows(*t11, "T", "tensor(bfloat16)"));
}

TEST(MathSchemas, NewerVersionsWidenTypes) {
  EXPECT_FALSE(allows(*find_schema("", "Cos", 21), "T", "tensor(bfloat16)"));
  EXPECT_TRUE(allows(*find_schema("", "Cos", 22), "T", "tensor(bfloat16)"));
  const OpSchema* q21 = find_schema("", "QLinearMatMul", 21);
  EXPECT_EQ(q21->inputs[1].type, "TS");
  EXPECT_TRUE(allows(*q21, "TS", "tensor(float16)"));
  EXPECT_TRUE(allows(*q21, "T1", "tensor(float8e4m3fn)"));
  EXPECT_EQ(find_schema("", "QLinearMatMul", 20)->inputs[1].type, "tensor(float)");
}

TEST(MathSchemas, DftAxisBecomesAnInputAtOpset20) {
  const OpSchema* d17 = find_schema("", "DFT", 17);
  EXPECT_EQ(d17->attribute("axis")->default_value, "1");
  EXPECT_EQ(d17->max_inputs, 2);
  const OpSchema* d20 = find_schema("", "DFT", 20);
  EXPECT_EQ(d20->attribute("axis"), nullptr);
  ASSERT_EQ(d20->inputs.size(), 3u);
  EXPECT_EQ(d20->inputs[2].name, "axis");
  EXPECT_EQ(d20->inputs[2].option, Option::kOptional);
  EXPECT_EQ(d20->min_inputs, 1);
}

TEST(MathSchemas, LossesHaveAnOptionalWeightAndMeanReduction) {
  const OpSchema* sce = find_schema("", "SoftmaxCrossEntropyLoss", 13);
  EXPECT_EQ(sce->min_outputs, 1);
  EXPECT_EQ(sce->max_outputs, 2);
  EXPECT_EQ(sce->attribute("reduction")->default_value, "mean");
  EXPECT_EQ(sce->attribute("ignore_index")->default_value, "");
  const OpSchema* nll = find_schema("", "NegativeLogLikelihoodLoss", 22);
  EXPECT_EQ(nll->since_version, 22);
  EXPECT_EQ(nll->max_inputs, 3);
  EXPECT_TRUE(allows(*nll, "T", "tensor(bfloat16)"));
}

TEST(MathSchemas, SoftmaxDefaultAxisChangesAtOpset13) {
  for (const char* name : {"Softmax", "LogSoftmax", "Hardmax"}) {
    EXPECT_EQ(find_schema("", name, 12)->attribute("axis")->default_value, "1") << name;
    EXPECT_EQ(find_schema("", name, 13)->attribute("axis")->default_value, "-1") << name;
  }
}

}  // namespace
}  // namespace onyx::schema
