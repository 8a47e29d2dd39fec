// collect_model_info / model_info_text / model_info_json on a hand-built IR model.
#include "inspect/model_info.h"

#include <gtest/gtest.h>

namespace {

using namespace onyx;

ir::ValueInfo value(const std::string& name, DType dtype, std::vector<int64_t> dims,
                    std::vector<std::string> params = {}) {
  ir::ValueInfo v;
  v.name = name;
  v.type = ir::TypeInfo::tensor(dtype, dims);
  v.type.dim_params = params;
  v.type.dim_params.resize(dims.size());
  return v;
}

ir::Node node(const std::string& op, const std::string& domain = "") {
  ir::Node n;
  n.op_type = op;
  n.domain = domain;
  return n;
}

ir::Model make_model() {
  ir::Model m;
  m.ir_version = 9;
  m.producer_name = "pytorch";
  m.producer_version = "1.13.1";
  m.opset_imports = {{"", 17}, {"com.microsoft", 1}};
  m.graph.name = "g";
  m.graph.inputs = {value("input", DType::kFloat32, {-1, 1, 224, 224}, {"batch_size"}),
                    value("w", DType::kFloat32, {8, 1, 3, 3})};  // IR<4 style: initializer input
  m.graph.outputs = {value("out", DType::kInt64, {-1, 8})};
  m.graph.initializers = {{"w", Tensor::empty(DType::kFloat32, {8, 1, 3, 3})},
                          {"b", Tensor::empty(DType::kFloat16, {8})}};
  m.graph.nodes = {node("Conv"), node("Relu"), node("Conv"), node("FusedThing", "com.microsoft")};
  // An If whose branch holds two more Relu nodes: counted in the histogram, not in node_count.
  auto branch = std::make_shared<ir::Graph>();
  branch->nodes = {node("Relu"), node("Relu")};
  ir::Node if_node = node("If");
  ir::Attribute then_branch;
  then_branch.name = "then_branch";
  then_branch.type = ir::Attribute::Type::kGraph;
  then_branch.g = branch;
  if_node.attributes.push_back(then_branch);
  m.graph.nodes.push_back(if_node);
  return m;
}

TEST(ModelInfo, Collect) {
  inspect::ModelInfo info = inspect::collect_model_info(make_model());
  EXPECT_EQ(info.ir_version, 9);
  ASSERT_EQ(info.inputs.size(), 1u);  // the initializer-backed input is not listed
  EXPECT_EQ(info.inputs[0].type, "float32");
  EXPECT_EQ(info.inputs[0].shape, "[batch_size, 1, 224, 224]");
  EXPECT_EQ(info.outputs[0].shape, "[?, 8]");
  EXPECT_EQ(info.parameter_count, 72 + 8);
  EXPECT_EQ(info.parameter_bytes, 72 * 4 + 8 * 2);
  EXPECT_EQ(info.initializer_count, 2);
  EXPECT_EQ(info.node_count, 5);
  EXPECT_EQ(info.total_node_count, 7);
  ASSERT_EQ(info.op_histogram.size(), 4u);
  EXPECT_EQ(info.op_histogram[0], (std::pair<std::string, int64_t>{"Relu", 3}));
  EXPECT_EQ(info.op_histogram[1], (std::pair<std::string, int64_t>{"Conv", 2}));
  EXPECT_EQ(info.op_histogram[2].first, "If");
  EXPECT_EQ(info.op_histogram[3].first, "com.microsoft::FusedThing");
}

TEST(ModelInfo, Text) {
  std::string text = inspect::model_info_text(inspect::collect_model_info(make_model()), "m.onnx");
  EXPECT_NE(text.find("Model: m.onnx\n"), std::string::npos) << text;
  EXPECT_NE(text.find("producer:    pytorch 1.13.1"), std::string::npos) << text;
  EXPECT_NE(text.find("opsets:      ai.onnx 17, com.microsoft 1"), std::string::npos) << text;
  EXPECT_NE(text.find("  input  float32 [batch_size, 1, 224, 224]\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  out  int64 [?, 8]\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Parameters: 80 (304 B) in 2 initializers"), std::string::npos) << text;
  EXPECT_NE(text.find("Nodes: 5 (7 including subgraphs)"), std::string::npos) << text;
  EXPECT_LT(text.find("Relu"), text.find("Conv")) << text;  // sorted by count
}

TEST(ModelInfo, Json) {
  std::string json = inspect::model_info_json(inspect::collect_model_info(make_model()), "a\"b");
  EXPECT_NE(json.find("\"model\": \"a\\\"b\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"opset_imports\": {\"ai.onnx\": 17, \"com.microsoft\": 1}"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("{\"name\": \"input\", \"type\": \"float32\", \"shape\": "
                      "\"[batch_size, 1, 224, 224]\"}"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"op_histogram\": [[\"Relu\", 3], [\"Conv\", 2]"), std::string::npos)
      << json;
  EXPECT_NE(json.find("\"parameter_count\": 80"), std::string::npos) << json;
}

TEST(ModelInfo, JsonQuoteEscapes) {
  EXPECT_EQ(inspect::json_quote("a\\b\n\x01"), "\"a\\\\b\\n\\u0001\"");
}

TEST(ModelInfo, UnknownRankAndNonTensorTypes) {
  ir::Model m;
  ir::ValueInfo unranked;
  unranked.name = "u";
  unranked.type.kind = ir::TypeInfo::Kind::kTensor;
  unranked.type.elem_type = DType::kFloat32;
  ir::ValueInfo seq;
  seq.name = "s";
  seq.type.kind = ir::TypeInfo::Kind::kSequence;
  seq.type.inner = std::make_shared<ir::TypeInfo>(ir::TypeInfo::tensor(DType::kInt64, {}));
  m.graph.inputs = {unranked, seq};
  inspect::ModelInfo info = inspect::collect_model_info(m);
  EXPECT_EQ(info.inputs[0].shape, "unknown");
  EXPECT_EQ(info.inputs[1].type, "seq(tensor(int64))");
  EXPECT_EQ(info.inputs[1].shape, "");
}

}  // namespace
