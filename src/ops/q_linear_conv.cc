// QLinearConv (opset 10): y = saturate(rint((conv(x - x_zp, w - w_zp) + B) * x_scale * w_scale /
// y_scale) + y_zp). x, w, y: int8/uint8 (y of y_zero_point's type); x_scale, y_scale and their
// zero points per-tensor; w_scale and w_zero_point per-tensor or per output channel; B int32 [M].
// Attributes and shapes as Conv (1-3 spatial dims). Requantization runs in double.
#include "kernels/gemm_int.h"
#include "ops/common/quant_common.h"

namespace onyx::ops {
namespace {

class QLinearConvOp final : public QuantConvBase {
 public:
  static constexpr DTypeSet kElementTypes = {DType::kUInt8, DType::kInt8};

  Status init(const InitContext& ctx) override { return init_conv(ctx); }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(8, 9));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(3, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(7, kElementTypes));
    for (int i : {1, 4, 6}) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(i, {DType::kFloat32}));
    if (ctx.input(2).dtype != ctx.input(0).dtype)
      return ctx.input_error(2, "type differs from x's");
    if (ctx.input(5).dtype != ctx.input(3).dtype)
      return ctx.input_error(5, "type differs from w's");
    if (ctx.has_input(8)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(8, {DType::kInt32}));
    return infer_conv(ctx, 0, 3, ctx.input(7).dtype);
  }

  Status prepare(PrepareContext& ctx) override {
    ONYX_RETURN_IF_ERROR(prepare_conv(ctx, 0, 3));
    int64_t out_numel = 1;
    for (int64_t d : ctx.output(0).dims) out_numel *= d;
    acc_offset_ = static_cast<size_t>(shape_.out_channels) * sizeof(int32_t);
    col_offset_ = acc_offset_ + static_cast<size_t>(out_numel) * sizeof(int32_t);
    ctx.request_scratch(col_offset_ + kernels::conv_int_scratch(shape_) + 64);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const int64_t m_count = shape_.out_channels;
    const Tensor& w_scale = ctx.input(4);
    const Tensor& wz = ctx.input(5);
    if ((w_scale.numel() != 1 && w_scale.numel() != m_count) ||
        (wz.numel() != 1 && wz.numel() != m_count))
      return ctx.error("w_scale and w_zero_point must have 1 or one entry per output channel");
    auto* base = static_cast<char*>(ctx.scratch());
    auto* w_zero = reinterpret_cast<int32_t*>(base);
    auto* acc = reinterpret_cast<int32_t*>(base + acc_offset_);
    void* col = base + col_offset_;
    for (int64_t m = 0; m < m_count; ++m) w_zero[m] = zero_point_at(&wz, wz.numel() == 1 ? 0 : m);
    const int32_t x_zero = zero_point_at(&ctx.input(2), 0);
    using Int8 = TypeList<uint8_t, int8_t>;
    visit_dtype<Int8>(ctx.input(0).dtype(), [&](auto tx) {
      using TX = typename decltype(tx)::type;
      visit_dtype<Int8>(ctx.input(3).dtype(), [&](auto tw) {
        using TW = typename decltype(tw)::type;
        kernels::conv_int<TX, TW>(shape_, ctx.input(0).data<TX>(), x_zero, ctx.input(3).data<TW>(),
                                  w_zero, acc, static_cast<TX*>(col), ctx.pool());
      });
    });
    const float x_scale = scale_at(ctx.input(1), 0), y_scale = scale_at(ctx.input(6), 0);
    const double y_zero = zero_point_at(&ctx.input(7), 0);
    const int32_t* bias = ctx.has_input(8) ? ctx.input(8).data<int32_t>() : nullptr;
    Tensor& y = ctx.output(0);
    const int64_t plane = y.numel() / (shape_.batch * m_count);
    for (int64_t n = 0; n < shape_.batch; ++n)
      for (int64_t m = 0; m < m_count; ++m) {
        // Scale product in float32, as the reference computes x_scale * w_scale / y_scale.
        const double mult = static_cast<double>(
            x_scale * scale_at(w_scale, w_scale.numel() == 1 ? 0 : m) / y_scale);
        const int64_t off = (n * m_count + m) * plane;
        for (int64_t p = 0; p < plane; ++p) {
          const int64_t acc_v = static_cast<int64_t>(acc[off + p]) + (bias ? bias[m] : 0);
          store_requantized(y, off + p, static_cast<double>(acc_v) * mult + y_zero);
        }
      }
    return Status::ok();
  }

 private:
  size_t acc_offset_ = 0, col_offset_ = 0;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(QLinearConv, QLinearConvOp)
