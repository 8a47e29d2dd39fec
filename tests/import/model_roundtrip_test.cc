// IR -> bytes -> IR round trips, borrowing of aligned raw_data, and corrupt-input robustness.
#include <gtest/gtest.h>

#include "import/loader.h"

namespace onyx::import {
namespace {

ir::Model sample_model() {
  ir::Model m;
  m.ir_version = 8;
  m.opset_imports = {{"", 17}, {"custom", 2}};
  m.producer_name = "onyx-test";
  m.metadata_props = {{"a", "1"}, {"b", ""}};
  ir::Graph body;
  body.name = "body";
  body.nodes.push_back(ir::Node{"n", "Identity", "", "", {"x"}, {"y"}, {}});
  ir::Graph& g = m.graph;
  g.name = "main";
  ir::TypeInfo t = ir::TypeInfo::tensor(DType::kFloat32, {-1, 3});
  t.dim_params[0] = "batch";
  g.inputs.push_back({"x", t, "input doc"});
  ir::TypeInfo seq;
  seq.kind = ir::TypeInfo::Kind::kSequence;
  seq.inner = std::make_shared<ir::TypeInfo>(ir::TypeInfo::tensor(DType::kInt64, {}));
  g.outputs.push_back({"y", seq, ""});
  g.value_info.push_back({"v", ir::TypeInfo::tensor(DType::kFloat16, {2}), ""});
  g.initializers.emplace_back("w", Tensor::from_vector<float>({2, 2}, {1, 2, 3, 4}));
  g.initializers.emplace_back("s", Tensor::from_vector<std::string>({2}, {"p", "q"}));
  ir::Node n{"loop", "Loop", "", "doc", {"", "c", "x"}, {"y"}, {}};
  ir::Attribute a;
  a.name = "body";
  a.type = ir::Attribute::Type::kGraph;
  a.g = std::make_shared<ir::Graph>(body);
  n.attributes.push_back(a);
  ir::Attribute ints;
  ints.name = "ints";
  ints.type = ir::Attribute::Type::kInts;
  ints.ints = {-1, 0, int64_t{1} << 50};
  n.attributes.push_back(ints);
  ir::Attribute sparse;
  sparse.name = "sp";
  sparse.type = ir::Attribute::Type::kSparseTensor;
  sparse.t = Tensor::from_vector<int32_t>({2, 3}, {0, 5, 0, 0, 0, -6});
  n.attributes.push_back(sparse);
  ir::Attribute tps;
  tps.name = "tps";
  tps.type = ir::Attribute::Type::kTypeProtos;
  tps.type_protos = {t, seq};
  n.attributes.push_back(tps);
  g.nodes.push_back(n);
  ir::Function f;
  f.name = "F";
  f.domain = "custom";
  f.inputs = {"a"};
  f.outputs = {"b"};
  f.attributes = {"alpha"};
  f.nodes.push_back(ir::Node{"", "Relu", "", "", {"a"}, {"b"}, {}});
  f.opset_imports = {{"", 17}};
  ir::Attribute ref;
  ref.name = "alpha";
  ref.type = ir::Attribute::Type::kFloat;
  ref.ref_attr_name = "alpha";
  f.nodes[0].attributes.push_back(ref);
  m.functions.push_back(f);
  return m;
}

TEST(ModelRoundTrip, SerializeThenLoadKeepsEveryField) {
  ir::Model m = sample_model();
  std::string bytes = serialize_model(m);
  Result<ir::Model> r = load_model_bytes(bytes.data(), bytes.size(), nullptr);
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  const ir::Model& b = r.value();
  EXPECT_EQ(b.ir_version, 8);
  EXPECT_EQ(b.opset("custom"), 2);
  EXPECT_EQ(b.metadata_props, m.metadata_props);
  EXPECT_EQ(b.graph.inputs[0].type.dim_params, (std::vector<std::string>{"batch", ""}));
  EXPECT_EQ(b.graph.inputs[0].type.dims, (std::vector<int64_t>{-1, 3}));
  EXPECT_EQ(b.graph.inputs[0].doc_string, "input doc");
  EXPECT_EQ(b.graph.outputs[0].type.to_string(), "seq(tensor(int64))");
  EXPECT_EQ(b.graph.value_info[0].type.elem_type, DType::kFloat16);
  const ir::Node& n = b.graph.nodes.at(0);
  EXPECT_EQ(n.inputs, (std::vector<std::string>{"", "c", "x"}));
  EXPECT_EQ(n.doc_string, "doc");
  ASSERT_TRUE(n.attr("body") && n.attr("body")->g);
  EXPECT_EQ(n.attr("body")->g->nodes.at(0).op_type, "Identity");
  EXPECT_EQ(n.attr_ints("ints"), (std::vector<int64_t>{-1, 0, int64_t{1} << 50}));
  const ir::Attribute* sp = n.attr("sp");
  ASSERT_TRUE(sp);
  EXPECT_EQ(sp->type, ir::Attribute::Type::kSparseTensor);
  EXPECT_EQ(std::vector<int32_t>(sp->t.data<int32_t>(), sp->t.data<int32_t>() + 6),
            (std::vector<int32_t>{0, 5, 0, 0, 0, -6}));
  EXPECT_EQ(n.attr("tps")->type_protos.size(), 2u);
  EXPECT_EQ(b.graph.initializer("s")->data<std::string>()[1], "q");
  ASSERT_EQ(b.functions.size(), 1u);
  EXPECT_EQ(b.functions[0].nodes[0].attributes[0].ref_attr_name, "alpha");
  EXPECT_EQ(serialize_model(b), bytes);
}

TEST(ModelRoundTrip, AlignedRawDataIsBorrowedUnalignedIsCopied) {
  ir::Model m = sample_model();
  std::string bytes = serialize_model(m);
  int borrowed = 0;  // exactly one of four consecutive shifts puts raw_data on a 4-byte boundary
  for (size_t shift = 0; shift < 4; ++shift) {
    auto buffer = std::make_shared<std::vector<char>>(bytes.size() + 8);
    char* start = buffer->data() + shift;
    std::memcpy(start, bytes.data(), bytes.size());
    Result<ir::Model> r = load_model_bytes(start, bytes.size(), buffer);
    ASSERT_TRUE(r.is_ok()) << r.status().to_string();
    const Tensor* w = r->graph.initializer("w");
    auto p = reinterpret_cast<uintptr_t>(w->raw_data());
    bool inside = p >= reinterpret_cast<uintptr_t>(start) &&
                  p < reinterpret_cast<uintptr_t>(start + bytes.size());
    if (inside) {
      ++borrowed;
      EXPECT_EQ(p % 4, 0u) << "shift " << shift;
    }
    EXPECT_EQ(w->data<float>()[3], 4.f);
    EXPECT_EQ(r->backing, buffer);
  }
  EXPECT_EQ(borrowed, 1);
}

// Every truncation and many byte flips must return (ok or an error), never crash or hang.
TEST(ModelRoundTrip, CorruptBytesNeverCrash) {
  std::string bytes = serialize_model(sample_model());
  size_t errors = 0;
  for (size_t len = 0; len < bytes.size(); ++len) {
    Result<ir::Model> r = load_model_bytes(bytes.data(), len, nullptr);
    if (!r.is_ok()) {
      ++errors;
      EXPECT_NE(r.status().message(), "");
    }
  }
  EXPECT_GT(errors, bytes.size() / 2);
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (uint8_t flip : {0x01, 0x80, 0xff}) {
      std::string bad = bytes;
      bad[i] = static_cast<char>(bad[i] ^ flip);
      Result<ir::Model> r = load_model_bytes(bad.data(), bad.size(), nullptr);
      if (r.is_ok()) (void)serialize_model(r.value());
    }
  }
}

TEST(ModelRoundTrip, TruncatedModelReportsFieldPath) {
  std::string bytes = serialize_model(sample_model());
  Result<ir::Model> r = load_model_bytes(bytes.data(), bytes.size() - 1, nullptr);
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidProtobuf);
  EXPECT_EQ(r.status().message().rfind("ModelProto", 0), 0u) << r.status().message();
  Result<ir::Model> missing = load_model_file("/nonexistent/model.onnx");
  EXPECT_EQ(missing.status().code(), StatusCode::kNoSuchFile);
}

}  // namespace
}  // namespace onyx::import
