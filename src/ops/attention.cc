// Attention (opsets 23, 24): Y = softmax(softcap(scale * Q K^T) + bias) V per (batch, head).
//   Q [B, Hq, S, D] or [B, S, Hq*D] (3-D inputs need q_num_heads / kv_num_heads); K [B, Hkv, L, D]
//   or [B, L, Hkv*D]; V [B, Hkv, L, Dv] or [B, L, Hkv*Dv]; Hq a multiple of Hkv (grouped-query
//   attention: query head h reads kv head h / (Hq / Hkv)).
//   past_key/past_value [B, Hkv, P, D(v)] are prepended: present_* = concat(past, K/V) along the
//   sequence, total length T = P + L.
//   Bias (ops/common/attention_common.h): attn_mask (bool: false = masked; or additive, in Q's
//   type) broadcast to [B, Hq, S, T], its last dim may be shorter than T (missing keys are masked);
//   is_causal masks key j > i + offset (offset = P, or nonpad_kv_seqlen[b] - S with no past);
//   nonpad_kv_seqlen (opset 24) masks key j >= nonpad_kv_seqlen[b]. A query whose every key is
//   masked gets Y = 0 and softmax probabilities 0.
//   qk_matmul_output_mode (optional output 3): 0 = scale * Q K^T, 1 = after softcap, 2 = after
//   softcap + bias, 3 = softmax probabilities (the onnx 1.20+ reference's order: softcap before the
//   mask, so masked keys stay -inf).
// float/float16/bfloat16 compute in float32, which covers softmax_precision float, float16 and
// bfloat16; double inputs and softmax_precision double compute in double.
#include <algorithm>
#include <cmath>
#include <string>

#include "kernels/attention.h"
#include "ops/common/attention_common.h"
#include "ops/common/float_widen.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

constexpr int kMask = 3, kPastKey = 4, kPastValue = 5, kNonpad = 6;

// qk_matmul_output_mode 0..3 -> the score stage copied to output 3.
constexpr kernels::AttentionCapture kCaptureOfMode[4] = {
    kernels::AttentionCapture::kScaledQK, kernels::AttentionCapture::kSoftcapped,
    kernels::AttentionCapture::kBiased, kernels::AttentionCapture::kSoftmax};

class AttentionOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status init(const InitContext& ctx) override {
    const ir::Node& node = ctx.node();
    attrs_.is_causal = node.attr_int("is_causal", 0) != 0;
    attrs_.q_num_heads = node.attr_int("q_num_heads", 0);
    attrs_.kv_num_heads = node.attr_int("kv_num_heads", 0);
    attrs_.has_scale = node.has_attr("scale");
    attrs_.scale = node.attr_float("scale", 0.0f);
    attrs_.softcap = node.attr_float("softcap", 0.0f);
    qk_mode_ = node.attr_int("qk_matmul_output_mode", 0);
    if (qk_mode_ < 0 || qk_mode_ > 3)
      return ctx.error("qk_matmul_output_mode must be 0, 1, 2 or 3, got " +
                       std::to_string(qk_mode_));
    const int64_t precision = node.attr_int("softmax_precision", 1);
    // float32 compute covers softmax_precision float, float16 and bfloat16; double switches the
    // whole computation to double.
    if (precision != static_cast<int64_t>(DType::kFloat32) &&
        precision != static_cast<int64_t>(DType::kFloat16) &&
        precision != static_cast<int64_t>(DType::kBFloat16) &&
        precision != static_cast<int64_t>(DType::kFloat64))
      return ctx.error("softmax_precision must be a float type (1, 10, 11 or 16), got " +
                       std::to_string(precision));
    softmax_double_ = precision == static_cast<int64_t>(DType::kFloat64);
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(3, ctx.opset() >= 24 ? 7 : 6));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const DType t = ctx.input(0).dtype;
    for (int i : {1, 2, kPastKey, kPastValue})
      if (ctx.has_input(i)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(i, {t}));
    if (ctx.has_input(kMask)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(kMask, {DType::kBool, t}));
    if (ctx.has_input(kNonpad)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(kNonpad, {DType::kInt64}));
    if (ctx.has_input(kPastKey) != ctx.has_input(kPastValue))
      return ctx.error("past_key and past_value must be given together");
    for (int i = 0; i < ctx.num_outputs(); ++i) ctx.output(i).dtype = t;
    const ValueType& q = ctx.input(0);
    const ValueType& k = ctx.input(1);
    const ValueType& v = ctx.input(2);
    const bool has_past = ctx.has_input(kPastKey);
    if (!q.has_shape || !k.has_shape || !v.has_shape) return Status::ok();
    if (has_past && (!ctx.input(kPastKey).has_shape || !ctx.input(kPastValue).has_shape))
      return Status::ok();
    AttentionGeometry g;
    const std::string err = attention_geometry(
        attrs_, q.dims, k.dims, v.dims, has_past ? &ctx.input(kPastKey).dims : nullptr,
        has_past ? &ctx.input(kPastValue).dims : nullptr, &g);
    if (!err.empty()) return ctx.error(err);
    if (ctx.has_input(kMask) && ctx.input(kMask).has_shape) {
      const std::string mask_err = check_attention_mask(ctx.input(kMask).dims, g);
      if (!mask_err.empty()) return ctx.error(mask_err);
    }
    if (ctx.has_input(kNonpad) && ctx.input(kNonpad).has_shape) {
      const ValueType& np = ctx.input(kNonpad);
      if (np.rank() != 1 || (dim_known(np.dims[0]) && dim_known(g.batch) && np.dims[0] != g.batch))
        return ctx.input_error(kNonpad, "must have shape [batch] = [" + std::to_string(g.batch) +
                                            "], got " + shape_to_string(np.dims));
    }
    ctx.output(0) = ValueType::tensor(t, attention_output_dims(g));
    const Shape present_k = {g.batch, g.kv_heads, g.total, g.head_size};
    const Shape present_v = {g.batch, g.kv_heads, g.total, g.v_head_size};
    if (ctx.num_outputs() > 1) ctx.output(1) = ValueType::tensor(t, present_k);
    if (ctx.num_outputs() > 2) ctx.output(2) = ValueType::tensor(t, present_v);
    if (ctx.num_outputs() > 3)
      ctx.output(3) = ValueType::tensor(t, {g.batch, g.q_heads, g.q_len, g.total});
    return Status::ok();
  }

  Status prepare(PrepareContext& ctx) override {
    const bool has_past = ctx.has_input(kPastKey);
    const std::string err =
        attention_geometry(attrs_, ctx.input(0).dims, ctx.input(1).dims, ctx.input(2).dims,
                           has_past ? &ctx.input(kPastKey).dims : nullptr,
                           has_past ? &ctx.input(kPastValue).dims : nullptr, &geo_);
    if (!err.empty()) return ctx.error(err);
    // Several heads and threads: one head per thread (single-threaded gemm), else heads in turn
    // with a threaded gemm.
    const int threads = ctx.pool() ? ctx.pool()->num_threads() : 1;
    const int64_t heads = geo_.batch * geo_.q_heads;
    slots_ = static_cast<int>(std::min<int64_t>(threads, heads));
    if (slots_ < 2) slots_ = 1;
    const bool dbl = softmax_double_ || ctx.input(0).dtype == DType::kFloat64;
    const size_t elem = dbl ? sizeof(double) : sizeof(float);
    scratch_ = AttentionScratch::plan(geo_, elem, slots_ > 1 ? 1 : threads, 1, slots_);
    ctx.request_scratch(scratch_.total_bytes);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const DType dtype = ctx.input(0).dtype();
    Status status = Status::ok();
    const bool ok = visit_dtype<types::Float>(dtype, [&](auto tag) {
      using T = typename decltype(tag)::type;
      status = softmax_double_ ? run_typed<T, double>(ctx) : run_typed<T, Wide<T>>(ctx);
    });
    if (!ok) return ctx.error(unsupported_dtype_message(dtype, kElementTypes));
    return status;
  }

 private:
  // T: element type; C: compute type (float, or double for double inputs / softmax_precision).
  template <class T, class C>
  Status run_typed(RunContext& ctx) const {
    const AttentionGeometry& g = geo_;
    AttentionBuffers<C> buf = scratch_.buffers<C>(ctx.scratch());
    const Tensor* past_k = ctx.has_input(kPastKey) ? &ctx.input(kPastKey) : nullptr;
    const Tensor* past_v = ctx.has_input(kPastValue) ? &ctx.input(kPastValue) : nullptr;
    gather_heads(g, g.q_heads, 0, g.q_len, g.head_size, ctx.input(0).data<T>(),
                 static_cast<const T*>(nullptr), buf.q);
    gather_heads(g, g.kv_heads, g.past, g.kv_len, g.head_size, ctx.input(1).data<T>(),
                 past_k ? past_k->data<T>() : nullptr, buf.k);
    gather_heads(g, g.kv_heads, g.past, g.kv_len, g.v_head_size, ctx.input(2).data<T>(),
                 past_v ? past_v->data<T>() : nullptr, buf.v);
    if (ctx.has_output(1)) store_all(buf.k, ctx.output(1).data<T>(), ctx.output(1).numel());
    if (ctx.has_output(2)) store_all(buf.v, ctx.output(2).data<T>(), ctx.output(2).numel());

    AttentionBias mask;
    mask.is_causal = attrs_.is_causal;
    if (ctx.has_input(kMask)) mask.set_mask(ctx.input(kMask));
    if (ctx.has_input(kNonpad)) mask.nonpad = ctx.input(kNonpad).data<int64_t>();
    const bool has_bias = mask.active();

    kernels::AttentionHeadParams params;
    params.scale =
        attrs_.has_scale ? attrs_.scale : 1.0 / std::sqrt(static_cast<double>(g.head_size));
    params.softcap = attrs_.softcap;
    const bool want_qk = ctx.has_output(3);
    if (want_qk) params.capture = kCaptureOfMode[qk_mode_];
    const kernels::AttentionHeadShape hs = attention_head_shape(g);
    const int64_t group = g.q_heads / g.kv_heads;
    T* y_out = ctx.output(0).data<T>();
    T* qk_out = want_qk ? ctx.output(3).data<T>() : nullptr;
    // Head bh = b * Hq + h with the per-head buffers of `slot`.
    const auto run_head = [&](int64_t bh, int slot, ThreadPool* gemm_pool) {
      const AttentionBuffers<C> own = scratch_.buffers<C>(ctx.scratch(), slot);
      const int64_t b = bh / g.q_heads, h = bh % g.q_heads;
      if (has_bias) mask.fill<C>(g, b, h, own.bias);
      const int64_t kvh = b * g.kv_heads + h / group;
      const C* q = buf.q + bh * g.q_len * g.head_size;
      const C* k = buf.k + kvh * g.total * g.head_size;
      const C* v = buf.v + kvh * g.total * g.v_head_size;
      C* captured = want_qk ? own.captured : nullptr;
      if constexpr (std::is_same_v<C, double>)
        kernels::attention_head_f64(hs, params, q, k, v, has_bias ? own.bias : nullptr, own.y,
                                    own.scores, captured);
      else
        kernels::attention_head_f32(hs, params, q, k, v, has_bias ? own.bias : nullptr, own.y,
                                    own.scores, captured, gemm_pool, own.workspace);
      scatter_head_output(g, b, h, own.y, y_out);
      if (want_qk) store_all(own.captured, qk_out + bh * g.q_len * g.total, g.q_len * g.total);
    };
    const int64_t heads = g.batch * g.q_heads;
    if (slots_ == 1 || !ctx.pool()) {
      for (int64_t bh = 0; bh < heads; ++bh) run_head(bh, 0, ctx.pool());
    } else {
      ctx.pool()->parallel_for(slots_, 1, [&](int64_t first, int64_t last) {
        for (int64_t slot = first; slot < last; ++slot)
          for (int64_t bh = slot * heads / slots_; bh < (slot + 1) * heads / slots_; ++bh)
            run_head(bh, static_cast<int>(slot), nullptr);
      });
    }
    return Status::ok();
  }

  AttentionAttrs attrs_;
  int64_t qk_mode_ = 0;
  bool softmax_double_ = false;
  AttentionGeometry geo_;
  AttentionScratch scratch_;
  int slots_ = 1;  // heads computed at once (one per thread)
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Attention, AttentionOp)
