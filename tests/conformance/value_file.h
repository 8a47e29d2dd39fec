// Test data files of any value kind: a serialized TensorProto, SequenceProto or OptionalProto
// (ONNX test data input_N.pb / output_N.pb), read according to the declared kind.
#pragma once

#include <string>

#include "onyx/session.hpp"
#include "onyx/status.hpp"
#include "onyx/value.hpp"

namespace onyx::conformance {

// onnx 1.12 wrote bfloat16 test tensors as uint16 TensorProtos holding the raw bits: `t` with
// its bits reinterpreted as bfloat16 when it is uint16 and `declared` is bfloat16, else `t`.
Tensor bfloat16_stored_as_uint16(const Tensor& t, DType declared);

// A tensor file is read as bfloat16_stored_as_uint16(tensor, meta.dtype).
Result<Value> load_value_file(const std::string& path, const ValueMeta& meta);

// "" when `actual` matches `expected` (kind, length, each tensor as compare_tensors), else a
// one-line reason.
std::string compare_values(const Value& expected, const Value& actual);

}  // namespace onyx::conformance
