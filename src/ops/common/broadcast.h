// Multidirectional (numpy-style) broadcasting of inference shapes, shared by every broadcasting op
// (Add, Where, Max, Expand...). Dims follow op.h: >= 0 fixed, kUnknownDim, <= -2 symbolic.
//
// Per aligned dim pair (shapes right-aligned, missing leading dims = 1):
//   equal (same fixed value or same symbol)   -> that dim
//   one side fixed 1                          -> the other side (may stay symbolic)
//   fixed d != 1 vs unknown/symbolic          -> d (the other must be 1 or d at run time)
//   two different non-fixed dims              -> kUnknownDim (could be either, or 1)
//   two different fixed dims, neither 1       -> error
#pragma once

#include <span>
#include <string>
#include <vector>

#include "onyx/status.hpp"
#include "onyx/tensor.hpp"
#include "ops/op.h"

namespace onyx::ops {

// "[2, ?, s3]": unknown dims print "?", symbolic dim id -k prints "s<k>".
std::string dims_to_string(const Shape& dims);

// Broadcast result of two shapes; InvalidGraph error naming both shapes when incompatible.
Result<Shape> broadcast_dims(const Shape& a, const Shape& b);
// Left fold over any number of shapes (at least one); the error names the offending pair.
Result<Shape> broadcast_dims(std::span<const Shape> shapes);

// Output shape info for a broadcasting op over `inputs` (all present): has_shape is false when
// any input's rank is unknown. Errors come from ctx.error and name the node and both shapes.
Status infer_broadcast_shape(InferContext& ctx, std::span<const int> inputs, ValueType* out);

}  // namespace onyx::ops
