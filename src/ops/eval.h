// Evaluates one node eagerly on concrete tensors: init -> infer -> prepare -> run, allocating
// outputs and scratch. Used for plan-time constant folding and by op unit tests; the runtime's
// executor uses the same steps with a static memory plan instead.
#pragma once

#include <vector>

#include "ir/graph.h"
#include "onyx/status.hpp"
#include "onyx/tensor.hpp"
#include "ops/op.h"

namespace onyx::ops {

// `inputs` has one entry per node input ("" names get an undefined Tensor). Every input is marked
// constant to infer/prepare when `inputs_constant` is true (weights pre-packing path exercised).
Result<std::vector<Tensor>> evaluate_node(const ir::Node& node, int64_t opset,
                                          const std::vector<Tensor>& inputs,
                                          ThreadPool* pool = nullptr,
                                          bool inputs_constant = false);

}  // namespace onyx::ops
