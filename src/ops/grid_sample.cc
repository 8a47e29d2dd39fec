// GridSample: samples X [N, C, D_1..D_r] at the normalized locations of grid [N, O_1..O_r, r]
// into Y [N, C, O_1..O_r] (kernels/grid_sample.h).
//   opset 16: 4-D X only; mode bilinear (default) | nearest | bicubic
//   opset 20: N-D; mode names linear (default) | nearest | cubic
//   opset 22: more element types (no semantic change)
// Attributes padding_mode (zeros | border | reflection) and align_corners (0). X and grid hold
// float, double, float16 or bfloat16 (grid is read in double precision).
#include <string>

#include "kernels/grid_sample.h"
#include "ops/common/index_common.h"
#include "ops/common/resize_common.h"

namespace onyx::ops {
namespace {

class GridSampleOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status init(const InitContext& ctx) override {
    const bool v20 = ctx.opset() >= 20;  // opset 20 renamed bilinear/bicubic to linear/cubic
    const std::string mode = ctx.node().attr_string("mode", v20 ? "linear" : "bilinear");
    if (mode == "nearest")
      mode_ = kernels::GridSampleMode::kNearest;
    else if (mode == (v20 ? "linear" : "bilinear"))
      mode_ = kernels::GridSampleMode::kLinear;
    else if (mode == (v20 ? "cubic" : "bicubic"))
      mode_ = kernels::GridSampleMode::kCubic;
    else
      return ctx.error("attribute mode \"" + mode + "\" is not valid in this opset");
    const std::string pad = ctx.node().attr_string("padding_mode", "zeros");
    if (pad == "zeros")
      padding_ = kernels::GridSamplePadding::kZeros;
    else if (pad == "border")
      padding_ = kernels::GridSamplePadding::kBorder;
    else if (pad == "reflection")
      padding_ = kernels::GridSamplePadding::kReflection;
    else
      return ctx.error("attribute padding_mode \"" + pad + "\" is not valid");
    align_corners_ = ctx.node().attr_int("align_corners", 0) != 0;
    nd_ = v20;
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 2));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, dtype_set<types::Float>()));
    const ValueType& x = ctx.input(0);
    const ValueType& grid = ctx.input(1);
    ctx.output(0) = ValueType::tensor(x.dtype, {});
    ctx.output(0).has_shape = false;
    if (!x.has_shape && !grid.has_shape) return Status::ok();
    const int rank = x.has_shape ? x.rank() : grid.rank();
    if (rank < 3) return ctx.error("X and grid must have rank >= 3");
    if (!nd_ && rank != 4) return ctx.error("GridSample before opset 20 takes 4-D X only");
    if (x.has_shape && grid.has_shape) {
      if (grid.rank() != x.rank()) return ctx.error("grid and X must have the same rank");
      if (dim_known(x.dims[0]) && dim_known(grid.dims[0]) && x.dims[0] != grid.dims[0])
        return ctx.error("grid batch " + std::to_string(grid.dims[0]) + " != X batch " +
                         std::to_string(x.dims[0]));
    }
    if (grid.has_shape) {
      const int64_t last = grid.dims.back();
      if (dim_known(last) && last != rank - 2)
        return ctx.input_error(
            1, "last dim must be " + std::to_string(rank - 2) + ", got " + std::to_string(last));
    }
    Shape dims(static_cast<size_t>(rank), kUnknownDim);
    if (x.has_shape) {
      dims[0] = x.dims[0];
      dims[1] = x.dims[1];
    } else if (grid.has_shape) {
      dims[0] = grid.dims[0];
    }
    if (grid.has_shape)
      for (int i = 2; i < rank; ++i)
        dims[static_cast<size_t>(i)] = grid.dims[static_cast<size_t>(i - 1)];
    ctx.output(0) = ValueType::tensor(x.dtype, dims);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const Tensor& grid = ctx.input(1);
    const Shape& xs = x.shape();
    const Shape& gs = grid.shape();
    const auto rank = static_cast<int64_t>(xs.size());
    if (static_cast<int64_t>(gs.size()) != rank || gs[0] != xs[0] || gs.back() != rank - 2)
      return ctx.error("grid shape does not match X");
    Shape dims = {xs[0], xs[1]};
    for (int64_t i = 1; i + 1 < rank; ++i) dims.push_back(gs[static_cast<size_t>(i)]);
    Tensor& y = output_of_shape(ctx, 0, x.dtype(), dims);
    if (y.numel() == 0) return Status::ok();
    const std::span<const int64_t> in(xs.data() + 2, xs.size() - 2);
    for (int64_t d : in)
      if (d == 0) return ctx.error("cannot sample from an empty spatial axis");
    kernels::GridSampleShape s{xs[0], xs[1], in, y.numel() / (xs[0] * xs[1])};
    const std::vector<double> g = float_values(grid);
    visit_dtype<types::Float>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::grid_sample<T>(x.data<T>(), g.data(), y.data<T>(), s, mode_, padding_,
                              align_corners_, ctx.pool());
    });
    return Status::ok();
  }

 private:
  kernels::GridSampleMode mode_ = kernels::GridSampleMode::kLinear;
  kernels::GridSamplePadding padding_ = kernels::GridSamplePadding::kZeros;
  bool align_corners_ = false;
  bool nd_ = true;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(GridSample, GridSampleOp)
