// LinearAttention (opset 27): recurrent linear attention over packed 3-D inputs (recurrence in
// kernels/attention_linear.h).
//   query [B, T, Hq*dk], key [B, T, Hkv*dk], value [B, T, Hkv*dv]; q_num_heads and kv_num_heads
//   are required, Hq a multiple of Hkv (query head h reads kv head h / (Hq / Hkv)).
//   past_state [B, Hkv, dk, dv] (zeros when absent) -> present_state, same shape.
//   update_rule: "linear", "gated" (needs decay), "delta" (needs beta), "gated_delta" (default;
//   needs both); a rule forbids the inputs it does not use.
//   decay [B, T, Hkv] (per head) or [B, T, Hkv*dk] (per key dim), in log space.
//   beta [B, T, Hkv] or [B, T, 1].
//   scale: 0 (default) means 1/sqrt(dk). chunk_size is a tuning hint without effect here.
// T (activations) and S (state) are float/float16/bfloat16, computed in float32; present_state
// has past_state's type, or T's when past_state is absent.
#include <cmath>
#include <string>

#include "kernels/attention_linear.h"
#include "ops/common/float_widen.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

using LinearTypes = TypeList<float, Float16, BFloat16>;
constexpr int kPast = 3, kDecay = 4, kBeta = 5;

size_t align64(size_t bytes) {
  return (bytes + 63) / 64 * 64;
}

template <class T>
void widen_into(const Tensor& t, float* dst) {
  const T* src = t.data<T>();
  for (int64_t i = 0; i < t.numel(); ++i) dst[i] = widen(src[i]);
}

// Converts any LinearTypes tensor to float32 in dst.
void widen_any(const Tensor& t, float* dst) {
  visit_dtype<LinearTypes>(t.dtype(),
                           [&](auto tag) { widen_into<typename decltype(tag)::type>(t, dst); });
}

void narrow_any(const float* src, Tensor& t) {
  visit_dtype<LinearTypes>(t.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* dst = t.data<T>();
    for (int64_t i = 0; i < t.numel(); ++i) dst[i] = narrow<T>(src[i]);
  });
}

class LinearAttentionOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<LinearTypes>();

  Status init(const InitContext& ctx) override {
    const ir::Node& node = ctx.node();
    const std::string rule = node.attr_string("update_rule", "gated_delta");
    if (rule != "linear" && rule != "gated" && rule != "delta" && rule != "gated_delta")
      return ctx.error("update_rule must be linear, gated, delta or gated_delta, got \"" + rule +
                       "\"");
    gated_ = rule == "gated" || rule == "gated_delta";
    delta_ = rule == "delta" || rule == "gated_delta";
    q_heads_ = node.attr_int("q_num_heads", 0);
    kv_heads_ = node.attr_int("kv_num_heads", 0);
    if (q_heads_ <= 0 || kv_heads_ <= 0 || q_heads_ % kv_heads_ != 0)
      return ctx.error(
          "q_num_heads and kv_num_heads are required, > 0, with q_num_heads a "
          "multiple of kv_num_heads");
    scale_ = node.attr_float("scale", 0.0f);
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(3, 6));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const DType t = ctx.input(0).dtype;
    for (int i : {1, 2, kDecay, kBeta})
      if (ctx.has_input(i)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(i, {t}));
    if (ctx.has_input(kPast)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(kPast, kElementTypes));
    if (gated_ != ctx.has_input(kDecay))
      return ctx.error(std::string("the update rule ") + (gated_ ? "needs" : "forbids") +
                       " the decay input");
    if (delta_ != ctx.has_input(kBeta))
      return ctx.error(std::string("the update rule ") + (delta_ ? "needs" : "forbids") +
                       " the beta input");
    ctx.output(0).dtype = t;
    const DType state_type = ctx.has_input(kPast) ? ctx.input(kPast).dtype : t;
    if (ctx.num_outputs() > 1) ctx.output(1).dtype = state_type;
    for (int i = 0; i < 6; ++i)
      if (ctx.has_input(i) && !ctx.input(i).fully_known()) return Status::ok();
    Geometry g;
    ONYX_RETURN_IF_ERROR(geometry(ctx, &g));
    ctx.output(0) = ValueType::tensor(t, {g.batch, g.seq, q_heads_ * g.dv});
    if (ctx.num_outputs() > 1)
      ctx.output(1) = ValueType::tensor(state_type, {g.batch, kv_heads_, g.dk, g.dv});
    return Status::ok();
  }

  Status prepare(PrepareContext& ctx) override {
    ONYX_RETURN_IF_ERROR(geometry(ctx, &geo_));
    const Geometry& g = geo_;
    const auto floats = [](int64_t n) { return align64(sizeof(float) * static_cast<size_t>(n)); };
    size_t at = 0;
    for (int i = 0; i < 6; ++i) {
      offsets_[i] = at;
      if (ctx.has_input(i)) at += floats(shape_numel(ctx.input(i).dims));
    }
    y_offset_ = at;
    at += floats(g.batch * g.seq * q_heads_ * g.dv);
    state_offset_ = at;
    at += floats(g.batch * kv_heads_ * g.dk * g.dv);
    scratch_offset_ = at;
    at += floats(g.dv);
    ctx.request_scratch(at);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Geometry& g = geo_;
    char* base = static_cast<char*>(ctx.scratch());
    float* in[6] = {};
    for (int i = 0; i < 6; ++i)
      if (ctx.has_input(i)) {
        in[i] = reinterpret_cast<float*>(base + offsets_[i]);
        widen_any(ctx.input(i), in[i]);
      }
    float* y = reinterpret_cast<float*>(base + y_offset_);
    float* state = reinterpret_cast<float*>(base + state_offset_);
    float* tmp = reinterpret_cast<float*>(base + scratch_offset_);
    const int64_t state_size = g.dk * g.dv;
    if (in[kPast])
      std::copy(in[kPast], in[kPast] + g.batch * kv_heads_ * state_size, state);
    else
      std::fill(state, state + g.batch * kv_heads_ * state_size, 0.0f);
    const int64_t group = q_heads_ / kv_heads_;
    kernels::LinearAttentionLayout l;
    l.seq_len = g.seq;
    l.key_size = g.dk;
    l.value_size = g.dv;
    l.group = group;
    l.q_step = q_heads_ * g.dk;
    l.k_step = kv_heads_ * g.dk;
    l.v_step = kv_heads_ * g.dv;
    l.y_step = q_heads_ * g.dv;
    l.decay_step = g.decay_width * kv_heads_;
    l.decay_width = g.decay_width;
    l.beta_step = g.beta_width;
    const float scale = scale_ != 0.0f ? scale_ : 1.0f / std::sqrt(static_cast<float>(g.dk));
    for (int64_t b = 0; b < g.batch; ++b)
      for (int64_t h = 0; h < kv_heads_; ++h) {
        const int64_t hq = h * group;
        const float* decay =
            in[kDecay] ? in[kDecay] + b * g.seq * l.decay_step + h * g.decay_width : nullptr;
        const float* beta = in[kBeta]
                                ? in[kBeta] + b * g.seq * g.beta_width + (g.beta_width == 1 ? 0 : h)
                                : nullptr;
        kernels::linear_attention_f32(l, scale, in[0] + b * g.seq * l.q_step + hq * g.dk,
                                      in[1] + b * g.seq * l.k_step + h * g.dk,
                                      in[2] + b * g.seq * l.v_step + h * g.dv, decay, beta,
                                      state + (b * kv_heads_ + h) * state_size,
                                      y + b * g.seq * l.y_step + hq * g.dv, tmp);
      }
    narrow_any(y, ctx.output(0));
    if (ctx.has_output(1)) narrow_any(state, ctx.output(1));
    return Status::ok();
  }

 private:
  struct Geometry {
    int64_t batch = 0, seq = 0, dk = 0, dv = 0, decay_width = 0, beta_width = 0;
  };

  // Checks concrete shapes (Ctx: InferContext or PrepareContext).
  template <class Ctx>
  Status geometry(const Ctx& ctx, Geometry* g) const {
    const Shape& q = ctx.input(0).dims;
    const Shape& k = ctx.input(1).dims;
    const Shape& v = ctx.input(2).dims;
    if (q.size() != 3 || k.size() != 3 || v.size() != 3)
      return ctx.error("query, key and value must be 3-D [B, T, heads * size]");
    if (k[0] != q[0] || v[0] != q[0] || k[1] != q[1] || v[1] != q[1])
      return ctx.error("query, key and value batch / sequence dims differ: " + shape_to_string(q) +
                       ", " + shape_to_string(k) + ", " + shape_to_string(v));
    if (q[2] % q_heads_ != 0 || k[2] % kv_heads_ != 0 || v[2] % kv_heads_ != 0 ||
        q[2] / q_heads_ != k[2] / kv_heads_)
      return ctx.error("hidden sizes " + shape_to_string(q) + ", " + shape_to_string(k) + ", " +
                       shape_to_string(v) + " do not split into " + std::to_string(q_heads_) +
                       " query / " + std::to_string(kv_heads_) + " kv heads of one key size");
    g->batch = q[0];
    g->seq = q[1];
    g->dk = q[2] / q_heads_;
    g->dv = v[2] / kv_heads_;
    if (ctx.has_input(kPast) && ctx.input(kPast).dims != Shape{g->batch, kv_heads_, g->dk, g->dv})
      return ctx.error("past_state must be [" + std::to_string(g->batch) + ", " +
                       std::to_string(kv_heads_) + ", " + std::to_string(g->dk) + ", " +
                       std::to_string(g->dv) + "], got " + shape_to_string(ctx.input(kPast).dims));
    if (ctx.has_input(kDecay)) {
      const Shape& d = ctx.input(kDecay).dims;
      const bool ok = d.size() == 3 && d[0] == g->batch && d[1] == g->seq &&
                      (d[2] == kv_heads_ || d[2] == kv_heads_ * g->dk);
      if (!ok) return ctx.error("decay must be [B, T, kv_heads] or [B, T, kv_heads * key size]");
      g->decay_width = d[2] == kv_heads_ ? 1 : g->dk;
    }
    if (ctx.has_input(kBeta)) {
      const Shape& b = ctx.input(kBeta).dims;
      const bool ok =
          b.size() == 3 && b[0] == g->batch && b[1] == g->seq && (b[2] == kv_heads_ || b[2] == 1);
      if (!ok) return ctx.error("beta must be [B, T, kv_heads] or [B, T, 1]");
      g->beta_width = b[2];
    }
    return Status::ok();
  }

  bool gated_ = true, delta_ = true;
  int64_t q_heads_ = 0, kv_heads_ = 0;
  float scale_ = 0.0f;
  Geometry geo_;
  size_t offsets_[6] = {};
  size_t y_offset_ = 0, state_offset_ = 0, scratch_offset_ = 0;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(LinearAttention, LinearAttentionOp)
