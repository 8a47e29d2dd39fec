// Family code of the variadic elementwise ops Max, Min, Sum, Mean: 1..N inputs of one element
// type, multidirectionally broadcast together (opset 8+; opsets < 8 required equal shapes, which
// the numpy rule accepts too).
//
// Computation folds pairwise through two-operand broadcast plans, accumulating in the output:
// out = in0 op in1 when those two already give the output shape, else out = broadcast(in0) and
// then out = out op in1; then out = out op in_k for k >= 2 (in place, so no scratch). Mean
// divides the sum by N at the end. Max/Min propagate NaN. The arithmetic is run_arithmetic
// (binary_common.h), so float16/bfloat16 round to their type after every step.
#pragma once

#include <vector>

#include "kernels/binary.h"
#include "ops/op.h"

namespace onyx::ops {

class VariadicBroadcastOp : public OpKernel {
 public:
  // op: the pairwise fold (kAdd for Sum and Mean, kMax, kMin); `mean` divides by N at the end.
  VariadicBroadcastOp(kernels::BinaryOp op, bool mean, DTypeSet element_types)
      : op_(op), mean_(mean), element_types_(element_types) {}
  Status infer(InferContext& ctx) const override;
  Status prepare(PrepareContext& ctx) override;
  Status run(RunContext& ctx) const override;

 private:
  // The plans of the fold for concrete input shapes and the output shape.
  struct FoldPlan {
    bool first_pair_direct = false;             // plans[0] = in0 op in1 gives the output shape
    std::vector<kernels::BroadcastPlan> plans;  // see fold order above
  };
  static FoldPlan make_fold_plan(const std::vector<Shape>& inputs, const Shape& out);
  Status fold(RunContext& ctx, const FoldPlan& plan) const;

  kernels::BinaryOp op_;
  bool mean_;
  DTypeSet element_types_;
  std::vector<Shape> planned_inputs_;
  FoldPlan plan_;
};

}  // namespace onyx::ops
