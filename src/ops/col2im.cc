// Col2Im (opset 18): input [N, C * prod(block_shape), L] -> output [N, C, image_shape...],
// summing overlapping blocks (kernels/col2im.h). image_shape and block_shape are int64 inputs;
// attributes dilations (1s), pads ([begin..., end...], 0s) and strides (1s), one entry per
// spatial axis. L must equal prod_d ((image_d + pads_d - dilation_d (block_d - 1) - 1) / stride_d
// + 1). Element types: float, double, int32, int64 (others refused).
#include <string>

#include "kernels/col2im.h"
#include "ops/common/index_common.h"
#include "ops/common/int_inputs.h"

namespace onyx::ops {
namespace {

using Col2ImTypes = TypeList<float, double, int32_t, int64_t>;

struct Col2ImPlan {
  std::vector<int64_t> dilations, strides, pad_begin, count;
  int64_t blocks = 1, block_size = 1;
};

class Col2ImOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<Col2ImTypes>();

  Status init(const InitContext& ctx) override {
    dilations_ = ctx.node().attr_ints("dilations");
    pads_ = ctx.node().attr_ints("pads");
    strides_ = ctx.node().attr_ints("strides");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(3, 3));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt64}));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(2, {DType::kInt64}));
    const ValueType& x = ctx.input(0);
    ctx.output(0).dtype = x.dtype;
    if (x.has_shape && x.rank() != 3) return ctx.input_error(0, "must be 3-D [N, C*K, L]");
    std::optional<std::vector<int64_t>> image = ctx.input(1).int_values();
    std::optional<std::vector<int64_t>> block = ctx.input(2).int_values();
    if (!image) return Status::ok();
    Shape dims = {x.has_shape ? x.dims[0] : kUnknownDim, kUnknownDim};
    dims.insert(dims.end(), image->begin(), image->end());
    if (block && x.has_shape) {
      Col2ImPlan plan;
      if (std::string err = make_plan(*image, *block, &plan); !err.empty()) return ctx.error(err);
      if (dim_known(x.dims[1])) {
        if (x.dims[1] % plan.block_size != 0)
          return ctx.input_error(0, "dim 1 (" + std::to_string(x.dims[1]) +
                                        ") is not a multiple of the block size " +
                                        std::to_string(plan.block_size));
        dims[1] = x.dims[1] / plan.block_size;
      }
      if (dim_known(x.dims[2]) && x.dims[2] != plan.blocks)
        return ctx.input_error(0, "dim 2 (" + std::to_string(x.dims[2]) + ") must be " +
                                      std::to_string(plan.blocks) + " blocks");
    }
    ctx.output(0) = ValueType::tensor(x.dtype, dims);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const std::vector<int64_t> image = *tensor_int_values(ctx.input(1));
    const std::vector<int64_t> block = *tensor_int_values(ctx.input(2));
    Col2ImPlan plan;
    if (std::string err = make_plan(image, block, &plan); !err.empty()) return ctx.error(err);
    if (x.rank() != 3 || x.shape()[1] % plan.block_size != 0 || x.shape()[2] != plan.blocks)
      return ctx.error("input " + dims_to_string(x.shape()) + " does not match " +
                       std::to_string(plan.block_size) + " block elements at " +
                       std::to_string(plan.blocks) + " positions");
    const int64_t c = x.shape()[1] / plan.block_size;
    Shape dims = {x.shape()[0], c};
    dims.insert(dims.end(), image.begin(), image.end());
    Tensor& y = output_of_shape(ctx, 0, x.dtype(), dims);
    if (y.numel() == 0) return Status::ok();
    const kernels::Col2ImGeometry g{image,        block,          plan.dilations,
                                    plan.strides, plan.pad_begin, plan.count};
    const bool ok = visit_dtype<Col2ImTypes>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::col2im<T>(x.data<T>(), y.data<T>(), x.shape()[0] * c, g, ctx.pool());
    });
    if (!ok) return ctx.error(unsupported_dtype_message(x.dtype(), kElementTypes));
    return Status::ok();
  }

 private:
  std::string make_plan(const std::vector<int64_t>& image, const std::vector<int64_t>& block,
                        Col2ImPlan* plan) const {
    const size_t r = image.size();
    if (r == 0 || block.size() != r)
      return "image_shape and block_shape must have the same non-zero length";
    auto attr = [&](const std::vector<int64_t>& v, size_t n, int64_t dflt, const char* name,
                    std::vector<int64_t>* out) -> std::string {
      if (v.empty()) {
        out->assign(n, dflt);
        return "";
      }
      if (v.size() != n)
        return std::string(name) + " has " + std::to_string(v.size()) + " entries, expected " +
               std::to_string(n);
      *out = v;
      return "";
    };
    std::vector<int64_t> pads;
    for (const std::string& err :
         {attr(dilations_, r, 1, "dilations", &plan->dilations),
          attr(strides_, r, 1, "strides", &plan->strides), attr(pads_, 2 * r, 0, "pads", &pads)})
      if (!err.empty()) return err;
    plan->pad_begin.assign(pads.begin(), pads.begin() + static_cast<int64_t>(r));
    for (size_t d = 0; d < r; ++d) {
      if (image[d] < 0 || block[d] <= 0 || plan->dilations[d] <= 0 || plan->strides[d] <= 0)
        return "image_shape must be >= 0; block_shape, dilations and strides must be > 0";
      const int64_t span =
          image[d] + pads[d] + pads[r + d] - plan->dilations[d] * (block[d] - 1) - 1;
      if (span < 0) return "block does not fit the padded image on axis " + std::to_string(d);
      plan->count.push_back(span / plan->strides[d] + 1);
      plan->blocks *= plan->count.back();
      plan->block_size *= block[d];
    }
    return "";
  }

  std::vector<int64_t> dilations_, pads_, strides_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Col2Im, Col2ImOp)
