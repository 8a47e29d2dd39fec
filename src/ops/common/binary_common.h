// Family code of the broadcasting binary ops: Add, Sub, Mul, Div, Pow, Mod, BitShift, the
// comparisons, the logical and bitwise ops and PRelu. Each op file holds only what is particular
// to it: its element types, the per-element function, attributes.
//
// Broadcasting: opset >= 7 multidirectional numpy broadcasting. Opsets 1..6 (for the ops that
// existed then with the `broadcast`/`axis` attributes) use the legacy rule: without
// `broadcast=1` both shapes must be equal; with it, B's dims must match a contiguous run of A's
// dims starting at `axis` (default: A's trailing dims), and the output has A's shape.
// Unidirectional ops (PRelu) require the output shape to equal A's.
//
// float16 / bfloat16 are computed in float32 and rounded back per element (compute_t / widen /
// narrow below).
#pragma once

#include <optional>
#include <type_traits>
#include <vector>

#include "base/half.h"
#include "kernels/binary.h"
#include "ops/op.h"

namespace onyx::ops {

// The type an element of T is computed in: float for float16/bfloat16, else T itself.
template <class T>
inline constexpr bool is_half_v = std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>;
template <class T>
using compute_t = std::conditional_t<is_half_v<T>, float, T>;
template <class T>
compute_t<T> widen(const T& x) {
  if constexpr (is_half_v<T>)
    return to_float(x);
  else
    return x;
}
template <class T>
T narrow(const compute_t<T>& x) {
  if constexpr (is_half_v<T>)
    return from_float<T>(x);
  else
    return x;
}

// Requires inputs 0 and 1 with one element type from `allowed`.
Status expect_same_dtype(InferContext& ctx, DTypeSet allowed);

// A two-input broadcasting op: broadcasting rules, legacy attributes, shape inference and the
// broadcast plan (built at prepare, rebuilt in run only for other shapes). Subclasses state the
// element types (check_types) and the computation (compute).
class BroadcastBinaryOp : public OpKernel {
 public:
  Status init(const InitContext& ctx) override;
  Status infer(InferContext& ctx) const override;
  Status prepare(PrepareContext& ctx) override;
  Status run(RunContext& ctx) const override;

 protected:
  struct Options {
    bool legacy_attrs = true;     // opsets < 7 read `broadcast` / `axis`
    bool unidirectional = false;  // B broadcasts to A; output shape = A's (PRelu)
    // Opsets < 7 (PRelu): a 1-D B whose size is A's dim 1 (channels) applies along axis 1.
    bool legacy_channel_b = false;
  };
  BroadcastBinaryOp() = default;
  explicit BroadcastBinaryOp(Options options) : options_(options) {}

  // Validates the input element types and returns the output's.
  virtual Result<DType> check_types(InferContext& ctx) const = 0;
  // out = f(a, b) over `plan`; errors only for data-dependent failures.
  virtual Status compute(RunContext& ctx, const kernels::BroadcastPlan& plan, const Tensor& a,
                         const Tensor& b, Tensor& out) const = 0;

 private:
  // B's dims as seen by numpy broadcasting (legacy opsets realign them to A; else unchanged).
  Result<Shape> effective_b_dims(const Shape& a, const Shape& b) const;

  Options options_;
  bool legacy_ = false;            // opset < 7 and legacy attrs apply
  bool channel_b_ = false;         // opset < 7 and legacy_channel_b
  bool legacy_broadcast_ = false;  // legacy `broadcast` attribute (default 0)
  std::optional<int64_t> legacy_axis_;
  Shape planned_a_, planned_b_;
  kernels::BroadcastPlan plan_;
};

// A broadcasting op with one element type for both inputs, computed by `Fn` per element:
// Fn{}(compute_t<T> x, compute_t<T> y) returns compute_t<T> (output type T) or bool (BoolOutput).
template <class Types, class Fn, bool BoolOutput = false>
class MappedBinaryOp : public BroadcastBinaryOp {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<Types>();
  MappedBinaryOp() = default;
  explicit MappedBinaryOp(Options options) : BroadcastBinaryOp(options) {}

 protected:
  Result<DType> check_types(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(expect_same_dtype(ctx, kElementTypes));
    return BoolOutput ? DType::kBool : ctx.input(0).dtype;
  }
  Status compute(RunContext& ctx, const kernels::BroadcastPlan& plan, const Tensor& a,
                 const Tensor& b, Tensor& out) const override {
    const bool ok = visit_dtype<Types>(a.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      using O = std::conditional_t<BoolOutput, bool, T>;
      kernels::broadcast_map(plan, a.data<T>(), b.data<T>(), out.data<O>(), ctx.pool(),
                             [](const T& x, const T& y) -> O {
                               if constexpr (BoolOutput)
                                 return Fn{}(widen(x), widen(y));
                               else
                                 return narrow<T>(Fn{}(widen(x), widen(y)));
                             });
    });
    return ok ? Status::ok() : ctx.error(unsupported_dtype_message(a.dtype(), kElementTypes));
  }
};

// Add, Sub, Mul, Div (and the Max/Min/Sum folds): float32/float64 SIMD, float16/bfloat16 in
// float32, integers wrapping; integer Div truncates toward zero and a zero divisor is a
// RuntimeException from run().
Status run_arithmetic(RunContext& ctx, kernels::BinaryOp op, const kernels::BroadcastPlan& plan,
                      const Tensor& a, const Tensor& b, Tensor& out);

class BinaryArithmeticOp : public BroadcastBinaryOp {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Numeric>();
  explicit BinaryArithmeticOp(kernels::BinaryOp op) : op_(op) {}

 protected:
  Result<DType> check_types(InferContext& ctx) const override;
  Status compute(RunContext& ctx, const kernels::BroadcastPlan& plan, const Tensor& a,
                 const Tensor& b, Tensor& out) const override {
    return run_arithmetic(ctx, op_, plan, a, b, out);
  }

 private:
  kernels::BinaryOp op_;
};

}  // namespace onyx::ops
