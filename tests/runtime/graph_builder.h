// Builds subgraphs (If branches, Loop/Scan bodies) and non-tensor value types for runtime tests.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ir/graph.h"
#include "onyx/tensor.hpp"

namespace onyx::testing {

inline ir::TypeInfo tensor_type(DType dtype, std::vector<int64_t> dims, bool has_shape = true) {
  ir::TypeInfo t = ir::TypeInfo::tensor(dtype, std::move(dims));
  t.has_shape = has_shape;
  return t;
}
inline ir::TypeInfo seq_type(DType dtype) {
  ir::TypeInfo t;
  t.kind = ir::TypeInfo::Kind::kSequence;
  t.inner = std::make_shared<ir::TypeInfo>(tensor_type(dtype, {}, false));
  return t;
}
inline ir::TypeInfo optional_type(ir::TypeInfo inner) {
  ir::TypeInfo t;
  t.kind = ir::TypeInfo::Kind::kOptional;
  t.inner = std::make_shared<ir::TypeInfo>(std::move(inner));
  return t;
}
inline ir::ValueInfo value_info(const std::string& name, ir::TypeInfo type) {
  ir::ValueInfo v;
  v.name = name;
  v.type = std::move(type);
  return v;
}

class GraphBuilder {
 public:
  explicit GraphBuilder(std::string name) { graph_->name = std::move(name); }
  GraphBuilder& input(const std::string& name, ir::TypeInfo type) {
    graph_->inputs.push_back(value_info(name, std::move(type)));
    return *this;
  }
  GraphBuilder& input(const std::string& name, DType dtype) {
    return input(name, tensor_type(dtype, {}, false));
  }
  GraphBuilder& output(const std::string& name, DType dtype = DType::kFloat32) {
    graph_->outputs.push_back(value_info(name, tensor_type(dtype, {}, false)));
    return *this;
  }
  GraphBuilder& output(const std::string& name, ir::TypeInfo type) {
    graph_->outputs.push_back(value_info(name, std::move(type)));
    return *this;
  }
  ir::Node& node(const std::string& op_type, std::vector<std::string> inputs,
                 std::vector<std::string> outputs) {
    ir::Node n;
    n.op_type = op_type;
    n.inputs = std::move(inputs);
    n.outputs = std::move(outputs);
    graph_->nodes.push_back(std::move(n));
    return graph_->nodes.back();
  }
  std::shared_ptr<ir::Graph> graph() const { return graph_; }

 private:
  std::shared_ptr<ir::Graph> graph_ = std::make_shared<ir::Graph>();
};

inline ir::Attribute graph_attr(const std::string& name, std::shared_ptr<ir::Graph> g) {
  ir::Attribute a;
  a.name = name;
  a.type = ir::Attribute::Type::kGraph;
  a.g = std::move(g);
  return a;
}

inline Tensor floats(Shape shape, std::vector<float> v) {
  return Tensor::from_vector<float>(std::move(shape), v);
}

inline std::vector<float> values_of(const Tensor& t) {
  return std::vector<float>(t.data<float>(), t.data<float>() + t.numel());
}

}  // namespace onyx::testing
