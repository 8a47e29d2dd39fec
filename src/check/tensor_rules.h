// Helpers shared by the tensor rule files (check_tensor.cc, check_sparse.cc,
// check_external_data.cc).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "check/check_context.h"

namespace onyx::check {

// Bits per element of a TensorProto.DataType; 0 for STRING and unknown types.
int64_t element_bits(int32_t data_type);
// Product of `dims`; false (with `problem` set) on a negative dim or overflow.
bool element_count(const proto::RepeatedScalar& dims, int64_t* count, std::string* problem);
// Bytes `elements` values of `data_type` take in raw_data (sub-byte types packed); -1 if unknown.
int64_t stored_bytes(int32_t data_type, int64_t elements);
// The external_data entries of a tensor with data_location EXTERNAL: keys, location form, and
// (when ctx.files) the file: inside the model folder, regular, offset/length within it.
void check_external_data(const proto::TensorView& t, const Context& ctx, const std::string& loc);
// The values of an INT64 tensor held inline (int64_data or raw_data); false if held otherwise.
bool int64_values(const proto::TensorView& t, std::vector<int64_t>* out);

}  // namespace onyx::check
