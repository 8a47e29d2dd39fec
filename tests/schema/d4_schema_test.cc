// The schema table's control-flow, generator, logical, quantization, sequence, optional, text,
// image, object-detection, ai.onnx.ml, training and preview entries (src/schema/defs_*.cc).
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "schema/schema.h"

namespace onyx::schema {
namespace {

bool allows(const OpSchema& s, const std::string& constraint, const std::string& type) {
  const TypeConstraint* c = s.constraint(constraint);
  return c != nullptr && std::find(c->types.begin(), c->types.end(), type) != c->types.end();
}

const OpSchema& at(std::string_view domain, std::string_view name, int64_t opset) {
  const OpSchema* s = find_schema(domain, name, opset);
  if (s == nullptr) throw std::runtime_error("no schema for " + std::string(name));
  return *s;
}

// Ops of the families these files define, by domain.
const std::vector<std::pair<std::string, std::vector<std::string>>>& families() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> v = {
      {"",
       {"If",
        "Loop",
        "Scan",
        "Bernoulli",
        "Constant",
        "ConstantOfShape",
        "EyeLike",
        "Multinomial",
        "RandomNormal",
        "RandomNormalLike",
        "RandomUniform",
        "RandomUniformLike",
        "Range",
        "ImageDecoder",
        "And",
        "BitShift",
        "BitwiseAnd",
        "BitwiseNot",
        "BitwiseOr",
        "BitwiseXor",
        "Equal",
        "Greater",
        "GreaterOrEqual",
        "Less",
        "LessOrEqual",
        "Not",
        "Or",
        "Xor",
        "NonMaxSuppression",
        "RoiAlign",
        "Optional",
        "OptionalGetElement",
        "OptionalHasElement",
        "DequantizeLinear",
        "DynamicQuantizeLinear",
        "QuantizeLinear",
        "ConcatFromSequence",
        "SequenceAt",
        "SequenceConstruct",
        "SequenceEmpty",
        "SequenceErase",
        "SequenceInsert",
        "SequenceLength",
        "SequenceMap",
        "SplitToSequence",
        "RegexFullMatch",
        "StringConcat",
        "StringNormalizer",
        "StringSplit"}},
      {"ai.onnx.ml",
       {"ArrayFeatureExtractor", "Binarizer", "CastMap", "CategoryMapper", "DictVectorizer",
        "FeatureVectorizer", "Imputer", "LabelEncoder", "LinearClassifier", "LinearRegressor",
        "Normalizer", "OneHotEncoder", "SVMClassifier", "SVMRegressor", "Scaler", "TreeEnsemble",
        "TreeEnsembleClassifier", "TreeEnsembleRegressor", "ZipMap"}},
      {"ai.onnx.preview.training", {"Adagrad", "Adam", "Gradient", "Momentum"}},
      {"ai.onnx.preview", {"FlexAttention"}},
  };
  return v;
}

TEST(D4Schemas, EveryVersionIsWellFormed) {
  size_t versions = 0;
  for (const auto& [domain, names] : families()) {
    for (const std::string& name : names) {
      std::vector<const OpSchema*> all = schema_versions(domain, name);
      ASSERT_FALSE(all.empty()) << domain << "." << name;
      for (const OpSchema* s : all) {
        ++versions;
        std::string where = name + "-" + std::to_string(s->since_version);
        EXPECT_FALSE(s->summary.empty()) << where;
        EXPECT_EQ(s->summary.back(), '.') << where << ": summary is one sentence";
        EXPECT_LE(s->min_inputs, s->max_inputs) << where;
        EXPECT_LE(s->min_outputs, s->max_outputs) << where;
        // A formal names a constraint of the schema or is a concrete type string.
        for (const auto* list : {&s->inputs, &s->outputs})
          for (const Formal& f : *list)
            EXPECT_TRUE(s->constraint(f.type) != nullptr || f.type.find('(') != std::string::npos)
                << where << ": " << f.name << " has type " << f.type;
        for (const TypeConstraint& c : s->constraints) EXPECT_FALSE(c.types.empty()) << where;
      }
    }
  }
  EXPECT_EQ(versions, 158u);  // every (op, version) of these families in ONNX 1.23
}

TEST(D4Schemas, ControlFlowArityAndTypesFollowTheVersion) {
  const OpSchema& loop1 = at("", "Loop", 1);
  EXPECT_EQ(loop1.min_inputs, 3);  // M, cond and at least one loop-carried value
  const OpSchema& loop11 = at("", "Loop", 12);
  EXPECT_EQ(loop11.since_version, 11);
  EXPECT_EQ(loop11.min_inputs, 2);
  EXPECT_EQ(loop11.max_inputs, kUnbounded);
  EXPECT_FALSE(allows(loop11, "V", "seq(tensor(float))"));
  EXPECT_TRUE(allows(at("", "Loop", 13), "V", "seq(tensor(float))"));
  EXPECT_TRUE(allows(at("", "If", 16), "V", "optional(tensor(bfloat16))"));
  EXPECT_FALSE(allows(at("", "If", 18), "V", "tensor(float8e4m3fn)"));
  EXPECT_TRUE(allows(at("", "If", 19), "V", "tensor(float8e4m3fn)"));
  EXPECT_TRUE(allows(at("", "If", 25), "V", "tensor(int2)"));
  const OpSchema& scan9 = at("", "Scan", 9);
  EXPECT_TRUE(scan9.inputs.size() == 1 && scan9.inputs[0].option == Option::kVariadic);
  ASSERT_NE(scan9.attribute("num_scan_inputs"), nullptr);
  EXPECT_TRUE(scan9.attribute("num_scan_inputs")->required);
  EXPECT_EQ(at("", "Scan", 8).attribute("scan_input_axes"), nullptr);
}

TEST(D4Schemas, QuantizationTypesGrowWithTheOpset) {
  EXPECT_FALSE(allows(at("", "QuantizeLinear", 19), "T2", "tensor(int4)"));
  EXPECT_TRUE(allows(at("", "QuantizeLinear", 21), "T2", "tensor(int4)"));
  const OpSchema& q25 = at("", "QuantizeLinear", 30);
  EXPECT_EQ(q25.since_version, 25);
  EXPECT_TRUE(allows(q25, "T3", "tensor(uint2)"));
  EXPECT_TRUE(allows(q25, "T2", "tensor(float8e8m0)"));
  ASSERT_NE(q25.attribute("saturate"), nullptr);
  EXPECT_EQ(q25.attribute("saturate")->default_value, "1");
  EXPECT_EQ(q25.attribute("precision")->type, AttrType::kInt);
  const OpSchema& dq10 = at("", "DequantizeLinear", 10);
  EXPECT_EQ(dq10.inputs[1].type, "tensor(float)");  // a concrete type, not a constraint
  EXPECT_EQ(dq10.attribute("axis"), nullptr);
  EXPECT_EQ(at("", "DequantizeLinear", 13).attribute("axis")->default_value, "1");
  EXPECT_TRUE(allows(at("", "DequantizeLinear", 23), "T1", "tensor(int32)"));
}

TEST(D4Schemas, AttributesCarryTypesAndDefaults) {
  const OpSchema& roi = at("", "RoiAlign", 16);
  EXPECT_EQ(roi.attribute("coordinate_transformation_mode")->default_value, "half_pixel");
  EXPECT_EQ(roi.attribute("spatial_scale")->type, AttrType::kFloat);
  EXPECT_EQ(std::stod(roi.attribute("spatial_scale")->default_value), 1.0);
  EXPECT_EQ(at("", "RoiAlign", 10).attribute("coordinate_transformation_mode"), nullptr);
  EXPECT_TRUE(at("", "Constant", 1).attribute("value")->required);
  EXPECT_FALSE(at("", "Constant", 12).attribute("value")->required);
  EXPECT_EQ(at("", "Constant", 12).attribute("value_ints")->type, AttrType::kInts);
  EXPECT_EQ(at("", "Optional", 15).attribute("type")->type, AttrType::kTypeProto);
  const OpSchema& adam = at("ai.onnx.preview.training", "Adam", 1);
  EXPECT_NEAR(std::stod(adam.attribute("epsilon")->default_value), 1e-6, 1e-12);
  EXPECT_EQ(at("", "Equal", 1).attribute("broadcast")->default_value, "0");
  EXPECT_EQ(at("", "Equal", 7).attribute("broadcast"), nullptr);
  EXPECT_TRUE(allows(at("", "Equal", 19), "T", "tensor(string)"));
  EXPECT_FALSE(allows(at("", "Equal", 13), "T", "tensor(string)"));
}

TEST(D4Schemas, MlAndPreviewDomains) {
  EXPECT_TRUE(at("ai.onnx.ml", "TreeEnsembleClassifier", 5).deprecated);
  const OpSchema& tec3 = at("ai.onnx.ml", "TreeEnsembleClassifier", 4);
  EXPECT_EQ(tec3.since_version, 3);
  EXPECT_FALSE(tec3.deprecated);
  EXPECT_NE(tec3.attribute("nodes_values_as_tensor"), nullptr);
  EXPECT_EQ(at("ai.onnx.ml", "TreeEnsembleClassifier", 1).attribute("nodes_values_as_tensor"),
            nullptr);
  EXPECT_EQ(
      at("ai.onnx.ml", "TreeEnsembleRegressor", 3).attribute("aggregate_function")->default_value,
      "SUM");
  EXPECT_TRUE(at("ai.onnx.ml", "TreeEnsemble", 5).attribute("tree_roots")->required);
  EXPECT_EQ(at("ai.onnx.ml", "LabelEncoder", 4).attribute("default_string")->default_value,
            "_Unused");
  EXPECT_EQ(find_schema("ai.onnx.ml", "TreeEnsemble", 4), nullptr);
  EXPECT_EQ(find_schema("", "FlexAttention", 30), nullptr);
  EXPECT_NE(find_schema("ai.onnx.preview", "FlexAttention", 1), nullptr);
  EXPECT_EQ(at("ai.onnx.preview.training", "Gradient", 1).attribute("y")->type, AttrType::kString);
}

}  // namespace
}  // namespace onyx::schema
