// GlobalAveragePool (opsets 1-22): float32 X [N, C, spatial...] -> [N, C, 1, ...] (mean over
// all spatial positions).
#include "kernels/pool.h"
#include "ops/common/pool_attrs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class GlobalAveragePoolOp final : public OpKernel {
 public:
  // Element types: float32 only (ONNX allows every float type).
  static constexpr DTypeSet kElementTypes = dtype_set<TypeList<float>>();

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    return infer_global_pool(ctx);
  }
  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const int64_t planes = x.dim(0) * x.dim(1);
    const int64_t plane = planes > 0 ? x.numel() / planes : 0;
    kernels::global_average_pool(planes, plane, x.data<float>(), ctx.output(0).data<float>(),
                                 ctx.pool());
    return Status::ok();
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(GlobalAveragePool, GlobalAveragePoolOp)
