// The nn, rnn and reduction families of the schema table (src/schema/defs_nn*.cc, defs_rnn.cc,
// defs_reduction.cc): spot checks of facts the checker and shape inference rely on, for versions
// both older and newer than what tests/schema/compare_onnx112.py can compare.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "schema/schema.h"

namespace onyx::schema {
namespace {

const OpSchema& at(const char* name, int opset) {
  const OpSchema* s = find_schema("", name, opset);
  if (s == nullptr) throw std::runtime_error(std::string("no schema for ") + name);
  return *s;
}

bool allows(const OpSchema& s, const char* constraint, const char* type) {
  const TypeConstraint* c = s.constraint(constraint);
  return c != nullptr && std::find(c->types.begin(), c->types.end(), type) != c->types.end();
}

std::vector<int> versions(const char* name) {
  std::vector<int> out;
  for (const OpSchema* s : schema_versions("", name)) out.push_back(s->since_version);
  return out;
}

TEST(D3Schemas, VersionListsMatchTheStandard) {
  EXPECT_EQ(versions("ReduceMax"), (std::vector<int>{1, 11, 12, 13, 18, 20}));
  EXPECT_EQ(versions("ReduceSum"), (std::vector<int>{1, 11, 13}));
  EXPECT_EQ(versions("ReduceL2"), (std::vector<int>{1, 11, 13, 18}));
  EXPECT_EQ(versions("Flatten"), (std::vector<int>{1, 9, 11, 13, 21, 23, 24, 25}));
  EXPECT_EQ(versions("GRU"), (std::vector<int>{1, 3, 7, 14, 22}));
  EXPECT_EQ(versions("Dropout"), (std::vector<int>{1, 6, 7, 10, 12, 13, 22}));
  EXPECT_EQ(versions("Attention"), (std::vector<int>{23, 24, 25}));
}

TEST(D3Schemas, ReduceAxesMoveFromAttributeToInput) {
  // ReduceSum moved axes at opset 13, the other Reduce* ops at 18.
  EXPECT_NE(at("ReduceSum", 12).attribute("axes"), nullptr);
  EXPECT_EQ(at("ReduceSum", 13).attribute("axes"), nullptr);
  ASSERT_EQ(at("ReduceSum", 13).inputs.size(), 2u);
  EXPECT_EQ(at("ReduceSum", 13).inputs[1].type, "tensor(int64)");
  EXPECT_EQ(at("ReduceSum", 13).max_inputs, 2);
  EXPECT_EQ(at("ReduceMean", 17).max_inputs, 1);
  EXPECT_EQ(at("ReduceMean", 18).max_inputs, 2);
  EXPECT_EQ(at("ReduceMean", 18).attribute("noop_with_empty_axes")->default_value, "0");
  EXPECT_EQ(at("ReduceProd", 18).attribute("keepdims")->default_value, "1");
}

TEST(D3Schemas, TypeListsGrowByVersion) {
  EXPECT_FALSE(allows(at("ReduceMax", 11), "T", "tensor(int8)"));
  EXPECT_TRUE(allows(at("ReduceMax", 12), "T", "tensor(int8)"));
  EXPECT_FALSE(allows(at("ReduceMax", 19), "T", "tensor(bool)"));
  EXPECT_TRUE(allows(at("ReduceMax", 20), "T", "tensor(bool)"));
  EXPECT_FALSE(allows(at("Conv", 21), "T", "tensor(bfloat16)"));
  EXPECT_TRUE(allows(at("Conv", 22), "T", "tensor(bfloat16)"));
  EXPECT_TRUE(allows(at("Dropout", 22), "T1", "tensor(float8e5m2)"));
  EXPECT_TRUE(allows(at("Flatten", 25), "T", "tensor(int2)"));
  EXPECT_FALSE(allows(at("Flatten", 24), "T", "tensor(int2)"));
  EXPECT_TRUE(allows(at("Flatten", 24), "T", "tensor(float8e8m0)"));
  EXPECT_TRUE(allows(at("MaxPool", 22), "T", "tensor(uint8)"));
}

TEST(D3Schemas, RecurrentArity) {
  const OpSchema& lstm = at("LSTM", 22);
  EXPECT_EQ(lstm.min_inputs, 3);
  EXPECT_EQ(lstm.max_inputs, 8);
  EXPECT_EQ(lstm.min_outputs, 0);
  EXPECT_EQ(lstm.max_outputs, 3);
  EXPECT_EQ(lstm.inputs[7].name, "P");
  EXPECT_EQ(lstm.attribute("layout")->default_value, "0");
  EXPECT_EQ(at("LSTM", 13).attribute("layout"), nullptr);
  // GRU-1's Y_h was required and its default direction misspelled, as in ONNX.
  EXPECT_EQ(at("GRU", 1).min_outputs, 2);
  EXPECT_EQ(at("GRU", 1).attribute("direction")->default_value, "foward");
  EXPECT_EQ(at("GRU", 3).min_outputs, 0);
  EXPECT_EQ(at("RNN", 7).attribute("activations")->default_value, "[\"Tanh\", \"Tanh\"]");
  EXPECT_EQ(at("RNN", 7).attribute("output_sequence"), nullptr);
}

TEST(D3Schemas, AttributesAndDefaults) {
  const OpSchema& conv = at("Conv", 22);
  EXPECT_EQ(conv.attribute("auto_pad")->default_value, "NOTSET");
  EXPECT_EQ(conv.attribute("group")->type, AttrType::kInt);
  EXPECT_EQ(conv.min_inputs, 2);
  EXPECT_EQ(conv.max_inputs, 3);
  EXPECT_TRUE(at("AveragePool", 22).attribute("kernel_shape")->required);
  EXPECT_NE(at("AveragePool", 19).attribute("dilations"), nullptr);
  EXPECT_EQ(at("AveragePool", 18).attribute("dilations"), nullptr);
  EXPECT_EQ(at("DeformConv", 19).attribute("auto_pad"), nullptr);
  EXPECT_EQ(at("LpPool", 1).attribute("p")->type, AttrType::kFloat);
  EXPECT_EQ(at("LpPool", 2).attribute("p")->type, AttrType::kInt);
  EXPECT_FALSE(at("LpPool", 1).attribute("kernel_shape")->required);
  EXPECT_EQ(std::stod(at("LRN", 13).attribute("alpha")->default_value), 0.0001);
  EXPECT_TRUE(at("BatchNormalization", 1).attribute("consumed_inputs")->required);
  EXPECT_EQ(at("BatchNormalization", 15).inputs[3].type, "T2");
  EXPECT_EQ(at("BatchNormalization", 15).max_outputs, 3);
  EXPECT_EQ(at("Attention", 25).attribute("left_window_size")->default_value, "-1");
  EXPECT_EQ(at("Attention", 24).max_inputs, 7);
  EXPECT_TRUE(at("LinearAttention", 27).attribute("q_num_heads")->required);
  EXPECT_EQ(at("CausalConvWithState", 27).min_outputs, 2);
}

TEST(D3Schemas, GroupNormalization18IsDeprecated) {
  EXPECT_TRUE(at("GroupNormalization", 18).deprecated);
  EXPECT_FALSE(at("GroupNormalization", 21).deprecated);
  EXPECT_EQ(at("GroupNormalization", 20).since_version, 18);
  EXPECT_NE(at("GroupNormalization", 21).attribute("stash_type"), nullptr);
  EXPECT_EQ(find_schema("", "GroupNormalization", 17), nullptr);
}

TEST(D3Schemas, EveryVersionHasASummary) {
  for (const char* name : {"Conv", "MaxPool", "LSTM", "ReduceLogSumExp", "ArgMin", "Col2Im",
                           "RotaryEmbedding", "TfIdfVectorizer", "Shrink"}) {
    for (const OpSchema* s : schema_versions("", name)) {
      EXPECT_FALSE(s->summary.empty()) << name << "-" << s->since_version;
    }
  }
}

}  // namespace
}  // namespace onyx::schema
