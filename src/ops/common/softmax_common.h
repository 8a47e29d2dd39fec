// Shared implementation of Softmax, LogSoftmax and Hardmax (each op file only names its kind).
//
// Axis semantics, identical for the three ops:
//   opsets 1..12: the input is coerced to 2-D [prod(dims[:axis]), prod(dims[axis:])] (axis default
//                 1, -rank..rank allowed) and the function runs over each row;
//   opset 13+:    the function runs along `axis` alone (default -1).
// Both are computed on the [outer, n, inner] view of kernels/softmax.h.
// Element types: float32 (SIMD for softmax/log-softmax), float64, float16/bfloat16 (computed in
// float32 through scratch memory).
#pragma once

#include "ops/op.h"

namespace onyx::ops {

enum class SoftmaxKind { kSoftmax, kLogSoftmax, kHardmax };

class SoftmaxFamilyOp : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  explicit SoftmaxFamilyOp(SoftmaxKind kind) : kind_(kind) {}
  Status init(const InitContext& ctx) override;
  Status infer(InferContext& ctx) const override;
  Status prepare(PrepareContext& ctx) override;
  Status run(RunContext& ctx) const override;

 private:
  void run_f32(const float* x, float* y, ThreadPool* pool) const;
  template <float (*ToFloat)(uint16_t), uint16_t (*FromFloat)(float)>
  Status via_float(RunContext& ctx) const;

  SoftmaxKind kind_;
  bool coerce_2d_ = false;
  int64_t axis_ = -1;
  int64_t outer_ = 0, n_ = 0, inner_ = 1;  // [outer, n, inner] view set by prepare()
};

}  // namespace onyx::ops
