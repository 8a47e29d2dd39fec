// Shared implementation of NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss.
//
// Both read input 0 as [N, C] or [N, C, d1, ..., dk] (class axis 1), input 1 (int32/int64 targets)
// as [N] or [N, d1, ..., dk] and an optional input 2 weight [C]. Per element of the target:
//   loss[n, d] = -weight[t] * logp[n, t, d]       t = target[n, d] (weight[t] = 1 without weights)
//   loss[n, d] = 0 and weight 0                   where t == ignore_index (may be negative)
// reduction "none" keeps the target's shape; "sum" sums to a scalar; "mean" (the default) divides
// the sum by the sum of the applied weights (0/0 = NaN when every target is ignored, as ONNX's
// reference). A target outside [0, C) that is not ignore_index is a run-time error.
// Sums accumulate in double; float16/bfloat16 values are read and written through float.
#pragma once

#include <cstdint>
#include <optional>

#include "ops/op.h"

namespace onyx::ops {

enum class LossReduction { kNone, kSum, kMean };

struct LossAttrs {
  LossReduction reduction = LossReduction::kMean;
  std::optional<int64_t> ignore_index;
};

// Reads `reduction` (default "mean") and `ignore_index` (absent = none).
Status parse_loss_attrs(const InitContext& ctx, LossAttrs* attrs);

// Validates inputs 0..2 (T in `element_types`, targets int32/int64, shapes as above) and types
// output 0 (the loss: the target's shape for "none", else a scalar).
Status infer_loss(InferContext& ctx, const LossAttrs& attrs, DTypeSet element_types);

// [N, C, D] view of input 0 (D = d1 * ... * dk, 1 for 2-D inputs).
struct LossDims {
  int64_t n = 0, c = 0, d = 1;
};
LossDims loss_dims(const Shape& input_dims);

// Computes output `loss` (element type of `log_prob`'s T) from log-probabilities logp viewed as
// [N, C, D] of element type T (logp may be input 0's data or a scratch buffer of type T).
template <class T>
Status nll_loss(RunContext& ctx, const T* logp, const LossDims& dims, const Tensor& target,
                const Tensor* weight, const LossAttrs& attrs, Tensor& loss);

}  // namespace onyx::ops
