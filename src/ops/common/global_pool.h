// Family base of GlobalAveragePool, GlobalMaxPool and GlobalLpPool: X [N, C, spatial...] ->
// [N, C, 1, ...], one value per (n, c) plane. float32 natively; float16, bfloat16 and double are
// staged through float32 (Float32Staging). An op file gives only the plane reduction.
#pragma once

#include "ops/common/conv_common.h"
#include "ops/common/pool_attrs.h"
#include "ops/op.h"

namespace onyx::ops {

class GlobalPoolOp : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    return infer_global_pool(ctx);
  }
  Status prepare(PrepareContext& ctx) override {
    staging_.prepare(ctx);
    return Status::ok();
  }
  Status run(RunContext& ctx) const final {
    const Tensor& x = ctx.input(0);
    const int64_t planes = x.dim(0) * x.dim(1);
    const int64_t plane = planes > 0 ? x.numel() / planes : 0;
    staging_.run(
        ctx, [&](const float* xf, float* yf) { reduce_planes(planes, plane, xf, yf, ctx.pool()); });
    return Status::ok();
  }

 protected:
  // y[i] = reduction of x[i * plane, (i + 1) * plane) for i < planes (float32).
  virtual void reduce_planes(int64_t planes, int64_t plane, const float* x, float* y,
                             ThreadPool* pool) const = 0;

 private:
  Float32Staging staging_;
};

}  // namespace onyx::ops
