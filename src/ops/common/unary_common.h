// Shared implementation of the elementwise unary ops (Abs, Exp, Relu, IsNaN...): an op file names
// its type set, its attributes and its function; this file does type checking and the loops.
//
//   class ExpOp final : public UnaryOp<types::Float> {
//     Status run(RunContext& ctx) const override {
//       return map(ctx, [](auto x) { return std::exp(x); }, F32Kernel{kernels::UnaryF32::kExp});
//     }
//   };
//
// The function is a generic callable applied per element in a compute type C:
//   float32 -> float (the F32Kernel, when given, runs instead: SIMD, or the scalar reference under
//   ONYX_ISA=scalar); float64 -> double; float16/bfloat16 -> float (converted in blocks on the
//   stack, and the F32Kernel runs on each block); integer and bool types -> themselves.
// Its result is converted to the output's storage type: the input's type, or bool for ops declared
// with OutputDType = DType::kBool (IsNaN, IsInf), whose functions return bool.
// Work is split over the thread pool for large tensors. In-place (y aliasing x) is supported.
#pragma once

#include <optional>
#include <type_traits>

#include "base/half.h"
#include "kernels/elementwise_parallel.h"
#include "kernels/unary.h"
#include "ops/op.h"

namespace onyx::ops {

// The SIMD float32 kernel of an op, with its parameters.
struct F32Kernel {
  kernels::UnaryF32 op;
  kernels::UnaryParams params{};
};

// Shape/type function of unary ops: one input of a type in `allowed`; the output has its shape and
// its type (or `output_dtype` when that is not kUndefined).
Status infer_unary(InferContext& ctx, DTypeSet allowed, DType output_dtype);

// Two's-complement negation with wraparound (-INT_MIN == INT_MIN), no undefined behaviour.
template <class T>
T wrapping_neg(T x) {
  if constexpr (std::is_integral_v<T> && std::is_signed_v<T>)
    return static_cast<T>(std::make_unsigned_t<T>(0) - static_cast<std::make_unsigned_t<T>>(x));
  else
    return static_cast<T>(-x);
}

namespace unary_detail {

// Elements per block converted to float on the stack (float16/bfloat16 inputs).
constexpr int64_t kBlock = 256;

template <class S>
constexpr bool is_half_v = std::is_same_v<S, Float16> || std::is_same_v<S, BFloat16>;

template <class S>
using compute_t = std::conditional_t<is_half_v<S>, float, S>;

template <class S>
float load(S v) {
  if constexpr (is_half_v<S>)
    return to_float(v);
  else
    return static_cast<float>(v);
}

// Converts f(x) to output storage type O (O = input storage type S, or bool).
template <class O, class S, class R>
O store(R r) {
  if constexpr (is_half_v<O>)
    return from_float<O>(static_cast<float>(r));
  else
    return static_cast<O>(r);
}

template <class S, class O, class Fn>
void map_range(const S* x, O* y, int64_t begin, int64_t end, const Fn& fn,
               const std::optional<F32Kernel>& f32) {
  if constexpr (is_half_v<S>) {
    float buf[kBlock];
    for (int64_t b = begin; b < end; b += kBlock) {
      const int64_t m = std::min(kBlock, end - b);
      for (int64_t i = 0; i < m; ++i) buf[i] = load(x[b + i]);
      if (f32 && std::is_same_v<O, S>) {
        kernels::unary_f32(f32->op, buf, buf, m, f32->params);
        for (int64_t i = 0; i < m; ++i) y[b + i] = store<O, S>(buf[i]);
      } else {
        for (int64_t i = 0; i < m; ++i) y[b + i] = store<O, S>(fn(buf[i]));
      }
    }
  } else {
    for (int64_t i = begin; i < end; ++i) y[i] = store<O, S>(fn(static_cast<compute_t<S>>(x[i])));
  }
}

}  // namespace unary_detail

// y = fn(x) over ctx.input(0) -> ctx.output(0) for element types in Types (see the file comment).
template <class Types, DType OutputDType = DType::kUndefined, class Fn>
Status map_unary(RunContext& ctx, const Fn& fn, const std::optional<F32Kernel>& f32 = {}) {
  const Tensor& x = ctx.input(0);
  Tensor& y = ctx.output(0);
  const int64_t n = x.numel();
  ThreadPool* pool = ctx.pool();
  const bool ok = visit_dtype<Types>(x.dtype(), [&](auto tag) {
    using S = typename decltype(tag)::type;
    using O = std::conditional_t<OutputDType == DType::kBool, bool, S>;
    const S* in = x.data<S>();
    O* out = y.data<O>();
    if constexpr (std::is_same_v<S, float> && std::is_same_v<O, float>) {
      if (f32) {
        kernels::unary_f32(f32->op, in, out, n, f32->params, pool);
        return;
      }
    }
    kernels::parallel_ranges(pool, n, kernels::kTranscendentalGrain, [&](int64_t b, int64_t e) {
      unary_detail::map_range(in, out, b, e, fn, f32);
    });
  });
  if (!ok) return ctx.error(unsupported_dtype_message(x.dtype(), dtype_set<Types>()));
  return Status::ok();
}

// Base of the unary op classes: element types Types (the op's T constraint), output of the input's
// type or OutputDType. Subclasses implement run() with map(); init() for attributes.
template <class Types, DType OutputDType = DType::kUndefined>
class UnaryOp : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<Types>();

  Status infer(InferContext& ctx) const override {
    return infer_unary(ctx, kElementTypes, OutputDType);
  }

 protected:
  template <class Fn>
  Status map(RunContext& ctx, const Fn& fn, const std::optional<F32Kernel>& f32 = {}) const {
    return map_unary<Types, OutputDType>(ctx, fn, f32);
  }
};

}  // namespace onyx::ops
