// STFT (opset 17): the short-time Fourier transform of signal [batch, length, 1 or 2] (real or
// complex). Frames of frame_length samples start every frame_step samples (input 1, int scalar);
// frames = 1 + (length - frame_length) / frame_step. Each frame is multiplied by window (optional
// input 2, [frame_length], default all ones) and transformed (kernels/fft.h).
// frame_length (optional input 3, int scalar) defaults to the window's length, else to the
// signal's; with both given they must agree. onesided=1 (default) keeps the first
// frame_length / 2 + 1 frequencies.
// Output [batch, frames, bins, 2]. Element types float, double, float16, bfloat16; computed in
// double.
#include <algorithm>
#include <memory>
#include <vector>

#include "kernels/fft.h"
#include "ops/common/float_widen.h"
#include "ops/common/index_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

using kernels::Complex;

class StftOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status init(const InitContext& ctx) override {
    onesided_ = ctx.node().attr_int("onesided", 1) != 0;
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 4));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt32, DType::kInt64}));
    if (ctx.has_input(2)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(2, {ctx.input(0).dtype}));
    if (ctx.has_input(3)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(3, {DType::kInt32, DType::kInt64}));
    const ValueType& x = ctx.input(0);
    if (x.has_shape &&
        (x.rank() != 3 || (dim_known(x.dims[2]) && x.dims[2] != 1 && x.dims[2] != 2)))
      return ctx.input_error(0, "signal must be [batch, length, 1 or 2]");
    ValueType out = ValueType::tensor(x.dtype, {kUnknownDim, kUnknownDim, kUnknownDim, 2});
    if (x.has_shape) out.dims[0] = x.dims[0];
    std::optional<int64_t> frame_length;
    if (ctx.has_input(3)) {
      if (auto v = ctx.input(3).int_values(); v && v->size() == 1) frame_length = (*v)[0];
    } else if (ctx.has_input(2)) {
      const ValueType& w = ctx.input(2);
      if (w.has_shape && w.rank() == 1 && dim_known(w.dims[0])) frame_length = w.dims[0];
    } else if (x.has_shape && dim_known(x.dims[1])) {
      frame_length = x.dims[1];
    }
    auto step = ctx.input(1).int_values();
    if (frame_length) {
      if (*frame_length <= 0) return ctx.error("frame_length must be positive");
      out.dims[2] = onesided_ ? *frame_length / 2 + 1 : *frame_length;
      if (step && step->size() == 1 && (*step)[0] > 0 && x.has_shape && dim_known(x.dims[1]) &&
          x.dims[1] >= *frame_length)
        out.dims[1] = 1 + (x.dims[1] - *frame_length) / (*step)[0];
    }
    ctx.output(0) = std::move(out);
    return Status::ok();
  }

  Status prepare(PrepareContext& ctx) override {
    plan_.reset();
    int64_t frame_length = ctx.input(0).dims.size() == 3 ? ctx.input(0).dims[1] : 0;
    if (ctx.has_input(2) && ctx.input(2).rank() == 1) frame_length = ctx.input(2).dims[0];
    if (ctx.has_input(3)) {
      auto v = ctx.input(3).int_values();
      if (!v || v->size() != 1) return Status::ok();  // planned in run()
      frame_length = (*v)[0];
    }
    if (frame_length <= 0) return Status::ok();
    plan_ = std::make_shared<const kernels::FftPlan>(frame_length);
    ctx.request_scratch(sizeof(Complex) *
                        size_t(frame_length + std::max(plan_->scratch_size(), frame_length)));
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    if (x.rank() != 3 || (x.dim(2) != 1 && x.dim(2) != 2))
      return ctx.error("signal must be [batch, length, 1 or 2]");
    const int64_t batch = x.dim(0), length = x.dim(1), channels = x.dim(2);
    if (ctx.input(1).numel() != 1 || int_at(ctx.input(1), 0) <= 0)
      return ctx.error("frame_step must be one positive integer");
    const int64_t step = int_at(ctx.input(1), 0);
    const Tensor* window = ctx.has_input(2) ? &ctx.input(2) : nullptr;
    if (window && window->rank() != 1) return ctx.error("window must be 1-D");
    int64_t frame_length = window ? window->dim(0) : length;
    if (ctx.has_input(3)) {
      if (ctx.input(3).numel() != 1) return ctx.error("frame_length must hold one value");
      frame_length = int_at(ctx.input(3), 0);
      if (window && window->dim(0) != frame_length)
        return ctx.error("window length " + std::to_string(window->dim(0)) +
                         " differs from frame_length " + std::to_string(frame_length));
    }
    if (frame_length <= 0 || frame_length > length)
      return ctx.error("frame_length " + std::to_string(frame_length) +
                       " must be in [1, signal length " + std::to_string(length) + "]");
    const int64_t frames = 1 + (length - frame_length) / step;
    const int64_t bins = onesided_ ? frame_length / 2 + 1 : frame_length;
    Tensor& y = output_of_shape(ctx, 0, x.dtype(), {batch, frames, bins, 2});

    // A frame_length known only at run time is planned here, with the allocations it needs.
    std::shared_ptr<const kernels::FftPlan> plan = plan_;
    std::vector<Complex> owned;
    Complex* line = static_cast<Complex*>(ctx.scratch());
    if (!plan || plan->size() != frame_length) {
      plan = std::make_shared<const kernels::FftPlan>(frame_length);
      owned.resize(size_t(frame_length + std::max(plan->scratch_size(), frame_length)));
      line = owned.data();
    }
    Complex* scratch = line + frame_length;
    visit_dtype<types::Float>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* src = x.data<T>();
      const T* w = window ? window->data<T>() : nullptr;
      T* dst = y.data<T>();
      for (int64_t b = 0; b < batch; ++b)
        for (int64_t f = 0; f < frames; ++f) {
          for (int64_t j = 0; j < frame_length; ++j) {
            const T* p = src + (b * length + f * step + j) * channels;
            const double scale = w ? double(widen(w[j])) : 1.0;
            line[j] = Complex(double(widen(p[0])) * scale,
                              channels == 2 ? double(widen(p[1])) * scale : 0.0);
          }
          kernels::fft_dispatch(*plan, line, false, scratch);
          T* q = dst + (b * frames + f) * bins * 2;
          for (int64_t k = 0; k < bins; ++k) {
            q[2 * k] = narrow<T>(static_cast<Wide<T>>(line[k].real()));
            q[2 * k + 1] = narrow<T>(static_cast<Wide<T>>(line[k].imag()));
          }
        }
    });
    return Status::ok();
  }

 private:
  bool onesided_ = true;
  std::shared_ptr<const kernels::FftPlan> plan_;  // set by prepare() when frame_length is known
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(STFT, StftOp)
