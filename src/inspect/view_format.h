// Display text for the viewer (internal to src/inspect/view_*): shapes, attribute values, weight
// statistics, colour categories and the FLOP estimate.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "inspect/view_model.h"
#include "ir/graph.h"
#include "ops/op.h"

namespace onyx::inspect::view_detail {

// "1×3×224×224" with symbolic dims by name ("batch×3×224×224"), "?" for unknown dims, "scalar"
// for rank 0, "" when the rank is unknown. `symbols` names symbolic dim ids (shape/infer.h).
std::string shape_text(const ops::ValueType& type, const std::vector<std::string>& symbols);
// Element type ("float32"), or "seq(float32)", "optional(...)", "map(int64,float32)".
std::string type_text(const ops::ValueType& type);
// The same two texts from a declared ONNX type.
std::string shape_text(const ir::TypeInfo& type);
std::string type_text(const ir::TypeInfo& type);

// Attribute value as display text: tensors show their first `first_values` values, lists their
// first 4 * first_values items, strings their first 400 bytes.
std::string attribute_text(const ir::Attribute& attr, int first_values);

// Shape, dtype, min/max/mean over at most `max_elements` elements, and the leading values.
ViewWeight describe_weight(const std::string& name, const Tensor& tensor, int64_t max_elements,
                           int first_values);

// Colour class of an op type.
std::string op_category(const std::string& op_type);

// Floating-point operations of one node from its input/output types (unknown and symbolic dims
// count as 1); -1 when the op is not estimated. What is counted: Conv/ConvTranspose/Gemm/MatMul
// and attention ops 2 per multiply-add; pooling one per window element read; normalisations and
// softmax a few per element; other elementwise and activation ops one per output element; data
// movement ops (reshape, transpose, gather, concat, slice, shape...) 0.
int64_t estimate_flops(const ir::Node& node, const std::vector<const ops::ValueType*>& inputs,
                       const std::vector<const ops::ValueType*>& outputs);

}  // namespace onyx::inspect::view_detail
