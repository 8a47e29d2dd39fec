// DFT (opset 17; 20 moves `axis` from an attribute (default 1) to optional input 2 (int64
// scalar, default -2)): the discrete Fourier transform of x along `axis`.
// x: [..., signal, ..., 1] real or [..., signal, ..., 2] complex (last dim = real, imaginary);
// the axis must not be the last dim (accepted: [-r, -2] and [0, r-2]; negative counts from the
// back). Optional input 1 dft_length (int32/int64 scalar) zero-pads or truncates the signal to
// n samples; default n = its length, or 2 * (length - 1) for inverse with onesided.
// Attributes: inverse=1 computes the inverse transform (divided by n); onesided=1 keeps, for a
// forward transform, the first n/2 + 1 frequencies, and for an inverse one reads those
// frequencies of a Hermitian spectrum and returns the real signal ([..., n, ..., 1], as numpy's
// irfft). Element types float, double, float16, bfloat16; computed in double (kernels/fft.h).
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

class DftOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status init(const InitContext& ctx) override {
    axis_input_ = ctx.opset() >= 20;
    axis_ = axis_input_ ? -2 : ctx.node().attr_int("axis", 1);
    inverse_ = ctx.node().attr_int("inverse", 0) != 0;
    onesided_ = ctx.node().attr_int("onesided", 0) != 0;
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, axis_input_ ? 3 : 2));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    if (ctx.has_input(1)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt32, DType::kInt64}));
    if (ctx.has_input(2)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(2, {DType::kInt64}));
    const ValueType& x = ctx.input(0);
    ValueType out;
    out.dtype = x.dtype;
    if (!x.has_shape) {
      ctx.output(0) = std::move(out);
      return Status::ok();
    }
    const int64_t rank = x.rank();
    if (rank < 2) return ctx.input_error(0, "expected rank >= 2 ([..., signal, ..., 1 or 2])");
    const int64_t last = x.dims[size_t(rank - 1)];
    if (dim_known(last) && last != 1 && last != 2)
      return ctx.input_error(
          0, "the last dim must be 1 (real) or 2 (complex), got " + std::to_string(last));
    out.has_shape = true;
    out.dims.assign(size_t(rank), kUnknownDim);
    out.dims[size_t(rank - 1)] = inverse_ && onesided_ ? 1 : 2;
    std::optional<int64_t> axis = constant_axis(ctx);
    if (axis) {
      std::optional<int64_t> a = resolve_axis(*axis, rank);
      if (!a)
        return ctx.error("axis " + std::to_string(*axis) + " is out of range for rank " +
                         std::to_string(rank) + " (the last dim holds real/imaginary parts)");
      for (int64_t d = 0; d < rank - 1; ++d) out.dims[size_t(d)] = x.dims[size_t(d)];
      std::optional<int64_t> n;
      if (ctx.has_input(1)) {
        if (auto v = ctx.input(1).int_values()) {
          if (v->size() != 1 || (*v)[0] <= 0)
            return ctx.input_error(1, "dft_length must be one positive integer");
          n = (*v)[0];
        }
      } else if (dim_known(x.dims[size_t(*a)])) {
        n = default_length(x.dims[size_t(*a)]);
      }
      out.dims[size_t(*a)] = n ? output_length(*n) : kUnknownDim;
    }
    ctx.output(0) = std::move(out);
    return Status::ok();
  }

  Status prepare(PrepareContext& ctx) override {
    plan_.reset();
    const ValueType& x = ctx.input(0);
    std::optional<int64_t> axis = axis_;
    if (axis_input_ && ctx.has_input(2)) {
      auto v = ctx.input(2).int_values();
      axis = v && v->size() == 1 ? std::optional<int64_t>((*v)[0]) : std::nullopt;
    }
    if (!axis) return Status::ok();
    std::optional<int64_t> a = resolve_axis(*axis, x.rank());
    if (!a) return Status::ok();  // reported by run()
    int64_t n = default_length(x.dims[size_t(*a)]);
    if (ctx.has_input(1)) {
      auto v = ctx.input(1).int_values();
      if (!v || v->size() != 1 || (*v)[0] <= 0) return Status::ok();  // sized in run()
      n = (*v)[0];
    }
    if (n <= 0) return Status::ok();
    plan_ = std::make_shared<const kernels::FftPlan>(n);
    ctx.request_scratch(sizeof(Complex) * size_t(n + std::max(plan_->scratch_size(), n)));
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const int64_t rank = x.rank();
    if (rank < 2 || (x.dim(rank - 1) != 1 && x.dim(rank - 1) != 2))
      return ctx.error("x must be [..., signal, ..., 1 or 2]");
    int64_t axis_value = axis_;
    if (axis_input_ && ctx.has_input(2)) {
      if (ctx.input(2).numel() != 1) return ctx.error("axis must hold one value");
      axis_value = int_at(ctx.input(2), 0);
    }
    std::optional<int64_t> axis = resolve_axis(axis_value, rank);
    if (!axis)
      return ctx.error("axis " + std::to_string(axis_value) + " is out of range for rank " +
                       std::to_string(rank));
    const int64_t m = x.dim(*axis);
    int64_t n = default_length(m);
    if (ctx.has_input(1)) {
      if (ctx.input(1).numel() != 1 || int_at(ctx.input(1), 0) <= 0)
        return ctx.error("dft_length must be one positive integer");
      n = int_at(ctx.input(1), 0);
    }
    if (n <= 0) return ctx.error("the signal is empty");
    Shape out_shape(x.shape().begin(), x.shape().end());
    out_shape[size_t(*axis)] = output_length(n);
    out_shape[size_t(rank - 1)] = inverse_ && onesided_ ? 1 : 2;
    Tensor& y = output_of_shape(ctx, 0, x.dtype(), out_shape);

    // A dynamic dft_length (or axis) is planned here, with the one allocation it needs.
    std::shared_ptr<const kernels::FftPlan> plan = plan_;
    std::vector<Complex> owned;
    Complex* line = static_cast<Complex*>(ctx.scratch());
    if (!plan || plan->size() != n) {
      plan = std::make_shared<const kernels::FftPlan>(n);
      owned.resize(size_t(n + std::max(plan->scratch_size(), n)));
      line = owned.data();
    }
    Complex* scratch = line + n;

    AxisView v = axis_view(std::span<const int64_t>(x.shape().data(), size_t(rank - 1)), *axis);
    const int64_t in_c = x.dim(rank - 1), out_c = y.dim(rank - 1);
    const int64_t out_len = y.dim(*axis);
    visit_dtype<types::Float>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* src = x.data<T>();
      T* dst = y.data<T>();
      auto load = [&](int64_t o, int64_t i, int64_t j) {
        const T* p = src + ((o * m + j) * v.inner + i) * in_c;
        const double re = double(widen(p[0]));
        return Complex(re, in_c == 2 ? double(widen(p[1])) : 0.0);
      };
      for (int64_t o = 0; o < v.outer; ++o)
        for (int64_t i = 0; i < v.inner; ++i) {
          if (inverse_ && onesided_) {
            // Rebuild the Hermitian spectrum from bins [0, n/2]: X[n-k] = conj(X[k]).
            std::fill(line, line + n, Complex(0.0));
            for (int64_t k = 0; k <= n / 2 && k < m; ++k) {
              line[k] = load(o, i, k);
              if (k > 0 && n - k != k) line[n - k] = std::conj(line[k]);
            }
            line[0].imag(0.0);
            if (n % 2 == 0) line[n / 2].imag(0.0);
          } else {
            for (int64_t j = 0; j < n; ++j) line[j] = j < m ? load(o, i, j) : Complex(0.0);
          }
          kernels::fft_dispatch(*plan, line, inverse_, scratch);
          const double scale = inverse_ ? 1.0 / double(n) : 1.0;
          for (int64_t k = 0; k < out_len; ++k) {
            T* q = dst + ((o * out_len + k) * v.inner + i) * out_c;
            q[0] = narrow<T>(static_cast<Wide<T>>(line[k].real() * scale));
            if (out_c == 2) q[1] = narrow<T>(static_cast<Wide<T>>(line[k].imag() * scale));
          }
        }
    });
    return Status::ok();
  }

 private:
  // The axis in [0, rank - 1) (the last dim holds the complex parts), or nullopt.
  static std::optional<int64_t> resolve_axis(int64_t axis, int64_t rank) {
    std::optional<int64_t> a = normalize_axis(axis, rank);
    if (!a || *a == rank - 1) return std::nullopt;
    return a;
  }
  std::optional<int64_t> constant_axis(const InferContext& ctx) const {
    if (!axis_input_ || !ctx.has_input(2)) return axis_;
    auto v = ctx.input(2).int_values();
    if (!v || v->size() != 1) return std::nullopt;
    return (*v)[0];
  }
  int64_t default_length(int64_t m) const { return inverse_ && onesided_ ? 2 * (m - 1) : m; }
  int64_t output_length(int64_t n) const { return !inverse_ && onesided_ ? n / 2 + 1 : n; }

  bool axis_input_ = false;
  int64_t axis_ = 1;
  bool inverse_ = false, onesided_ = false;
  std::shared_ptr<const kernels::FftPlan> plan_;  // set by prepare() when n is known
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(DFT, DftOp)
