// FlexAttention (ai.onnx.preview opset 1): attention over 4-D inputs with two optional
// modifier subgraphs (one tensor in, one tensor out of the same shape and type):
//   scores = scale * Q K^T                [B, Hq, L, S]  (scale default 1/sqrt(head_size))
//   scores = score_mod(scores)            when given (masking: write -inf)
//   probs  = softmax(scores) over S       a row of all -inf gives probabilities 0 (not NaN)
//   probs  = prob_mod(probs)              when given
//   Y      = probs V                      [B, Hq, L, Dv]
// Q [B, Hq, L, D], K [B, Hkv, S, D], V [B, Hkv, S, Dv]; query head h reads kv head
// h / (Hq / Hkv). The compute type (the modifiers' tensor type) is softmax_precision when set,
// else float32 for float/float16/bfloat16 inputs and double for double; onyx computes float32 and
// double (softmax_precision float16/bfloat16 is refused, double works with any input type). The
// modifiers run on the whole [B, Hq, L, S] tensor, allocated per run.
#include <cmath>
#include <string>

#include "kernels/attention.h"
#include "ops/common/attention_common.h"
#include "ops/common/subgraph_common.h"

namespace onyx::ops {
namespace {

class FlexAttentionOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status init(const InitContext& ctx) override {
    const ir::Node& node = ctx.node();
    attrs_.has_scale = node.has_attr("scale");
    attrs_.scale = node.attr_float("scale", 0.0f);
    score_mod_ = graph_attr(node, "score_mod");
    prob_mod_ = graph_attr(node, "prob_mod");
    for (const ir::Graph* g : {score_mod_, prob_mod_})
      if (g && (g->inputs.size() != 1 || g->outputs.size() != 1))
        return ctx.error("score_mod / prob_mod must have exactly one input and one output");
    precision_ = node.has_attr("softmax_precision") ? node.attr_int("softmax_precision", 1) : 0;
    if (precision_ != 0 && precision_ != static_cast<int64_t>(DType::kFloat32) &&
        precision_ != static_cast<int64_t>(DType::kFloat64))
      return ctx.not_implemented("softmax_precision " + std::to_string(precision_) +
                                 " (onyx computes FlexAttention in float32 or double)");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(3, 3));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const DType t = ctx.input(0).dtype;
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {t}));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(2, {t}));
    const DType compute = compute_dtype(t);
    if (compute != DType::kFloat64 && compute != DType::kFloat32)
      return ctx.not_implemented("compute type " + std::string(dtype_name(compute)));
    ctx.output(0).dtype = t;
    AttentionGeometry g;
    const bool shaped = ctx.input(0).has_shape && ctx.input(1).has_shape && ctx.input(2).has_shape;
    if (shaped) {
      for (int i = 0; i < 3; ++i)
        if (ctx.input(i).rank() != 4) return ctx.input_error(i, "FlexAttention needs rank 4");
      const std::string err = attention_geometry({}, ctx.input(0).dims, ctx.input(1).dims,
                                                 ctx.input(2).dims, nullptr, nullptr, &g);
      if (!err.empty()) return ctx.error(err);
      ctx.output(0) = ValueType::tensor(t, attention_output_dims(g));
    }
    // The modifiers map [B, Hq, L, S] in the compute type to the same.
    ValueType scores;
    scores.dtype = compute;
    if (shaped) scores = ValueType::tensor(compute, {g.batch, g.q_heads, g.q_len, g.total});
    for (const ir::Graph* mod : {score_mod_, prob_mod_}) {
      if (!mod) continue;
      ONYX_ASSIGN_OR_RETURN(std::vector<ValueType> out, infer_subgraph(ctx, *mod, {scores}));
      if (out[0].dtype != DType::kUndefined && out[0].dtype != compute)
        return ctx.error(std::string(mod == score_mod_ ? "score_mod" : "prob_mod") + " returns " +
                         dtype_name(out[0].dtype) + ", expected " + dtype_name(compute));
    }
    return Status::ok();
  }

  Status prepare(PrepareContext& ctx) override {
    for (int i = 0; i < 3; ++i)
      if (ctx.input(i).rank() != 4) return ctx.error("FlexAttention needs rank-4 Q, K and V");
    const std::string err = attention_geometry({}, ctx.input(0).dims, ctx.input(1).dims,
                                               ctx.input(2).dims, nullptr, nullptr, &geo_);
    if (!err.empty()) return ctx.error(err);
    const int threads = ctx.pool() ? ctx.pool()->num_threads() : 1;
    const bool dbl = compute_dtype(ctx.input(0).dtype) == DType::kFloat64;
    scratch_ = AttentionScratch::plan(geo_, dbl ? sizeof(double) : sizeof(float), threads,
                                      geo_.batch * geo_.q_heads);
    ctx.request_scratch(scratch_.total_bytes);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const DType dtype = ctx.input(0).dtype();
    Status status = Status::ok();
    const bool ok = visit_dtype<types::Float>(dtype, [&](auto tag) {
      using T = typename decltype(tag)::type;
      status = compute_dtype(dtype) == DType::kFloat64 ? run_typed<T, double>(ctx)
                                                       : run_typed<T, float>(ctx);
    });
    if (!ok) return ctx.error(unsupported_dtype_message(dtype, kElementTypes));
    return status;
  }

 private:
  DType compute_dtype(DType input) const {
    if (precision_ != 0) return static_cast<DType>(precision_);
    return input == DType::kFloat64 ? DType::kFloat64 : DType::kFloat32;
  }

  // T: element type; C: compute type (compute_dtype()).
  template <class T, class C>
  Status run_typed(RunContext& ctx) const {
    const AttentionGeometry& g = geo_;
    AttentionBuffers<C> buf = scratch_.buffers<C>(ctx.scratch());
    gather_heads(g, g.q_heads, 0, g.q_len, g.head_size, ctx.input(0).data<T>(),
                 static_cast<const T*>(nullptr), buf.q);
    gather_heads(g, g.kv_heads, 0, g.kv_len, g.head_size, ctx.input(1).data<T>(),
                 static_cast<const T*>(nullptr), buf.k);
    gather_heads(g, g.kv_heads, 0, g.kv_len, g.v_head_size, ctx.input(2).data<T>(),
                 static_cast<const T*>(nullptr), buf.v);
    // Ops owning subgraphs get their outputs unallocated (owned per run).
    Tensor& out = ctx.output(0).defined()
                      ? ctx.output(0)
                      : ctx.allocate_output(0, ctx.input(0).dtype(), attention_output_dims(g));
    const kernels::AttentionHeadShape hs = attention_head_shape(g);
    const int64_t heads = g.batch * g.q_heads, group = g.q_heads / g.kv_heads;
    const int64_t plane = g.q_len * g.total;
    const auto kv_head = [&](int64_t bh) {
      return bh / g.q_heads * g.kv_heads + bh % g.q_heads / group;
    };
    const double scale =
        attrs_.has_scale ? attrs_.scale : 1.0 / std::sqrt(static_cast<double>(g.head_size));
    for (int64_t bh = 0; bh < heads; ++bh) {
      const C* q = buf.q + bh * g.q_len * g.head_size;
      const C* k = buf.k + kv_head(bh) * g.total * g.head_size;
      if constexpr (std::is_same_v<C, double>)
        kernels::attention_scores_f64(hs, scale, q, k, buf.scores + bh * plane);
      else
        kernels::attention_scores_f32(hs, static_cast<float>(scale), q, k, buf.scores + bh * plane,
                                      ctx.pool(), buf.workspace);
    }
    if (score_mod_) ONYX_RETURN_IF_ERROR(apply_mod(ctx, *score_mod_, "score_mod", buf.scores));
    if constexpr (std::is_same_v<C, double>)
      kernels::attention_softmax_rows_f64(buf.scores, heads * g.q_len, g.total);
    else
      kernels::attention_softmax_rows_f32(buf.scores, heads * g.q_len, g.total);
    if (prob_mod_) ONYX_RETURN_IF_ERROR(apply_mod(ctx, *prob_mod_, "prob_mod", buf.scores));
    for (int64_t bh = 0; bh < heads; ++bh) {
      const C* v = buf.v + kv_head(bh) * g.total * g.v_head_size;
      if constexpr (std::is_same_v<C, double>)
        kernels::attention_context_f64(hs, buf.scores + bh * plane, v, buf.y);
      else
        kernels::attention_context_f32(hs, buf.scores + bh * plane, v, buf.y, ctx.pool(),
                                       buf.workspace);
      scatter_head_output(g, bh / g.q_heads, bh % g.q_heads, buf.y, out.data<T>());
    }
    return Status::ok();
  }

  // scores [B, Hq, L, S] = mod(scores), through a tensor owned by this run.
  template <class C>
  Status apply_mod(RunContext& ctx, const ir::Graph& mod, const char* name, C* scores) const {
    const AttentionGeometry& g = geo_;
    const Shape shape = {g.batch, g.q_heads, g.q_len, g.total};
    Tensor in = Tensor::empty(DTypeOf<C>::value, shape);
    std::copy(scores, scores + in.numel(), in.data<C>());
    ONYX_ASSIGN_OR_RETURN(std::vector<Value> out, run_subgraph(ctx, mod, {Value(in)}));
    if (!out[0].is_tensor() || out[0].tensor().dtype() != DTypeOf<C>::value ||
        out[0].tensor().shape() != shape)
      return ctx.error(std::string(name) + " must return a " + dtype_name(DTypeOf<C>::value) +
                       " tensor of shape " + shape_to_string(shape));
    const C* res = out[0].tensor().data<C>();
    std::copy(res, res + in.numel(), scores);
    return Status::ok();
  }

  AttentionAttrs attrs_;
  const ir::Graph* score_mod_ = nullptr;
  const ir::Graph* prob_mod_ = nullptr;
  int64_t precision_ = 0;  // 0: not given
  AttentionGeometry geo_;
  AttentionScratch scratch_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(FlexAttention, FlexAttentionOp)
