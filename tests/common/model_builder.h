// Builds small ONNX models in tests without files: IR in, serialized ONNX bytes out.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "import/loader.h"
#include "ir/graph.h"
#include "onyx/session.hpp"

namespace onyx::testing {

class ModelBuilder {
 public:
  explicit ModelBuilder(int64_t opset = 17) {
    model_.ir_version = 8;
    model_.opset_imports.push_back({"", opset});
    model_.producer_name = "onyx-tests";
    model_.graph.name = "test_graph";
  }
  // dims: >= 0 fixed, -1 unknown; dim_params: symbolic names ("" for none).
  ModelBuilder& input(const std::string& name, DType dtype, std::vector<int64_t> dims,
                      std::vector<std::string> dim_params = {}) {
    model_.graph.inputs.push_back(value(name, dtype, std::move(dims), std::move(dim_params)));
    return *this;
  }
  ModelBuilder& output(const std::string& name, DType dtype, std::vector<int64_t> dims = {},
                       std::vector<std::string> dim_params = {}) {
    ir::ValueInfo v = value(name, dtype, std::move(dims), std::move(dim_params));
    v.type.has_shape = !v.type.dims.empty();  // no dims given = shape not declared
    model_.graph.outputs.push_back(std::move(v));
    return *this;
  }
  ModelBuilder& initializer(const std::string& name, Tensor t) {
    model_.graph.initializers.emplace_back(name, std::move(t));
    return *this;
  }
  ir::Node& node(const std::string& op_type, std::vector<std::string> inputs,
                 std::vector<std::string> outputs, const std::string& name = "") {
    ir::Node n;
    n.op_type = op_type;
    n.name = name;
    n.inputs = std::move(inputs);
    n.outputs = std::move(outputs);
    model_.graph.nodes.push_back(std::move(n));
    return model_.graph.nodes.back();
  }
  static ir::Attribute ints(const std::string& name, std::vector<int64_t> v) {
    ir::Attribute a;
    a.name = name;
    a.type = ir::Attribute::Type::kInts;
    a.ints = std::move(v);
    return a;
  }
  static ir::Attribute int_attr(const std::string& name, int64_t v) {
    ir::Attribute a;
    a.name = name;
    a.type = ir::Attribute::Type::kInt;
    a.i = v;
    return a;
  }
  ir::Model& model() { return model_; }
  std::string bytes() const { return import::serialize_model(model_); }
  Result<Session> session(const Options& options = Options()) const {
    std::string b = bytes();
    return Session::load_bytes(b.data(), b.size(), options);
  }

 private:
  static ir::ValueInfo value(const std::string& name, DType dtype, std::vector<int64_t> dims,
                             std::vector<std::string> dim_params) {
    ir::ValueInfo v;
    v.name = name;
    v.type = ir::TypeInfo::tensor(dtype, std::move(dims));
    if (!dim_params.empty()) v.type.dim_params = std::move(dim_params);
    return v;
  }
  ir::Model model_;
};

}  // namespace onyx::testing
