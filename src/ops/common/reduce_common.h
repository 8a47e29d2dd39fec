// Shared implementation of the Reduce* ops (ReduceOp) and of ArgMax/ArgMin (ArgReduceOp).
//
// Reduce* semantics (all ten ops):
//   axes      attribute up to opset 12 (ReduceSum) / 17 (the others); from opset 13 / 18 an
//             optional int64 1-D input, constant at plan time or only known at run time (then the
//             output shape depends on data and run() allocates it). Negative axes count from the
//             end; out-of-range or repeated axes are errors.
//   keepdims  default 1: reduced axes stay as size 1; 0 drops them.
//   noop_with_empty_axes (input-axes opsets only, default 0): with empty/absent axes, 0 reduces
//             every axis and 1 reduces none. Reducing no axis still applies the op's element map
//             (ReduceSumSquare gives x^2, ReduceL1 |x|, ReduceLogSum log x), as the ONNX
//             reference does.
//   Empty sets (a reduced axis of size 0) give the fold's identity followed by the finish:
//             sum-like 0, prod 1, max -inf/lowest, min +inf/highest, mean NaN, log-sum -inf.
// Accumulation: float32 and float64 in their own type, float16/bfloat16 in float32; integers in
// their own type (wrapping) for the sum/prod/extremum ops and in double (then truncated toward
// zero, as numpy's astype) for ReduceMean, ReduceL2, ReduceLogSum and ReduceLogSumExp; bool
// (ReduceMax/ReduceMin, opset 20+) as any/all.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kernels/reduce.h"
#include "ops/op.h"

namespace onyx::ops {

// Applied to each folded value before it is stored in the output's element type.
enum class ReduceFinish : uint8_t { kNone, kMean, kSqrt, kLog };

// ONNX's element types of the arithmetic reductions (ReduceSum..., opset 13+).
using ReduceMathTypes =
    TypeList<float, double, Float16, BFloat16, int32_t, int64_t, uint32_t, uint64_t>;
// ReduceMax / ReduceMin: + int8/uint8 (opset 12) + bool (opset 20).
using ReduceExtremumTypes = types::Concat<ReduceMathTypes, TypeList<int8_t, uint8_t, bool>>;

struct ReduceSpec {
  kernels::ReduceKind kind;
  ReduceFinish finish;
  int64_t axes_input_opset;  // first opset where axes is an input (13 for ReduceSum, else 18)
  DTypeSet element_types;
};

// A reduction of one concrete shape: kernel passes over [outer, n, inner] views, run in order,
// each reading the previous pass's output. Contiguous reduced axes (after dropping size-1 axes
// and merging neighbours) take one pass; each further run of reduced axes separated by kept
// axes takes one more pass, reducing the innermost run first. Passes after the first fold the
// partial results with the combining kind (sums of squares/absolute values add up; max, min,
// prod and log-sum-exp are associative).
struct ReducePlan {
  std::vector<kernels::ReduceShape> passes;
  int64_t count = 1;  // input elements folded into each output (the ReduceMean divisor)
  Shape out_dims;
};

// Builds the plan; `reduced[a]` says whether axis a is reduced.
ReducePlan make_reduce_plan(const Shape& dims, const std::vector<bool>& reduced, bool keepdims);

// Which axes are reduced, from the axes list (nullopt or empty = "no axes given"). Returns "" or
// a message naming a bad axis.
std::string resolve_reduce_axes(std::vector<int64_t> axes, int64_t rank, bool noop_with_empty_axes,
                                std::vector<bool>* reduced);

class ReduceOp : public OpKernel {
 public:
  explicit ReduceOp(ReduceSpec spec) : spec_(spec) {}
  Status init(const InitContext& ctx) override;
  Status infer(InferContext& ctx) const override;
  Status prepare(PrepareContext& ctx) override;
  Status run(RunContext& ctx) const override;

 private:
  // Integer inputs accumulate in double (ops whose result is not an integer fold).
  bool int_in_double() const {
    return spec_.finish != ReduceFinish::kNone || spec_.kind == kernels::ReduceKind::kLogSumExp;
  }
  // Scratch bytes `plan` needs for element type `dtype`.
  size_t scratch_for(const ReducePlan& plan, DType dtype) const;

  ReduceSpec spec_;
  bool axes_from_input_ = false;  // opset >= spec_.axes_input_opset
  bool keepdims_ = true;
  bool noop_with_empty_axes_ = false;
  std::vector<int64_t> attr_axes_;
  // Set by prepare(): the plan when the axes were known then, and the scratch size reserved.
  std::optional<ReducePlan> plan_;
  Shape planned_dims_;
  size_t scratch_bytes_ = 0;
};

// ArgMax / ArgMin: int64 index of the extreme element along `axis` (default 0); keepdims
// (default 1) keeps that axis as size 1; select_last_index (opset 12+, default 0) picks the last
// of tied extremes instead of the first. Element types: every numeric type. A reduced axis of
// size 0 is an error (there is no index to return).
class ArgReduceOp : public OpKernel {
 public:
  static constexpr DTypeSet kTypes = dtype_set<types::Numeric>();
  explicit ArgReduceOp(bool is_max) : is_max_(is_max) {}
  Status init(const InitContext& ctx) override;
  Status infer(InferContext& ctx) const override;
  Status prepare(PrepareContext& ctx) override;
  Status run(RunContext& ctx) const override;

 private:
  bool is_max_;
  int64_t axis_ = 0;
  bool keepdims_ = true;
  bool select_last_ = false;
  kernels::ReduceShape shape_;  // set by prepare()
};

}  // namespace onyx::ops
