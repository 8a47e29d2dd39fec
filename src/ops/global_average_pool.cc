// GlobalAveragePool (opsets 1-22): float32 X [N, C, spatial...] -> [N, C, 1, ...] (mean over
// all spatial positions).
#include "kernels/pool.h"
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
    const ValueType& x = ctx.input(0);
    ValueType& y = ctx.output(0);
    y.dtype = x.dtype;
    if (!x.has_shape) return Status::ok();
    if (x.rank() < 3) return ctx.input_error(0, "expected rank >= 3 [N, C, spatial...]");
    Shape dims(x.dims.size(), 1);
    dims[0] = x.dims[0];
    dims[1] = x.dims[1];
    y.has_shape = true;
    y.dims = dims;
    return Status::ok();
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
