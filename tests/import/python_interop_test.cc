// Interop with python3-onnx: models written by onnx read back with the expected fields, and what
// onyx writes loads in onnx, passes its checker and equals the original.
#include <gtest/gtest.h>

#include <fstream>

#include "import/loader.h"
#include "interop_util.h"

namespace onyx::import {
namespace {

using namespace onyx::import::testing;

class PythonInterop : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!python_onnx_available()) return;
    dir_ = scratch_dir("python_models");
    generated_ = run_python("make_models.py", dir_, dir_ + "/make_models.log") == 0;
  }
  static void TearDownTestSuite() {
    if (!dir_.empty() && !::testing::Test::HasFailure()) std::filesystem::remove_all(dir_);
  }
  void SetUp() override {
    if (!python_onnx_available()) GTEST_SKIP() << "/usr/bin/python3 with onnx not available";
    ASSERT_TRUE(generated_) << read_text(dir_ + "/make_models.log");
  }
  static inline std::string dir_;
  static inline bool generated_ = false;
};

template <typename T>
std::vector<T> values(const Tensor* t) {
  if (!t) return {};
  return std::vector<T>(t->data<T>(), t->data<T>() + t->numel());
}

const ir::Node* find_node(const ir::Graph& g, const std::string& op, const std::string& name = "") {
  for (const auto& n : g.nodes)
    if (n.op_type == op && (name.empty() || n.name == name)) return &n;
  return nullptr;
}

TEST_F(PythonInterop, FeaturesModelReadsBackEqual) {
  Result<ir::Model> r = load_model_file(dir_ + "/features.onnx");
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  const ir::Model& m = r.value();
  EXPECT_EQ(m.producer_name, "make_models.py");
  EXPECT_EQ(m.producer_version, "1.0");
  EXPECT_EQ(m.model_version, 3);
  EXPECT_EQ(m.domain, "test.onyx");
  EXPECT_EQ(m.doc_string, "model doc");
  EXPECT_EQ(m.opset(""), 15);
  EXPECT_EQ(m.opset("local"), 1);
  ASSERT_EQ(m.metadata_props.size(), 2u);
  ASSERT_EQ(m.functions.size(), 1u);
  EXPECT_EQ(m.functions[0].name, "MyAdd");
  EXPECT_EQ(m.functions[0].domain, "local");
  EXPECT_EQ(m.functions[0].inputs, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(m.functions[0].nodes.size(), 1u);

  const ir::Graph& g = m.graph;
  EXPECT_EQ(g.name, "features");
  EXPECT_EQ(g.doc_string, "graph doc");
  ASSERT_EQ(g.inputs.size(), 1u);
  EXPECT_EQ(g.inputs[0].type.dim_params, (std::vector<std::string>{"N"}));
  EXPECT_EQ(g.inputs[0].type.dims, (std::vector<int64_t>{-1}));
  EXPECT_EQ(g.value_info.at(0).type.elem_type, DType::kBool);

  EXPECT_EQ(values<float>(g.initializer("f_typed")), (std::vector<float>{0.5, 1, 2, 3, 4, 5}));
  EXPECT_EQ(g.initializer("f_typed")->shape(), (Shape{2, 3}));
  EXPECT_EQ(values<float>(g.initializer("f_raw")), (std::vector<float>{1, 2, 3}));
  EXPECT_EQ(values<int64_t>(g.initializer("i64")), (std::vector<int64_t>{-7, int64_t{1} << 40}));
  EXPECT_EQ(values<int32_t>(g.initializer("i32")), (std::vector<int32_t>{-3, 9}));
  EXPECT_EQ(values<int8_t>(g.initializer("i8")), (std::vector<int8_t>{-128, 0, 127}));
  EXPECT_EQ(values<uint16_t>(g.initializer("u16")), (std::vector<uint16_t>{65535}));
  EXPECT_EQ(values<bool>(g.initializer("b")), (std::vector<bool>{true, false}));
  EXPECT_EQ(values<uint16_t>(g.initializer("h")), (std::vector<uint16_t>{0x3e00, 0xc000}));
  EXPECT_EQ(values<double>(g.initializer("d")), (std::vector<double>{0.25, -1e100}));
  EXPECT_EQ(values<uint64_t>(g.initializer("u64")), (std::vector<uint64_t>{~uint64_t{0}}));
  EXPECT_EQ(values<uint32_t>(g.initializer("u32")), (std::vector<uint32_t>{4294967295u}));
  EXPECT_EQ(values<std::string>(g.initializer("s")),
            (std::vector<std::string>{"abc", std::string("\xff\0", 2)}));
  ASSERT_NE(g.initializer("c64"), nullptr);
  EXPECT_EQ(g.initializer("c64")->data<float>()[0], 1.f);
  EXPECT_EQ(g.initializer("c64")->data<float>()[1], 2.f);
  EXPECT_EQ(values<float>(g.initializer("sp")), (std::vector<float>{0, 7, 0, 0, 8, 0}));

  const ir::Node* if_node = find_node(g, "If");
  ASSERT_NE(if_node, nullptr);
  const ir::Attribute* then_branch = if_node->attr("then_branch");
  ASSERT_TRUE(then_branch && then_branch->g);
  EXPECT_EQ(then_branch->g->name, "then_g");
  EXPECT_EQ(then_branch->g->nodes.at(0).op_type, "Add");
  EXPECT_EQ(find_node(g, "ReduceMax")->doc_string, "reduce doc");
  EXPECT_EQ(find_node(g, "LeakyRelu")->attr_float("alpha", 0), 0.125f);
  EXPECT_EQ(find_node(g, "Resize")->inputs, (std::vector<std::string>{"X", "", "scales"}));
  EXPECT_EQ(find_node(g, "Resize")->attr_string("mode", ""), "nearest");
  EXPECT_EQ(find_node(g, "MyAdd")->domain, "local");
  int constants = 0;
  for (const auto& n : g.nodes) {
    if (n.op_type != "Constant") continue;
    ++constants;
    const ir::Attribute& a = n.attributes.at(0);
    if (a.name == "sparse_value") {
      EXPECT_EQ(a.type, ir::Attribute::Type::kSparseTensor);
      EXPECT_EQ(values<float>(&a.t), (std::vector<float>{0, 0, 9, 0}));
    } else if (a.name == "value_floats") {
      EXPECT_EQ(a.floats, (std::vector<float>{1.5f, -2.25f}));
    } else if (a.name == "value_ints") {
      EXPECT_EQ(a.ints, (std::vector<int64_t>{3, -4}));
    } else if (a.name == "value_strings") {
      EXPECT_EQ(a.strings, (std::vector<std::string>{"x", "yz"}));
    } else if (a.name == "value") {
      EXPECT_EQ(values<int64_t>(&a.t), (std::vector<int64_t>{5, 6}));
    } else {
      ADD_FAILURE() << "unexpected Constant attribute " << a.name;
    }
  }
  EXPECT_EQ(constants, 5);
}

TEST_F(PythonInterop, OnyxWrittenModelLoadsInOnnxAndEqualsOriginal) {
  Result<ir::Model> m = load_model_file(dir_ + "/features.onnx");
  ASSERT_TRUE(m.is_ok()) << m.status().to_string();
  std::string out = dir_ + "/features.onyx.onnx";
  ASSERT_TRUE(save_model(m.value(), out).is_ok());
  std::ofstream(dir_ + "/pairs.txt") << dir_ << "/features.onnx\t" << out << "\n";
  int rc = run_python("compare_models.py", dir_ + "/pairs.txt", dir_ + "/compare.log");
  EXPECT_EQ(rc, 0) << read_text(dir_ + "/compare.log");
  EXPECT_NE(read_text(dir_ + "/compare.log").find("compared 1, skipped 0, failed 0"),
            std::string::npos)
      << read_text(dir_ + "/compare.log");
  // And onyx reads its own output back to the same bytes.
  Result<ir::Model> again = load_model_file(out);
  ASSERT_TRUE(again.is_ok()) << again.status().to_string();
  EXPECT_EQ(serialize_model(again.value()), serialize_model(m.value()));
}

TEST_F(PythonInterop, ExternalDataWrittenByOnnxLoads) {
  Result<ir::Model> m = load_model_file(dir_ + "/external/model.onnx");
  ASSERT_TRUE(m.is_ok()) << m.status().to_string();
  const Tensor* w = m->graph.initializer("w");
  const Tensor* b = m->graph.initializer("b");
  ASSERT_TRUE(w && b);
  EXPECT_EQ(w->shape(), (Shape{2, 3, 4}));
  for (int i = 0; i < 24; ++i) EXPECT_EQ(w->data<float>()[i], static_cast<float>(i));
  EXPECT_EQ(values<int64_t>(b), (std::vector<int64_t>{-2, -1, 0, 1, 2}));
  // Loaded from a relative path too (the folder is resolved against the working directory).
  std::string cwd = std::filesystem::current_path().string();
  std::filesystem::current_path(dir_);
  Result<ir::Model> rel = load_model_file("external/model.onnx");
  std::filesystem::current_path(cwd);
  EXPECT_TRUE(rel.is_ok()) << rel.status().to_string();
}

}  // namespace
}  // namespace onyx::import
