// RoiAlign (opset 10; 16 adds coordinate_transformation_mode, default "half_pixel" (opset 10
// behaves as "output_half_pixel"); 22 adds bfloat16): pools each region of interest of the
// feature maps into an output_height x output_width grid by bilinear sampling
// (kernels/roi_align.h). Inputs: X [N, C, H, W], rois [num_rois, 4] ([x1, y1, x2, y2], same
// type), batch_indices [num_rois] int64. Attributes: mode "avg" (default) or "max",
// output_height/output_width (default 1), sampling_ratio (default 0 = adaptive), spatial_scale
// (default 1). Output [num_rois, C, output_height, output_width]. float16/bfloat16 computed in
// float32.
#include <vector>

#include "kernels/roi_align.h"
#include "ops/common/float_widen.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class RoiAlignOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status init(const InitContext& ctx) override {
    const std::string mode = ctx.node().attr_string("mode", "avg");
    if (mode != "avg" && mode != "max")
      return ctx.error("mode must be 'avg' or 'max', got '" + mode + "'");
    params_.max_mode = mode == "max";
    const std::string ctm =
        ctx.opset() >= 16 ? ctx.node().attr_string("coordinate_transformation_mode", "half_pixel")
                          : "output_half_pixel";
    if (ctm != "half_pixel" && ctm != "output_half_pixel")
      return ctx.error(
          "coordinate_transformation_mode must be 'half_pixel' or "
          "'output_half_pixel', got '" +
          ctm + "'");
    params_.half_pixel = ctm == "half_pixel";
    params_.output_height = ctx.node().attr_int("output_height", 1);
    params_.output_width = ctx.node().attr_int("output_width", 1);
    params_.sampling_ratio = ctx.node().attr_int("sampling_ratio", 0);
    params_.spatial_scale = ctx.node().attr_float("spatial_scale", 1.0f);
    if (params_.output_height <= 0 || params_.output_width <= 0 || params_.sampling_ratio < 0)
      return ctx.error("output_height/output_width must be positive and sampling_ratio >= 0");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(3, 3));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {ctx.input(0).dtype}));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(2, {DType::kInt64}));
    const ValueType& x = ctx.input(0);
    const ValueType& rois = ctx.input(1);
    if (x.has_shape && x.rank() != 4) return ctx.input_error(0, "X must be [N, C, H, W]");
    if (rois.has_shape && (rois.rank() != 2 || (dim_known(rois.dims[1]) && rois.dims[1] != 4)))
      return ctx.input_error(1, "rois must be [num_rois, 4]");
    if (ctx.input(2).has_shape && ctx.input(2).rank() != 1)
      return ctx.input_error(2, "batch_indices must be [num_rois]");
    ctx.output(0) = ValueType::tensor(x.dtype, {rois.has_shape ? rois.dims[0] : kUnknownDim,
                                                x.has_shape ? x.dims[1] : kUnknownDim,
                                                params_.output_height, params_.output_width});
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const Tensor& rois = ctx.input(1);
    const Tensor& batch = ctx.input(2);
    const int64_t num_rois = rois.dim(0);
    if (batch.numel() != num_rois)
      return ctx.error("batch_indices has " + std::to_string(batch.numel()) + " entries for " +
                       std::to_string(num_rois) + " rois");
    for (int64_t r = 0; r < num_rois; ++r)
      if (batch.data<int64_t>()[r] < 0 || batch.data<int64_t>()[r] >= x.dim(0))
        return ctx.error("batch_indices[" + std::to_string(r) +
                         "] = " + std::to_string(batch.data<int64_t>()[r]) +
                         " is out of range for " + std::to_string(x.dim(0)) + " feature maps");
    kernels::RoiAlignParams p = params_;
    p.channels = x.dim(1);
    p.height = x.dim(2);
    p.width = x.dim(3);
    Tensor& y = ctx.output(0);
    const int64_t* bi = batch.data<int64_t>();
    visit_dtype<types::Float>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (kIsHalfFloat<T>) {
        auto to_f32 = [](const Tensor& t) {
          std::vector<float> v(size_t(t.numel()));
          for (int64_t i = 0; i < t.numel(); ++i) v[size_t(i)] = widen(t.data<T>()[i]);
          return v;
        };
        const std::vector<float> xf = to_f32(x), rf = to_f32(rois);
        std::vector<float> yf(size_t(y.numel()));
        kernels::roi_align<float>(xf.data(), rf.data(), bi, num_rois, p, yf.data());
        for (int64_t i = 0; i < y.numel(); ++i) y.data<T>()[i] = narrow<T>(yf[size_t(i)]);
      } else {
        kernels::roi_align<T>(x.data<T>(), rois.data<T>(), bi, num_rois, p, y.data<T>());
      }
    });
    return Status::ok();
  }

 private:
  kernels::RoiAlignParams params_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(RoiAlign, RoiAlignOp)
