// Operator registry, expanded from op_list.inc (no static self-registration).
#pragma once

#include <memory>
#include <span>
#include <string>

#include "ops/op.h"

namespace onyx::ops {

// Domain of onyx's internal ops, produced only by graph optimizations (e.g. FusedConv).
inline constexpr const char* kOnyxDomain = "com.onyx";
// Standard ONNX domains besides ai.onnx (the default domain, "" in OpInfo).
inline constexpr const char* kMlDomain = "ai.onnx.ml";
inline constexpr const char* kPreviewDomain = "ai.onnx.preview";
inline constexpr const char* kTrainingDomain = "ai.onnx.preview.training";

struct OpInfo {
  const char* op_type;
  const char* domain;  // "" = ai.onnx
  int since_opset;     // first opset version this implementation covers
  int last_opset;      // last opset version covered
  std::unique_ptr<OpKernel> (*create)();
  DTypeSet (*element_types)();  // the op class's kElementTypes; empty when not stated
};

// All implemented ops, sorted by (domain, op_type).
std::span<const OpInfo> all_ops();
// nullptr when the op is unknown to onyx (in any opset).
const OpInfo* find_op(const std::string& domain, const std::string& op_type);
// Creates and init()s the kernel for `node` at `opset`. NotImplemented errors say whether the op
// is unknown or outside the covered opset range.
Result<std::unique_ptr<OpKernel>> create_kernel(const ir::Node& node, int64_t opset);

}  // namespace onyx::ops
