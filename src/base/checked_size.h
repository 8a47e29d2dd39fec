// Element and byte counts of a dense tensor, checked: a shape with a negative dim, or whose
// element or byte count does not fit int64, has no size (std::nullopt). Every allocation whose
// shape comes from a model or its inputs goes through these (Tensor::empty, the planner,
// RunContext::allocate_output), so hostile shapes give an error instead of a wrapped-around size.
#pragma once

#include <cstdint>
#include <optional>

#include "onyx/tensor.hpp"

namespace onyx {

inline std::optional<int64_t> checked_numel(const Shape& shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    if (d < 0 || __builtin_mul_overflow(n, d, &n)) return std::nullopt;
  return n;
}

inline std::optional<int64_t> checked_nbytes(DType dtype, const Shape& shape) {
  std::optional<int64_t> n = checked_numel(shape);
  int64_t bytes = 0;
  if (!n || __builtin_mul_overflow(*n, static_cast<int64_t>(dtype_size(dtype)), &bytes))
    return std::nullopt;
  return bytes;
}

}  // namespace onyx
