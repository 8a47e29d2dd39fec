// Family code of the control-flow ops (If, Loop, Scan): subgraph access, type merging, and slicing
// / stacking tensors along an axis for scan inputs and outputs.
#pragma once

#include <cstdint>
#include <vector>

#include "ops/op.h"

namespace onyx::ops {

// The graph attribute `name` of the node, or nullptr.
const ir::Graph* graph_attr(const ir::Node& node, const char* name);

// Infers `graph` through ctx.subgraphs(); errors name the node when inference is unavailable.
Result<std::vector<ValueType>> infer_subgraph(InferContext& ctx, const ir::Graph& graph,
                                              const std::vector<ValueType>& inputs);
// Runs `graph` through ctx.subgraphs(); checks the number of outputs it returns.
Result<std::vector<Value>> run_subgraph(RunContext& ctx, const ir::Graph& graph,
                                        const std::vector<Value>& inputs);

// The type of a value that is `a` on some paths and `b` on others: same kind and element type
// required (else an error from ctx), dims kept where equal and unknown where they differ (no shape
// when ranks differ).
Result<ValueType> merge_value_types(const InferContext& ctx, const ValueType& a, const ValueType& b,
                                    const std::string& what);

// Scalar contents of a bool / int tensor (the first element).
bool scalar_bool(const Tensor& t);
int64_t scalar_int(const Tensor& t);

// t[..., i, ...] with index i taken along `axis` (the axis removed), as a new owned tensor.
Tensor slice_along_axis(const Tensor& t, int64_t axis, int64_t i);

// Stacks equally-shaped tensors along a new axis at `axis` (0..rank). `elem_shape` gives the
// element shape when `items` is empty. Errors (shape mismatch) through ctx.
Result<Tensor> stack_along_axis(const RunContext& ctx, const std::vector<Tensor>& items,
                                int64_t axis, DType dtype, const Shape& elem_shape);

}  // namespace onyx::ops
