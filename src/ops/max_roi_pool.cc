// MaxRoiPool (opset 1; 22 adds bfloat16): max pooling of each region of interest of the feature
// maps into a pooled_shape[0] x pooled_shape[1] grid (the Fast R-CNN ROI pooling layer).
//   X: [N, C, H, W]; rois: [num_rois, 5] of the same type, rows [batch_id, x1, y1, x2, y2] in
//   input coordinates (inclusive corners). Attributes: pooled_shape (required, 2 positive ints),
//   spatial_scale (default 1). Y: [num_rois, C, pooled_h, pooled_w].
// Rules (as onnxruntime and Caffe): corners are scaled and rounded half away from zero; the ROI
// spans max(x2 - x1 + 1, 1) columns and max(y2 - y1 + 1, 1) rows; bin (ph, pw) covers rows
// [floor(ph * h / pooled_h), ceil((ph + 1) * h / pooled_h)) offset by y1 and clipped to [0, H)
// (columns likewise); an empty bin yields 0. A batch_id outside [0, N) is a run-time error.
// Scalar kernel: the op is rare and memory-bound; max over float16/bfloat16 is exact, so those
// types compare in float and store the chosen element unchanged.
#include <algorithm>
#include <cmath>
#include <string>

#include "ops/common/float_widen.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class MaxRoiPoolOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status init(const InitContext& ctx) override {
    const ir::Node& n = ctx.node();
    if (!n.has_attr("pooled_shape")) return ctx.error("attribute pooled_shape is required");
    const std::vector<int64_t> pooled = n.attr_ints("pooled_shape");
    if (pooled.size() != 2 || pooled[0] <= 0 || pooled[1] <= 0)
      return ctx.error("pooled_shape must be 2 positive ints (height, width)");
    pooled_h_ = pooled[0];
    pooled_w_ = pooled[1];
    spatial_scale_ = n.attr_float("spatial_scale", 1.0f);
    if (!std::isfinite(spatial_scale_) || spatial_scale_ <= 0)
      return ctx.error("spatial_scale must be a positive finite number");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 2));
    if (ctx.opset() < 22)
      ONYX_RETURN_IF_ERROR(
          ctx.expect_dtype(0, {DType::kFloat16, DType::kFloat32, DType::kFloat64}));
    else
      ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {ctx.input(0).dtype}));
    const ValueType& x = ctx.input(0);
    const ValueType& rois = ctx.input(1);
    if (x.has_shape && x.rank() != 4) return ctx.input_error(0, "X must be [N, C, H, W]");
    if (rois.has_shape && (rois.rank() != 2 || (dim_known(rois.dims[1]) && rois.dims[1] != 5)))
      return ctx.input_error(1, "rois must be [num_rois, 5] ([batch_id, x1, y1, x2, y2] rows)");
    ctx.output(0) =
        ValueType::tensor(x.dtype, {rois.has_shape ? rois.dims[0] : kUnknownDim,
                                    x.has_shape ? x.dims[1] : kUnknownDim, pooled_h_, pooled_w_});
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const Tensor& rois = ctx.input(1);
    Status status = Status::ok();
    visit_dtype<types::Float>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      status = pool<T>(ctx, x, rois, ctx.output(0));
    });
    return status;
  }

 private:
  template <class T>
  Status pool(RunContext& ctx, const Tensor& x, const Tensor& rois, Tensor& y) const {
    const int64_t batch = x.dim(0), channels = x.dim(1), height = x.dim(2), width = x.dim(3);
    const T* roi = rois.data<T>();
    T* out = y.data<T>();
    for (int64_t r = 0; r < rois.dim(0); ++r, roi += 5) {
      const double batch_id = static_cast<double>(widen(roi[0]));
      if (!(batch_id >= 0 && batch_id < static_cast<double>(batch)))
        return ctx.error("rois[" + std::to_string(r) + "] batch_id " + std::to_string(batch_id) +
                         " is out of range for " + std::to_string(batch) + " feature maps");
      auto scaled = [&](int i) {
        return static_cast<int64_t>(
            std::round(static_cast<double>(widen(roi[i])) * static_cast<double>(spatial_scale_)));
      };
      const int64_t x1 = scaled(1), y1 = scaled(2), x2 = scaled(3), y2 = scaled(4);
      const double bin_h =
          static_cast<double>(std::max<int64_t>(y2 - y1 + 1, 1)) / static_cast<double>(pooled_h_);
      const double bin_w =
          static_cast<double>(std::max<int64_t>(x2 - x1 + 1, 1)) / static_cast<double>(pooled_w_);
      const T* image = x.data<T>() + static_cast<int64_t>(batch_id) * channels * height * width;
      for (int64_t c = 0; c < channels; ++c) {
        const T* plane = image + c * height * width;
        for (int64_t ph = 0; ph < pooled_h_; ++ph) {
          const int64_t h0 = clip(bin_start(ph, bin_h) + y1, height);
          const int64_t h1 = clip(bin_end(ph, bin_h) + y1, height);
          for (int64_t pw = 0; pw < pooled_w_; ++pw) {
            const int64_t w0 = clip(bin_start(pw, bin_w) + x1, width);
            const int64_t w1 = clip(bin_end(pw, bin_w) + x1, width);
            T best = narrow<T>(0);
            bool any = false;
            for (int64_t h = h0; h < h1; ++h)
              for (int64_t w = w0; w < w1; ++w) {
                const T v = plane[h * width + w];
                if (!any || widen(v) > widen(best)) best = v;
                any = true;
              }
            *out++ = best;
          }
        }
      }
    }
    return Status::ok();
  }

  static int64_t bin_start(int64_t i, double bin) {
    return static_cast<int64_t>(std::floor(static_cast<double>(i) * bin));
  }
  static int64_t bin_end(int64_t i, double bin) {
    return static_cast<int64_t>(std::ceil(static_cast<double>(i + 1) * bin));
  }
  static int64_t clip(int64_t v, int64_t size) { return std::min(std::max<int64_t>(v, 0), size); }

  int64_t pooled_h_ = 1, pooled_w_ = 1;
  float spatial_scale_ = 1.0f;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(MaxRoiPool, MaxRoiPoolOp)
