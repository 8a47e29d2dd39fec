// numpy .npy files <-> Tensor.
//
// Reading accepts format versions 1.0, 2.0 and 3.0; little-endian ('<'), big-endian ('>', byte
// swapped on load) and byte-order-free ('|') descriptors; C order, and Fortran order (transposed
// into C order on load). Supported dtypes: f2 f4 f8 c8 c16 i1 i2 i4 i8 u1 u2 u4 u8 b1. Anything
// else (unicode '<U', object '|O', structured, datetime...) is a kNotImplemented error that names
// the file and the descriptor. Truncated or malformed files are kInvalidArgument errors.
//
// Writing produces format 1.0 (2.0 when the header does not fit in 65535 bytes), little-endian,
// C order, header padded so the data starts at a multiple of 64 bytes (as numpy does).
#pragma once

#include <string>

#include "onyx/status.hpp"
#include "onyx/tensor.hpp"

namespace onyx::import {

Result<Tensor> read_npy_file(const std::string& path);
// `what` names the source in error messages (e.g. a file path).
Result<Tensor> parse_npy(const void* data, size_t size, const std::string& what = "<memory>");

// Errors for dtypes numpy cannot represent (string, bfloat16, float8, 4-bit).
Result<std::string> serialize_npy(const Tensor& tensor);
Status write_npy_file(const Tensor& tensor, const std::string& path);

// numpy's descriptor for a dtype ("<f4", "|b1"); nullptr when numpy has none.
const char* npy_descr(DType dtype);

}  // namespace onyx::import
