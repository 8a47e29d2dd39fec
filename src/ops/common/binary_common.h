// Shared implementation of the arithmetic ops Add, Sub, Mul, Div (each op file only names its
// kernels::BinaryOp).
//
// Semantics: opset >= 7 multidirectional numpy broadcasting. Opsets 1..6 use the legacy rule:
// without `broadcast=1` both shapes must be equal; with it, B's dims must match a contiguous run
// of A's dims starting at `axis` (default: A's trailing dims), and the output has A's shape.
// Element types: float32/float64 (SIMD), float16/bfloat16 (computed in float32), int8..int64,
// uint8..uint64 (wrapping; integer Div truncates toward zero and a zero divisor is a
// RuntimeException from run()). Inputs must share one element type.
#pragma once

#include <optional>
#include <vector>

#include "kernels/binary.h"
#include "ops/op.h"

namespace onyx::ops {

class BinaryArithmeticOp : public OpKernel {
 public:
  explicit BinaryArithmeticOp(kernels::BinaryOp op) : op_(op) {}
  Status init(const InitContext& ctx) override;
  Status infer(InferContext& ctx) const override;
  Status prepare(PrepareContext& ctx) override;
  Status run(RunContext& ctx) const override;

 private:
  // B's dims as seen by numpy broadcasting (legacy opsets realign them to A; else unchanged).
  Result<Shape> effective_b_dims(const Shape& a, const Shape& b) const;

  kernels::BinaryOp op_;
  bool legacy_ = false;            // opset < 7
  bool legacy_broadcast_ = false;  // legacy `broadcast` attribute (default 0)
  std::optional<int64_t> legacy_axis_;
  // Plan for the shapes seen at prepare(); run() rebuilds locally if it gets other shapes.
  Shape planned_a_, planned_b_;
  kernels::BroadcastPlan plan_;
};

}  // namespace onyx::ops
