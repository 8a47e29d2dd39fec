// GlobalLpPool (opsets 2, 22): X [N, C, spatial...] -> [N, C, 1, ...], (sum |x|^p)^(1/p) over
// each plane; p is an int attribute (default 2). float32 natively; float16, bfloat16 (opset 22)
// and double through float32.
#include "kernels/pool.h"
#include "ops/common/conv_common.h"
#include "ops/common/pool_attrs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class GlobalLpPoolOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status init(const InitContext& ctx) override {
    const int64_t p = ctx.node().attr_int("p", 2);
    if (p <= 0) return ctx.error("p must be positive, got " + std::to_string(p));
    p_ = static_cast<float>(p);
    return Status::ok();
  }
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
      kernels::global_lp_pool(planes, plane, p_, xf, yf, ctx.pool());
    });
    return Status::ok();
  }

 private:
  float p_ = 2.0f;
  Float32Staging staging_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(GlobalLpPool, GlobalLpPoolOp)
