// Propagation of partly known integer shape tensors during graph inference.
//
// Exporters build target shapes from the input's own dims: Reshape(x, Concat(Gather(Shape(x), 0),
// [12], [64])). When x has symbolic dims, Shape(x) is not a constant, yet each of its elements is
// a dim. The open SymbolicScope (ops/common/dim_expr.h; GraphInference::elem_dims) holds such
// elements (fixed, symbolic or unknown) of int tensors of rank 0 or 1 by value name, and this
// pass carries them through the ops exporters put in such chains:
// Gather, Concat, Slice, Unsqueeze, Squeeze, Reshape, Identity, Cast, Add, Sub, Mul, Div, Size,
// and Equal (decided comparisons become bool constants) / Where as in PyTorch's Expand export.
// Shape sets them itself (ops/shape.cc); Reshape, Expand, ConstantOfShape and Tile read them
// (ops::input_elem_dims). An output whose elements all turn out fixed becomes a
// constant, so the usual folding continues from it.
#pragma once

#include "ops/op.h"

namespace onyx::shape {

// Called by the driver after the node's infer(): records the elements (or sets the value) of
// outputs the op left non-constant, when the inputs' elements are known. Never fails: what it
// cannot derive stays unknown.
void propagate_elem_dims(ops::InferContext& ctx);

}  // namespace onyx::shape
