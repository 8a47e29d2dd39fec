// Shared implementation of the cumulative ops CumSum and CumProd (each op file names its kind).
//
// Both run a running reduction of x along `axis` (input 1: an int32 or int64 scalar or
// one-element tensor; negative counts from the end). Attributes: exclusive=1 leaves out the
// element itself (the first output along the axis is the identity: 0 for sums, 1 for products);
// reverse=1 runs from the end of the axis. A rank-0 x acts as a one-element vector.
// float16/bfloat16 accumulate in float32; integers wrap as their type does.
#pragma once

#include "ops/op.h"

namespace onyx::ops {

enum class ScanKind { kSum, kProd };

class CumulativeFamilyOp : public OpKernel {
 public:
  using Types = TypeList<float, double, int32_t, int64_t, uint32_t, uint64_t, Float16, BFloat16>;
  static constexpr DTypeSet kElementTypes = dtype_set<Types>();

  explicit CumulativeFamilyOp(ScanKind kind) : kind_(kind) {}
  Status init(const InitContext& ctx) override;
  Status infer(InferContext& ctx) const override;
  Status run(RunContext& ctx) const override;

 private:
  ScanKind kind_;
  bool exclusive_ = false, reverse_ = false;
};

}  // namespace onyx::ops
