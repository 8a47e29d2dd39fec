// MelWeightMatrix (opset 17): the [floor(dft_length / 2) + 1, num_mel_bins] matrix mapping a
// onesided magnitude spectrum to mel bands. Inputs: num_mel_bins, dft_length, sample_rate (int32
// or int64 scalars), lower_edge_hertz, upper_edge_hertz (float scalars). Attribute
// output_datatype (default float).
//
// num_mel_bins + 2 edge points are spaced evenly in mel (mel = 2595 * log10(1 + hz / 700)) from
// lower_edge_hertz with step (high_mel - low_mel) / (num_mel_bins + 2), as ONNX's reference
// does, mapped back to hertz and to spectrogram bins floor((dft_length + 1) * hz / sample_rate).
// Column i is the triangle rising from edge i to edge i+1 (1 at its center) and falling to 0 at
// edge i+2. The mel constants are computed in float32 (as the reference does for float inputs),
// the bins in double.
#include <cmath>
#include <vector>

#include "ops/common/index_common.h"
#include "ops/common/window_common.h"

namespace onyx::ops {
namespace {

class MelWeightMatrixOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<SignalOutputTypes>();

  Status init(const InitContext& ctx) override { return parse_output_datatype(ctx, &dtype_); }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(5, 5));
    for (int i = 0; i < 3; ++i)
      ONYX_RETURN_IF_ERROR(ctx.expect_dtype(i, {DType::kInt32, DType::kInt64}));
    for (int i = 3; i < 5; ++i)
      ONYX_RETURN_IF_ERROR(ctx.expect_dtype(i, dtype_set<types::Float>()));
    ValueType out = ValueType::tensor(dtype_, {kUnknownDim, kUnknownDim});
    if (auto bins = ctx.input(0).int_values(); bins && bins->size() == 1) out.dims[1] = (*bins)[0];
    if (auto len = ctx.input(1).int_values(); len && len->size() == 1)
      out.dims[0] = (*len)[0] / 2 + 1;
    ctx.output(0) = std::move(out);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const std::optional<int64_t> num_bins = scalar_count(ctx.input(0));
    const std::optional<int64_t> dft_length = scalar_count(ctx.input(1));
    const std::optional<int64_t> sample_rate = scalar_count(ctx.input(2));
    if (!num_bins || !dft_length || !sample_rate || *sample_rate == 0)
      return ctx.error(
          "num_mel_bins, dft_length and sample_rate must be non-negative integer "
          "scalars (sample_rate > 0)");
    std::optional<float> lower = float_scalar(ctx.input(3)), upper = float_scalar(ctx.input(4));
    if (!lower || !upper) return ctx.error("lower/upper_edge_hertz must be float scalars");
    const int64_t rows = *dft_length / 2 + 1, cols = *num_bins;
    Tensor& out = output_of_shape(ctx, 0, dtype_, {rows, cols});

    const float low_mel = 2595.0f * std::log10(1.0f + *lower / 700.0f);
    const float high_mel = 2595.0f * std::log10(1.0f + *upper / 700.0f);
    const float step = (high_mel - low_mel) / static_cast<float>(cols + 2);
    std::vector<int64_t> edge(static_cast<size_t>(cols + 2));
    for (int64_t i = 0; i < cols + 2; ++i) {
      const double mel = double(i) * double(step) + double(low_mel);
      const double hz = 700.0 * (std::pow(10.0, mel / 2595.0) - 1.0);
      edge[size_t(i)] =
          static_cast<int64_t>(std::floor(double(*dft_length + 1) * hz / double(*sample_rate)));
    }
    std::vector<double> w(static_cast<size_t>(rows * cols), 0.0);
    auto set = [&](int64_t r, int64_t c, double v) -> bool {
      if (r < 0 || r >= rows) return false;
      w[size_t(r * cols + c)] = v;
      return true;
    };
    for (int64_t i = 0; i < cols; ++i) {
      const int64_t left = edge[size_t(i)], center = edge[size_t(i + 1)],
                    right = edge[size_t(i + 2)];
      bool ok = true;
      if (center == left) {
        ok = set(center, i, 1.0);
      } else {
        for (int64_t j = left; j <= center && ok; ++j)
          ok = set(j, i, double(j - left) / double(center - left));
      }
      for (int64_t j = center; j < right && ok; ++j)
        ok = set(j, i, double(right - j) / double(right - center));
      if (!ok)
        return ctx.error("mel band " + std::to_string(i) +
                         " falls outside the spectrogram bins (check the edge frequencies "
                         "against sample_rate)");
    }
    store_doubles(w.data(), rows * cols, out);
    return Status::ok();
  }

 private:
  static std::optional<float> float_scalar(const Tensor& t) {
    if (t.numel() != 1) return std::nullopt;
    std::optional<float> v;
    visit_dtype<types::Float>(t.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>)
        v = to_float(t.data<T>()[0]);
      else
        v = static_cast<float>(t.data<T>()[0]);
    });
    return v;
  }

  DType dtype_ = DType::kFloat32;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(MelWeightMatrix, MelWeightMatrixOp)
