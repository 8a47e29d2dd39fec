// SpaceToDepth (opset 1; 13 adds bfloat16 and the other element types): rearranges blocks of
// blocksize x blocksize spatial pixels into channels, [N, C, H, W] -> [N, C*b*b, H/b, W/b] with
//   out[n, (bh * b + bw) * C + c, h, w] = in[n, c, h * b + bh, w * b + bw]
// (the inverse of DepthToSpace's DCR mode; SpaceToDepth has no mode attribute). H and W must be
// multiples of b. Any element type.
#include "ops/common/index_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class SpaceToDepthOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = kMovableDTypes;

  Status init(const InitContext& ctx) override {
    if (!ctx.node().has_attr("blocksize")) return ctx.error("attribute 'blocksize' is required");
    block_ = ctx.node().attr_int("blocksize", 1);
    if (block_ < 1) return ctx.error("blocksize must be >= 1, got " + std::to_string(block_));
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const ValueType& x = ctx.input(0);
    ValueType& out = ctx.output(0);
    out = x.type_only();
    if (!x.has_shape) return Status::ok();
    if (x.rank() != 4)
      return ctx.input_error(
          0, "expected a 4-D [N, C, H, W] input, got rank " + std::to_string(x.rank()));
    for (int a = 2; a < 4; ++a)
      if (dim_known(x.dims[a]) && x.dims[a] % block_ != 0)
        return ctx.input_error(0, "spatial dim " + std::to_string(x.dims[a]) +
                                      " is not a multiple of blocksize " + std::to_string(block_));
    const int64_t c = x.dims[1];
    out.dims[1] = dim_known(c) ? c * block_ * block_ : kUnknownDim;
    for (int a = 2; a < 4; ++a)
      out.dims[a] = dim_known(x.dims[a]) ? x.dims[a] / block_ : kUnknownDim;
    if (block_ == 1) out.dims = x.dims;
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const int64_t n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3), b = block_;
    // Output viewed as [N, b, b, C, H/b, W/b].
    const int64_t dims[] = {n, b, b, c, h / b, w / b};
    const int64_t strides[] = {c * h * w, w, 1, h * w, b * w, b};
    strided_copy_tensor(x, 0, dims, strides, ctx.output(0), ctx.pool());
    return Status::ok();
  }

 private:
  int64_t block_ = 1;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(SpaceToDepth, SpaceToDepthOp)
