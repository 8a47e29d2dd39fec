// Arithmetic on float16/bfloat16 storage types: Wide<T> is float for Float16/BFloat16 and T
// otherwise; widen()/narrow() convert (narrowing rounds to nearest even). Lets one template serve
// every numeric element type in ops that compute (CumSum, Range, TopK...).
#pragma once

#include <type_traits>

#include "base/half.h"

namespace onyx::ops {

template <class T>
constexpr bool kIsHalfFloat = std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>;

template <class T>
using Wide = std::conditional_t<kIsHalfFloat<T>, float, T>;

template <class T>
Wide<T> widen(T v) {
  if constexpr (kIsHalfFloat<T>)
    return to_float(v);
  else
    return v;
}

template <class T>
T narrow(Wide<T> v) {
  if constexpr (kIsHalfFloat<T>)
    return from_float<T>(v);
  else
    return v;
}

}  // namespace onyx::ops
