// Helpers for the data-movement / shape op tests: build a node and run it with evaluate_node.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ir/graph.h"
#include "ops/common/eval.h"
#include "ops/registry.h"

namespace onyx::ops::dm_test {

inline ir::Attribute int_attr(const std::string& name, int64_t v) {
  ir::Attribute a;
  a.name = name;
  a.type = ir::Attribute::Type::kInt;
  a.i = v;
  return a;
}
inline ir::Attribute ints_attr(const std::string& name, std::vector<int64_t> v) {
  ir::Attribute a;
  a.name = name;
  a.type = ir::Attribute::Type::kInts;
  a.ints = std::move(v);
  return a;
}
inline ir::Attribute float_attr(const std::string& name, float v) {
  ir::Attribute a;
  a.name = name;
  a.type = ir::Attribute::Type::kFloat;
  a.f = v;
  return a;
}
inline ir::Attribute string_attr(const std::string& name, std::string v) {
  ir::Attribute a;
  a.name = name;
  a.type = ir::Attribute::Type::kString;
  a.s = std::move(v);
  return a;
}

// Node "op_type 'n'" with inputs named in0.. ("" where the tensor is undefined) and one output.
inline ir::Node make_node(const std::string& op_type, const std::vector<Tensor>& inputs,
                          std::vector<ir::Attribute> attrs = {}) {
  ir::Node node;
  node.name = "n";
  node.op_type = op_type;
  for (size_t i = 0; i < inputs.size(); ++i)
    node.inputs.push_back(inputs[i].defined() ? "in" + std::to_string(i) : "");
  node.outputs = {"out"};
  node.attributes = std::move(attrs);
  return node;
}

// Runs the op and returns output 0; `constant` marks every input as a plan-time constant.
inline Result<Tensor> run_op(const std::string& op_type, int64_t opset,
                             const std::vector<Tensor>& inputs,
                             std::vector<ir::Attribute> attrs = {}, bool constant = true,
                             ThreadPool* pool = nullptr) {
  ir::Node node = make_node(op_type, inputs, std::move(attrs));
  Result<std::vector<Tensor>> out = evaluate_node(node, opset, inputs, pool, constant);
  if (!out.is_ok()) return out.status();
  return out.value()[0];
}

template <typename T>
std::vector<T> values(const Tensor& t) {
  return std::vector<T>(t.data<T>(), t.data<T>() + t.numel());
}

template <typename T>
Tensor iota_tensor(Shape shape, T start = T(0)) {
  std::vector<T> v(static_cast<size_t>(shape_numel(shape)));
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<T>(start + static_cast<T>(i));
  return Tensor::from_vector<T>(std::move(shape), v);
}

inline Tensor i64(std::vector<int64_t> v) {
  return Tensor::from_vector<int64_t>({static_cast<int64_t>(v.size())}, v);
}

// Runs infer() only, on hand-made input types (for unknown / symbolic dims).
inline Result<std::vector<ValueType>> infer_only(const ir::Node& node, int64_t opset,
                                                 const std::vector<ValueType>& inputs) {
  auto kernel = create_kernel(node, opset);
  if (!kernel.is_ok()) return kernel.status();
  std::vector<const ValueType*> ptrs;
  for (const ValueType& v : inputs) ptrs.push_back(v.dtype == DType::kUndefined ? nullptr : &v);
  std::vector<ValueType> outs(node.outputs.size());
  InferContext ctx(node, opset, ptrs, &outs);
  Status st = kernel.value()->infer(ctx);
  if (!st.is_ok()) return st;
  return outs;
}

}  // namespace onyx::ops::dm_test
