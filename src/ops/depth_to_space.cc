// DepthToSpace: [N, C, H, W] -> [N, C / b^2, H * b, W * b], moving depth blocks into space.
//   mode "DCR" (opset 1 behaviour, default): channel = (bh * b + bw) * C' + c
//   mode "CRD" (opset 11+):                  channel = (c * b + bh) * b + bw
// Implemented as a 6-D transpose of a reshaped view.
#include "kernels/transpose.h"
#include "ops/common/int_inputs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class DepthToSpaceOp final : public OpKernel {
 public:
  // Element types: any element type (copied, never computed).
  static constexpr DTypeSet kElementTypes = dtype_set<types::All>();

  Status init(const InitContext& ctx) override {
    if (!ctx.node().has_attr("blocksize"))
      return ctx.error("missing required attribute 'blocksize'");
    blocksize_ = ctx.node().attr_int("blocksize", 0);
    if (blocksize_ <= 0)
      return ctx.error("blocksize must be positive, got " + std::to_string(blocksize_));
    if (ctx.opset() >= 11) {
      std::string mode = ctx.node().attr_string("mode", "DCR");
      if (mode != "DCR" && mode != "CRD")
        return ctx.error("mode must be \"DCR\" or \"CRD\", got \"" + mode + "\"");
      crd_ = mode == "CRD";
    }
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const ValueType& x = ctx.input(0);
    ValueType& out = ctx.output(0);
    out = ValueType::tensor(x.dtype, Shape(4, kUnknownDim));
    if (!x.has_shape) return Status::ok();
    if (x.rank() != 4)
      return ctx.input_error(
          0, "expected a rank-4 [N, C, H, W] input, got shape " + dims_to_string(x.dims));
    const int64_t b = blocksize_, c = x.dims[1];
    if (dim_known(c) && c % (b * b) != 0)
      return ctx.input_error(0, "channels (" + std::to_string(c) +
                                    ") must be divisible by blocksize^2 (" + std::to_string(b * b) +
                                    ")");
    auto scaled = [](int64_t d, int64_t f) { return dim_known(d) ? d * f : kUnknownDim; };
    out.dims = {x.dims[0], dim_known(c) ? c / (b * b) : kUnknownDim, scaled(x.dims[2], b),
                scaled(x.dims[3], b)};
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const int64_t b = blocksize_, n = x.dim(0), c = x.dim(1) / (b * b), h = x.dim(2), w = x.dim(3);
    // DCR: [N, b, b, C', H, W] -> [N, C', H, b, W, b]; CRD: [N, C', b, b, H, W] -> same.
    const int64_t dcr_dims[6] = {n, b, b, c, h, w}, dcr_perm[6] = {0, 3, 4, 1, 5, 2};
    const int64_t crd_dims[6] = {n, c, b, b, h, w}, crd_perm[6] = {0, 1, 4, 2, 5, 3};
    std::span<const int64_t> dims(crd_ ? crd_dims : dcr_dims, 6);
    std::span<const int64_t> perm(crd_ ? crd_perm : dcr_perm, 6);
    Tensor& y = ctx.output(0);
    if (x.dtype() == DType::kString)
      kernels::transpose_strings(x.data<std::string>(), y.data<std::string>(), dims, perm,
                                 ctx.pool());
    else
      kernels::transpose(x.raw_data(), y.raw_data(), dtype_size(x.dtype()), dims, perm, ctx.pool());
    return Status::ok();
  }

 private:
  int64_t blocksize_ = 0;
  bool crd_ = false;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(DepthToSpace, DepthToSpaceOp)
