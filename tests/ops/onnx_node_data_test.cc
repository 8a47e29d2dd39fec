// Runs the official ONNX node tests for the data-movement / shape ops node by node through
// evaluate_node (no runtime involved), with inputs both as plan-time constants and as run-time
// data. Skipped when ../shared/onnx-tests is absent.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <regex>

#include "base/half.h"
#include "import/loader.h"
#include "ops/common/eval.h"

namespace onyx::ops {
namespace {

namespace fs = std::filesystem;

// The onnx 1.23 snapshot beside the repo and Debian's onnx 1.12 data (older opsets).
std::vector<fs::path> node_test_roots() {
  return {fs::path(ONYX_SOURCE_DIR) / "../shared/onnx-tests/node",
          "/usr/share/libonnx-testdata/data/node"};
}

std::string compare(const Tensor& want, const Tensor& got) {
  if (want.dtype() != got.dtype())
    return std::string("dtype ") + dtype_name(got.dtype()) + " != " + dtype_name(want.dtype());
  if (want.shape() != got.shape())
    return "shape " + shape_to_string(got.shape()) + " != " + shape_to_string(want.shape());
  for (int64_t i = 0; i < want.numel(); ++i) {
    double w = 0, g = 0;
    switch (want.dtype()) {
      case DType::kFloat32:
        w = want.data<float>()[i], g = got.data<float>()[i];
        break;
      case DType::kFloat64:
        w = want.data<double>()[i], g = got.data<double>()[i];
        break;
      case DType::kFloat16:
        w = half_to_float(want.data<uint16_t>()[i]), g = half_to_float(got.data<uint16_t>()[i]);
        break;
      case DType::kString:
        if (want.data<std::string>()[i] != got.data<std::string>()[i])
          return "string element " + std::to_string(i) + " differs";
        continue;
      default: {
        const size_t es = dtype_size(want.dtype());
        if (std::memcmp(static_cast<const char*>(want.raw_data()) + i * es,
                        static_cast<const char*>(got.raw_data()) + i * es, es) != 0)
          return "element " + std::to_string(i) + " differs";
        continue;
      }
    }
    if (!(std::fabs(w - g) <= 1e-7 + 1e-3 * std::fabs(w)) && !(std::isnan(w) && std::isnan(g)))
      return "element " + std::to_string(i) + ": " + std::to_string(g) + " != " + std::to_string(w);
  }
  return "";
}

// "" on success, else why the test case failed.
std::string run_case(const fs::path& dir, bool inputs_constant) {
  auto model = import::load_model_file((dir / "model.onnx").string());
  if (!model.is_ok()) return "load: " + model.status().to_string();
  const ir::Graph& g = model->graph;
  // The snapshot's models import opset 25; opsets 24-25 only widened these ops' type lists, so
  // they run as opset 23 (the highest onyx registers for them).
  const int64_t opset = std::min<int64_t>(model->opset(""), 23);
  std::map<std::string, Tensor> values;
  for (const auto& [name, t] : g.initializers) values[name] = t;
  const fs::path data = dir / "test_data_set_0";
  size_t next_input = 0;
  for (const ir::ValueInfo& in : g.inputs) {
    if (values.count(in.name)) continue;
    auto t = import::load_tensor_file(
        (data / ("input_" + std::to_string(next_input++) + ".pb")).string());
    if (!t.is_ok()) return "input: " + t.status().to_string();
    values[in.name] = *t;
  }
  for (const ir::Node& node : g.nodes) {
    std::vector<Tensor> inputs;
    for (const std::string& name : node.inputs)
      inputs.push_back(name.empty() ? Tensor() : values[name]);
    auto out = evaluate_node(node, opset, inputs, nullptr, inputs_constant);
    if (!out.is_ok()) return out.status().to_string();
    for (size_t i = 0; i < node.outputs.size(); ++i)
      if (!node.outputs[i].empty()) values[node.outputs[i]] = out.value()[i];
  }
  for (size_t i = 0; i < g.outputs.size(); ++i) {
    auto want = import::load_tensor_file((data / ("output_" + std::to_string(i) + ".pb")).string());
    if (!want.is_ok()) return "output: " + want.status().to_string();
    std::string diff = compare(*want, values[g.outputs[i].name]);
    if (!diff.empty()) return "output " + std::to_string(i) + ": " + diff;
  }
  return "";
}

TEST(OnnxNodeData, DataMovementOps) {
  const std::regex mine(
      "test_(flatten|reshape|transpose|depthtospace|concat|constant|shape|gather_[0-9]|gather_2d|"
      "gather_negative|squeeze|unsqueeze|constant_pad|edge_pad|reflect_pad|wrap_pad).*");
  int roots = 0;
  for (const fs::path& root : node_test_roots()) {
    if (!fs::is_directory(root)) continue;
    ++roots;
    int passed = 0, total = 0;
    for (const auto& e : fs::directory_iterator(root)) {
      const std::string name = e.path().filename().string();
      if (!std::regex_match(name, mine) || name.rfind("test_constantofshape", 0) == 0) continue;
      for (bool constant : {true, false}) {
        ++total;
        std::string err = run_case(e.path(), constant);
        if (err.empty())
          ++passed;
        else
          ADD_FAILURE() << root << "/" << name
                        << (constant ? " (constant inputs)" : " (runtime inputs)") << ": " << err;
      }
    }
    std::cout << root.string() << ": " << passed << "/" << total << " passed\n";
    EXPECT_GT(total, 100) << root;
  }
  if (roots == 0) GTEST_SKIP() << "no ONNX node test data found";
}

}  // namespace
}  // namespace onyx::ops
