// GlobalAveragePool (opsets 1, 22): X [N, C, spatial...] -> [N, C, 1, ...], the mean of each
// plane. float32 natively; float16, bfloat16 (opset 22) and double through float32.
#include "kernels/pool.h"
#include "ops/common/conv_common.h"
#include "ops/common/pool_attrs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class GlobalAveragePoolOp final : public OpKernel {
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
  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const int64_t planes = x.dim(0) * x.dim(1);
    const int64_t plane = planes > 0 ? x.numel() / planes : 0;
    staging_.run(ctx, [&](const float* xf, float* yf) {
      kernels::global_average_pool(planes, plane, xf, yf, ctx.pool());
    });
    return Status::ok();
  }

 private:
  Float32Staging staging_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(GlobalAveragePool, GlobalAveragePoolOp)
