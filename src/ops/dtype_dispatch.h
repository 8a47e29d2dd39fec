// Element-type dispatch for ops with typed reference loops: calls fn(T{}) with the C++ type of
// `dtype`, or returns false when `dtype` is not in the set.
#pragma once

#include <cstdint>

#include "onyx/dtype.hpp"

namespace onyx::ops {

// float, double, int32, int64, uint32, uint64: the types MatMul and Gemm compute in.
template <typename Fn>
bool visit_gemm_types(DType dtype, Fn&& fn) {
  switch (dtype) {
    case DType::kFloat32:
      fn(float{});
      return true;
    case DType::kFloat64:
      fn(double{});
      return true;
    case DType::kInt32:
      fn(int32_t{});
      return true;
    case DType::kInt64:
      fn(int64_t{});
      return true;
    case DType::kUInt32:
      fn(uint32_t{});
      return true;
    case DType::kUInt64:
      fn(uint64_t{});
      return true;
    default:
      return false;
  }
}

}  // namespace onyx::ops
