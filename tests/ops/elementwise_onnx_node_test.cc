// Runs the official ONNX backend node tests for the elementwise ops (Relu, Clip, Sigmoid, Add,
// Sub, Mul, Div, Softmax; not the *_expanded variants, which exercise other ops) through
// ops::evaluate_node, comparing as ONNX's runner does (rtol 1e-3, atol 1e-7).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "import/loader.h"
#include "ops/common/eval.h"

namespace onyx::ops {
namespace {

namespace fs = std::filesystem;

const char* kPrefixes[] = {"test_relu", "test_clip", "test_sigmoid", "test_add",
                           "test_sub",  "test_mul",  "test_div",     "test_softmax"};

double element(const Tensor& t, int64_t i) {
  switch (t.dtype()) {
    case DType::kFloat32:
      return t.data<float>()[i];
    case DType::kFloat64:
      return t.data<double>()[i];
    case DType::kInt8:
      return t.data<int8_t>()[i];
    case DType::kInt16:
      return t.data<int16_t>()[i];
    case DType::kInt32:
      return t.data<int32_t>()[i];
    case DType::kInt64:
      return static_cast<double>(t.data<int64_t>()[i]);
    case DType::kUInt8:
      return t.data<uint8_t>()[i];
    case DType::kUInt16:
      return t.data<uint16_t>()[i];
    case DType::kUInt32:
      return t.data<uint32_t>()[i];
    case DType::kUInt64:
      return static_cast<double>(t.data<uint64_t>()[i]);
    default:
      return NAN;
  }
}

// Empty string when `dir` passes, else what went wrong.
std::string run_case(const fs::path& dir) {
  Result<ir::Model> model = import::load_model_file((dir / "model.onnx").string());
  if (!model) return "load: " + model.status().to_string();
  const ir::Graph& g = model->graph;
  if (g.nodes.size() != 1) return "expected a single-node graph";
  const ir::Node& node = g.nodes[0];
  for (const fs::path& set : fs::directory_iterator(dir)) {
    if (set.filename().string().rfind("test_data_set_", 0) != 0) continue;
    std::vector<Tensor> inputs;
    size_t graph_input = 0;
    for (const std::string& name : node.inputs) {
      if (name.empty()) {
        inputs.emplace_back();
        continue;
      }
      Result<Tensor> t = import::load_tensor_file(
          (set / ("input_" + std::to_string(graph_input++) + ".pb")).string());
      if (!t) return "input: " + t.status().to_string();
      inputs.push_back(std::move(t).value());
    }
    Result<std::vector<Tensor>> out = evaluate_node(node, model->opset(""), inputs);
    if (!out) return out.status().to_string();
    for (size_t k = 0; k < out->size(); ++k) {
      Result<Tensor> want =
          import::load_tensor_file((set / ("output_" + std::to_string(k) + ".pb")).string());
      if (!want) return "output: " + want.status().to_string();
      const Tensor& got = (*out)[k];
      if (got.dtype() != want->dtype() || got.shape() != want->shape())
        return "output " + std::to_string(k) + ": got " + dtype_name(got.dtype()) +
               shape_to_string(got.shape()) + ", want " + dtype_name(want->dtype()) +
               shape_to_string(want->shape());
      for (int64_t i = 0; i < got.numel(); ++i) {
        const double a = element(got, i), b = element(*want, i);
        if (std::isnan(a) && std::isnan(b)) continue;
        if (!(std::fabs(a - b) <= 1e-7 + 1e-3 * std::fabs(b)))
          return "output " + std::to_string(k) + "[" + std::to_string(i) + "]: got " +
                 std::to_string(a) + ", want " + std::to_string(b);
      }
    }
  }
  return "";
}

TEST(ElementwiseOnnxNodeTests, AllPass) {
  const fs::path root = fs::path(ONYX_SOURCE_DIR) / ".." / "shared" / "onnx-tests" / "node";
  if (!fs::is_directory(root)) GTEST_SKIP() << "no ONNX node tests at " << root;
  int passed = 0, total = 0;
  for (const fs::path& dir : fs::directory_iterator(root)) {
    const std::string name = dir.filename().string();
    if (name.find("_expanded") != std::string::npos) continue;
    bool mine = false;
    for (const char* p : kPrefixes) mine |= name == p || name.rfind(std::string(p) + "_", 0) == 0;
    if (!mine) continue;
    ++total;
    const std::string failure = run_case(dir);
    EXPECT_EQ(failure, "") << name;
    if (failure.empty()) ++passed;
  }
  std::printf("ONNX elementwise node tests: %d / %d passed\n", passed, total);
  EXPECT_GT(total, 0);
}

}  // namespace
}  // namespace onyx::ops
