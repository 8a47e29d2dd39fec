// Helpers for the elementwise op tests: build a node and evaluate it with ops::evaluate_node.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ir/graph.h"
#include "ops/common/eval.h"

namespace onyx::ops::testing {

// Node `op_type` named "n" with inputs "x0".."x{k-1}" ("" where `absent`) and one output "y".
inline ir::Node make_node(const std::string& op_type, int num_inputs,
                          std::vector<ir::Attribute> attrs = {}, std::vector<int> absent = {}) {
  ir::Node node;
  EXPECT_LE(num_inputs, 4);
  node.op_type = op_type;
  node.name = std::string("n");  // move-assign: sidesteps a GCC 12 -Wrestrict false positive
  for (int i = 0; i < num_inputs; ++i) {
    bool skip = false;
    for (int a : absent) skip |= a == i;
    const char* names[] = {"x0", "x1", "x2", "x3"};  // ops here take at most 4 inputs
    node.inputs.push_back(skip ? "" : names[i]);
  }
  node.outputs = {"y"};
  node.attributes = std::move(attrs);
  return node;
}

inline ir::Attribute int_attr(const std::string& name, int64_t v) {
  ir::Attribute a;
  a.name = name;
  a.type = ir::Attribute::Type::kInt;
  a.i = v;
  return a;
}

inline ir::Attribute float_attr(const std::string& name, float v) {
  ir::Attribute a;
  a.name = name;
  a.type = ir::Attribute::Type::kFloat;
  a.f = v;
  return a;
}

// Evaluates and returns output 0, failing the test on error.
inline Tensor eval1(const ir::Node& node, int64_t opset, const std::vector<Tensor>& inputs,
                    ThreadPool* pool = nullptr) {
  Result<std::vector<Tensor>> r = evaluate_node(node, opset, inputs, pool);
  EXPECT_TRUE(r.is_ok()) << r.status().to_string();
  if (!r.is_ok()) return Tensor();
  return r.value()[0];
}

template <class T>
std::vector<T> values(const Tensor& t) {
  return std::vector<T>(t.data<T>(), t.data<T>() + t.numel());
}

}  // namespace onyx::ops::testing
