// Running a floating-point op in one compute type, shared by the normalization and recurrent
// families: float64 data computes in double, float32/float16/bfloat16 in float. Float tensors
// (inputs and outputs) whose element type differs from the compute type go through scratch copies:
// inputs are widened before the op's body runs, outputs narrowed after it (round to nearest even).
// Non-float inputs (e.g. RNN sequence_lens) are not copied; the body reads them from ctx.
//
// Scratch layout: the copies (each 64-byte aligned), then the op's own `extra` bytes.
//   prepare: ctx.request_scratch(compute_copy_bytes(ctx) + extra_bytes);
//   run:     return run_in_compute_type(ctx, [&](auto& t) { ... t.in[i], t.out[i], t.extra ... });
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "ops/op.h"

namespace onyx::ops {

inline bool is_float_dtype(DType t) {
  return t == DType::kFloat32 || t == DType::kFloat64 || t == DType::kFloat16 ||
         t == DType::kBFloat16;
}
// kFloat64 for float64 data, else kFloat32.
inline DType compute_dtype(DType t) {
  return t == DType::kFloat64 ? DType::kFloat64 : DType::kFloat32;
}
inline size_t align64(size_t bytes) {
  return (bytes + 63) / 64 * 64;
}

// Scratch bytes for the copies run_in_compute_type makes (compute type from input 0's dtype).
size_t compute_copy_bytes(const PrepareContext& ctx);

// Converts n elements between float element types (float, double, float16, bfloat16).
void convert_floats(const void* src, DType src_type, void* dst, DType dst_type, int64_t n);

// Most inputs / outputs a node run through run_in_compute_type may have (LSTM: 8 inputs).
constexpr int kMaxComputeTensors = 8;

// The op body's view of its tensors in compute type C (fixed arrays: run() does not allocate).
template <class C>
struct ComputeTensors {
  using Compute = C;
  std::array<const C*, kMaxComputeTensors> in{};  // nullptr for absent and non-float inputs
  std::array<C*, kMaxComputeTensors> out{};       // nullptr for absent outputs
  void* extra = nullptr;                          // the op's own scratch (64-byte aligned)
};

namespace detail {
template <class C, class Fn>
Status run_as(RunContext& ctx, Fn& fn) {
  constexpr DType kCompute = DTypeOf<C>::value;
  char* cursor = static_cast<char*>(ctx.scratch());
  auto take = [&](int64_t n) {
    C* p = reinterpret_cast<C*>(cursor);
    cursor += align64(static_cast<size_t>(n) * sizeof(C));
    return p;
  };
  ComputeTensors<C> t;
  if (ctx.num_inputs() > kMaxComputeTensors || ctx.num_outputs() > kMaxComputeTensors)
    return ctx.error("too many inputs or outputs for the float compute helper");
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    const C* p = nullptr;
    if (ctx.has_input(i)) {
      const Tensor& x = ctx.input(i);
      if (x.dtype() == kCompute) {
        p = x.data<C>();
      } else if (is_float_dtype(x.dtype())) {
        C* buf = take(x.numel());
        convert_floats(x.raw_data(), x.dtype(), buf, kCompute, x.numel());
        p = buf;
      }
    }
    t.in[static_cast<size_t>(i)] = p;
  }
  for (int i = 0; i < ctx.num_outputs(); ++i) {
    C* p = nullptr;
    if (ctx.has_output(i)) {
      Tensor& y = ctx.output(i);
      p = y.dtype() == kCompute ? y.data<C>() : take(y.numel());
    }
    t.out[static_cast<size_t>(i)] = p;
  }
  t.extra = cursor;
  ONYX_RETURN_IF_ERROR(fn(t));
  for (int i = 0; i < ctx.num_outputs(); ++i) {
    if (!ctx.has_output(i)) continue;
    Tensor& y = ctx.output(i);
    if (y.dtype() != kCompute)
      convert_floats(t.out[static_cast<size_t>(i)], kCompute, y.raw_data(), y.dtype(), y.numel());
  }
  return Status::ok();
}
}  // namespace detail

// Calls fn(ComputeTensors<C>&) with C = double for float64 input 0, else float.
template <class Fn>
Status run_in_compute_type(RunContext& ctx, Fn&& fn) {
  if (ctx.input(0).dtype() == DType::kFloat64) return detail::run_as<double>(ctx, fn);
  return detail::run_as<float>(ctx, fn);
}

}  // namespace onyx::ops
