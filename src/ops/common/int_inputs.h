// Helpers shared by the shape / data-movement ops: reading integer lists (axes, shapes, pads)
// from constant or runtime inputs, normalizing axes, and whole-tensor copies.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ops/op.h"

namespace onyx::ops {

// Integer contents of an int32/int64 tensor; nullopt for other dtypes or an undefined tensor.
std::optional<std::vector<int64_t>> tensor_int_values(const Tensor& t);

// Normalizes each axis into [0, rank) (negative counts from the end). Returns "" on success or
// a message naming the offending axis (out of range, or repeated when `unique`).
std::string normalize_axes(std::vector<int64_t>* axes, int64_t rank, bool unique = true);

// Product of dims: 0 if some dim is 0; a lone non-fixed dim among ones is returned as is
// (symbolic dims survive); otherwise kUnknownDim when any dim is not fixed.
int64_t dims_product(std::span<const int64_t> dims);

// Copies src's elements into dst (same dtype and numel) unless both share storage. Pure-view
// ops call this from run() so they stay correct when the runtime did not alias the output.
void copy_tensor_data(const Tensor& src, Tensor& dst);

// "[2, ?, 3]" with '?' for unknown/symbolic dims.
std::string dims_to_string(std::span<const int64_t> dims);

}  // namespace onyx::ops
