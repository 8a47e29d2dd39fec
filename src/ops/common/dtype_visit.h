// Element-type sets and the one element-type visitor every op uses.
//
// A type set is a TypeList of C++ storage types (float16/bfloat16 are onyx::Float16/BFloat16 from
// base/half.h, so they are not confused with uint16_t). The named sets below are the ones ONNX's
// type constraints use; an op states its constraint once, e.g.
//
//   using Types = types::Concat<types::Float, types::SignedInt>;       // Relu since opset 14
//   ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, dtype_set<Types>()));      // infer()
//   visit_dtype<Types>(x.dtype(), [&](auto tag) {                       // run()
//     using T = typename decltype(tag)::type;
//     ...
//   });
//
// visit_dtype calls fn exactly once, with TypeTag<T> for the storage type of `dtype`, and returns
// false (calling nothing) when `dtype` is not in the set.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>

#include "base/half.h"
#include "onyx/dtype.hpp"

namespace onyx::ops {

template <class T>
struct TypeTag {
  using type = T;
};

template <class... Ts>
struct TypeList {};

// A set of DTypes as a bitmask (every ONNX DType value is < 32).
class DTypeSet {
 public:
  constexpr DTypeSet() = default;
  constexpr DTypeSet(std::initializer_list<DType> dtypes) {
    for (DType t : dtypes) bits_ |= bit(t);
  }
  constexpr bool contains(DType t) const { return (bits_ & bit(t)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr DTypeSet operator|(DTypeSet o) const { return from_bits(bits_ | o.bits_); }
  // Set difference.
  constexpr DTypeSet operator-(DTypeSet o) const { return from_bits(bits_ & ~o.bits_); }
  constexpr bool operator==(const DTypeSet&) const = default;
  // "float, double, float16" in DType order; "" when empty.
  std::string names() const {
    std::string out;
    for (int v = 0; v < 32; ++v)
      if (bits_ & (1u << v))
        out += std::string(out.empty() ? "" : ", ") + dtype_name(static_cast<DType>(v));
    return out;
  }

 private:
  static constexpr uint32_t bit(DType t) {
    const auto v = static_cast<uint32_t>(t);
    return v < 32 ? (1u << v) : 0u;
  }
  static constexpr DTypeSet from_bits(uint32_t b) {
    DTypeSet s;
    s.bits_ = b;
    return s;
  }
  uint32_t bits_ = 0;
};

namespace types {

template <class... Lists>
struct ConcatImpl;
template <class... Ts>
struct ConcatImpl<TypeList<Ts...>> {
  using type = TypeList<Ts...>;
};
template <class... As, class... Bs, class... Rest>
struct ConcatImpl<TypeList<As...>, TypeList<Bs...>, Rest...> {
  using type = typename ConcatImpl<TypeList<As..., Bs...>, Rest...>::type;
};
// The union of type lists (callers keep them disjoint).
template <class... Lists>
using Concat = typename ConcatImpl<Lists...>::type;

// ONNX's tensor(float16), tensor(float), tensor(double), tensor(bfloat16).
using Float = TypeList<float, double, Float16, BFloat16>;
// float and double only: the types computed natively (no float32 round trip).
using NativeFloat = TypeList<float, double>;
using SignedInt = TypeList<int8_t, int16_t, int32_t, int64_t>;
using UnsignedInt = TypeList<uint8_t, uint16_t, uint32_t, uint64_t>;
using Int = Concat<SignedInt, UnsignedInt>;
using Bool = TypeList<bool>;
using String = TypeList<std::string>;
// Every integer and float type ("all numeric types" in the ONNX spec).
using Numeric = Concat<Float, Int>;
// Types with a sign: floats and signed integers (Neg, Abs-like ops, Sign).
using SignedNumeric = Concat<Float, SignedInt>;
// Fixed-size element types without strings: numeric + bool.
using Pod = Concat<Numeric, Bool>;
// Every element type a Tensor holds today except complex, float8 and 4-bit types.
using All = Concat<Pod, String>;
// ONNX MatMul's and Gemm's T (float16/bfloat16 not yet computed by onyx's GEMM).
using MatMul = TypeList<float, double, int32_t, int64_t, uint32_t, uint64_t>;

}  // namespace types

template <class... Ts>
constexpr DTypeSet dtype_set_of(TypeList<Ts...>) {
  return DTypeSet{DTypeOf<Ts>::value...};
}
// The DTypeSet of a TypeList: dtype_set<types::Float>().
template <class List>
constexpr DTypeSet dtype_set() {
  return dtype_set_of(List{});
}

namespace detail {
template <class T, class Fn>
bool visit_one(DType dtype, Fn& fn) {
  if (dtype != DTypeOf<T>::value) return false;
  fn(TypeTag<T>{});
  return true;
}
template <class... Ts, class Fn>
bool visit_list(DType dtype, TypeList<Ts...>, Fn& fn) {
  return (visit_one<Ts>(dtype, fn) || ...);
}
}  // namespace detail

// Calls fn(TypeTag<T>{}) for the storage type T of `dtype` when it is in List; false otherwise.
template <class List, class Fn>
bool visit_dtype(DType dtype, Fn&& fn) {
  return detail::visit_list(dtype, List{}, fn);
}

// "element type int8 is not supported (supported: float, double)": the message for a failed visit.
inline std::string unsupported_dtype_message(DType dtype, DTypeSet supported) {
  return std::string("element type ") + dtype_name(dtype) +
         " is not supported (supported: " + supported.names() + ")";
}

}  // namespace onyx::ops
