// Internal encoders used by the model writer (IR -> ONNX protobuf bytes).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ir/graph.h"
#include "onyx/tensor.hpp"
#include "proto/wire.h"

namespace onyx::import {

// Packed repeated int64 field (omitted when empty).
void write_packed_int64(proto::WireWriter& w, uint32_t field, const std::vector<int64_t>& v);
// TensorProto with raw_data (string_data for strings).
std::string encode_tensor(const Tensor& t, std::string_view name);
// SparseTensorProto holding the nonzero elements of a dense tensor with linear indices.
std::string encode_sparse_tensor(const Tensor& t);

}  // namespace onyx::import
