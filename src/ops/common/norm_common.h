// Family code of the normalization ops (kernels: kernels/norm.h).
//
// RowNormOp serves LayerNormalization (opset 17) and RMSNormalization (opset 23): both normalize
// X over the trailing dims [axis, rank) (axis may be negative), seen as rows of n values:
//   LayerNormalization: y = (x - mean) / sqrt(var + epsilon) * Scale + B, optional outputs
//                       Mean and InvStdDev with shape X.dims[:axis] + [1] * (rank - axis)
//   RMSNormalization:   y = x / sqrt(mean(x^2) + epsilon) * scale
// Scale and B must broadcast (numpy, unidirectionally) to X.dims[axis:]. stash_type (default 1 =
// float) is the element type of Mean/InvStdDev; the statistics are computed in float32 for
// float/float16/bfloat16 data and in float64 for double data.
#pragma once

#include "onyx/tensor.hpp"
#include "ops/op.h"

namespace onyx::ops {

// True when `from` broadcasts unidirectionally (numpy rules, right-aligned) to `to`.
bool broadcasts_to(const Shape& from, const Shape& to);

// Writes `src` (dims from) broadcast to dims `to` into dst (shape_numel(to) values).
template <class C>
void broadcast_into(const C* src, const Shape& from, const Shape& to, C* dst);

// Row geometry set by prepare(): `rows` rows of `n` values, n = numel(X.dims[axis:]).
struct RowNormGeometry {
  int64_t rows = 0, n = 0;
  Shape row_dims;  // X.dims[axis:]
};

class RowNormOp : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  // centered: LayerNormalization (mean subtracted, inputs X, Scale[, B], outputs Y[, Mean,
  // InvStdDev]); otherwise RMSNormalization (inputs X, scale; output Y).
  explicit RowNormOp(bool centered) : centered_(centered) {}
  Status init(const InitContext& ctx) override;
  Status infer(InferContext& ctx) const override;
  Status prepare(PrepareContext& ctx) override;
  Status run(RunContext& ctx) const override;

 private:
  bool centered_;
  int64_t axis_ = -1;
  float epsilon_ = 1e-5f;
  DType stash_type_ = DType::kFloat32;
  RowNormGeometry geometry_;
  bool expand_scale_ = false, expand_bias_ = false;  // broadcast into scratch at run time
};

}  // namespace onyx::ops
