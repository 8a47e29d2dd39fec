// Eager evaluation of one node on concrete tensors. Used for plan-time constant folding, by the
// shape-inference driver and by op unit tests; the runtime's executor performs the same steps with
// a static memory plan instead.
#pragma once

#include <vector>

#include "ir/graph.h"
#include "onyx/status.hpp"
#include "onyx/tensor.hpp"
#include "ops/op.h"

namespace onyx::ops {

// prepare -> allocate outputs and scratch -> run, for a kernel whose infer() already produced
// `out_types` from `in_types`. `inputs[i]` is undefined where the input is absent.
Result<std::vector<Tensor>> run_kernel_eagerly(OpKernel& kernel, const ir::Node& node,
                                               int64_t opset, const std::vector<Tensor>& inputs,
                                               const std::vector<const ValueType*>& in_types,
                                               const std::vector<ValueType>& out_types,
                                               ThreadPool* pool);

// create -> init -> infer -> run_kernel_eagerly. `inputs` has one entry per node input (undefined
// Tensor for "" names). With `inputs_constant` every input is marked constant to infer/prepare, so
// weight pre-packing paths run too.
Result<std::vector<Tensor>> evaluate_node(const ir::Node& node, int64_t opset,
                                          const std::vector<Tensor>& inputs,
                                          ThreadPool* pool = nullptr, bool inputs_constant = false);

}  // namespace onyx::ops
