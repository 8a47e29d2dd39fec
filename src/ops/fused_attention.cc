// com.onyx FusedAttention (opset 1), made by opt/fuse_attention.cc from the attention blocks
// PyTorch exports (MatMul -> scale -> [Add mask] -> Softmax -> MatMul with the head transposes):
//
//   inputs  Q [B, Sq, H, D], K [B, Skv, H, D], V [B, Skv, H, Dv]   (rank 4: batch-first)
//        or Q [Sq, N, D],    K [Skv, N, D],    V [Skv, N, Dv]      (rank 3: seq-first, N = B * H,
//                                                                    nn.MultiheadAttention)
//           mask (optional) float32, broadcasting to the scores [B, H, Sq, Skv] (rank 3: [N, Sq,
//           Skv]) without growing them
//   output  Y [B, Sq, H, Dv] (rank 3: [Sq, N, Dv]), in the inputs' layout
//   attr    scale (float): scores = scale * Q K^T (+ mask); Y = softmax(scores, last axis) V
//
// The transposes the unfused graph makes (heads to the front, K to [D, Skv], Y back) are strided
// GEMM operands here. Numerics: float32 like the unfused ops; the scale multiplies the finished
// dot products (a Div by c becomes a multiply by 1/c: equal when c is a power of two, else within
// one rounding). Softmax is kernels::softmax_f32, so a fully -inf row gives NaN as in the graph.
#include "kernels/attention.h"
#include "ops/op.h"
#include "ops/registry.h"

namespace onyx::ops {
namespace {

constexpr int kMask = 3;

// Dims a and b may be the same size (equal, or either not known).
bool may_equal(int64_t a, int64_t b) {
  return !dim_known(a) || !dim_known(b) || a == b;
}

// Q/K/V dims as [B, S, H, D] (rank 3 [S, N, D] reads as B = 1, H = N).
Shape as_batch_first(const Shape& d) {
  return d.size() == 3 ? Shape{1, d[0], d[1], d[2]} : d;
}

class FusedAttentionOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<TypeList<float>>();

  Status init(const InitContext& ctx) override {
    if (!ctx.node().has_attr("scale")) return ctx.error("FusedAttention needs attribute scale");
    scale_ = ctx.node().attr_float("scale", 1.0f);
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(3, 4));
    for (int i = 0; i < ctx.num_inputs(); ++i)
      if (ctx.has_input(i)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(i, kElementTypes));
    ctx.output(0).dtype = DType::kFloat32;
    const ValueType &q = ctx.input(0), &k = ctx.input(1), &v = ctx.input(2);
    if (!q.has_shape || !k.has_shape || !v.has_shape) return Status::ok();
    const int rank = q.rank();
    if (rank != 3 && rank != 4) return ctx.input_error(0, "Q must have rank 3 or 4");
    for (int i = 1; i < 3; ++i)
      if (ctx.input(i).rank() != rank) return ctx.input_error(i, "rank differs from Q's");
    const Shape qd = as_batch_first(q.dims), kd = as_batch_first(k.dims),
                vd = as_batch_first(v.dims);
    if (!may_equal(qd[0], kd[0]) || !may_equal(qd[0], vd[0]) || !may_equal(qd[2], kd[2]) ||
        !may_equal(qd[2], vd[2]))
      return ctx.error("Q, K and V must have the same batch and head dims: Q " +
                       shape_to_string(q.dims) + ", K " + shape_to_string(k.dims) + ", V " +
                       shape_to_string(v.dims));
    if (!may_equal(kd[1], vd[1])) return ctx.input_error(2, "sequence length differs from K's");
    if (!may_equal(qd[3], kd[3])) return ctx.input_error(1, "head size differs from Q's");
    if (ctx.has_input(kMask) && ctx.input(kMask).has_shape) {
      const Shape& md = ctx.input(kMask).dims;
      const Shape scores =
          rank == 4 ? Shape{qd[0], qd[2], qd[1], kd[1]} : Shape{qd[2], qd[1], kd[1]};
      if (md.size() > scores.size())
        return ctx.input_error(kMask, "mask has more dims than the scores");
      for (size_t i = 0; i < md.size(); ++i) {
        const int64_t m = md[i], s = scores[scores.size() - md.size() + i];
        if (m != 1 && !may_equal(m, s))
          return ctx.input_error(kMask, "mask " + shape_to_string(md) +
                                            " does not broadcast to the scores " +
                                            shape_to_string(scores));
      }
    }
    Shape out = q.dims;
    out.back() = v.dims.back();
    ctx.output(0) = ValueType::tensor(DType::kFloat32, out);
    return Status::ok();
  }

  Status prepare(PrepareContext& ctx) override {
    const Shape qd = as_batch_first(ctx.input(0).dims), kd = as_batch_first(ctx.input(1).dims),
                vd = as_batch_first(ctx.input(2).dims);
    if (qd[0] != kd[0] || qd[0] != vd[0] || qd[2] != kd[2] || qd[2] != vd[2] || kd[1] != vd[1] ||
        qd[3] != kd[3])
      return ctx.error("Q, K and V shapes do not match: Q " + shape_to_string(ctx.input(0).dims) +
                       ", K " + shape_to_string(ctx.input(1).dims) + ", V " +
                       shape_to_string(ctx.input(2).dims));
    shape_ = {};
    shape_.batch = qd[0];
    shape_.heads = qd[2];
    shape_.q_len = qd[1];
    shape_.kv_len = kd[1];
    shape_.head_size = qd[3];
    shape_.v_head_size = vd[3];
    if (ctx.has_input(kMask)) ONYX_RETURN_IF_ERROR(mask_strides(ctx, ctx.input(kMask).dims));
    const int threads = ctx.pool() ? ctx.pool()->num_threads() : 1;
    ctx.request_scratch(kernels::multi_head_attention_workspace_bytes(shape_, threads));
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    kernels::multi_head_attention_f32(
        shape_, scale_, ctx.input(0).data<float>(), ctx.input(1).data<float>(),
        ctx.input(2).data<float>(), ctx.has_input(kMask) ? ctx.input(kMask).data<float>() : nullptr,
        ctx.output(0).data<float>(), ctx.pool(), ctx.scratch());
    return Status::ok();
  }

 private:
  // Strides of the mask over (batch, head, q, kv): right-aligned with the scores, 0 where the
  // mask's dim is 1 (broadcast).
  Status mask_strides(PrepareContext& ctx, const Shape& md) {
    const int64_t scores[4] = {shape_.batch, shape_.heads, shape_.q_len, shape_.kv_len};
    if (md.size() > 4) return ctx.error("mask has more dims than the scores");
    int64_t stride = 1;
    for (int i = 3; i >= 0; --i) {
      const int from_end = 3 - i;
      const int64_t m = from_end < static_cast<int>(md.size()) ? md[md.size() - 1 - from_end] : 1;
      if (m != 1 && m != scores[i])
        return ctx.error("mask " + shape_to_string(md) + " does not broadcast to the scores");
      shape_.mask_strides[i] = m == 1 ? 0 : stride;
      stride *= m;
    }
    return Status::ok();
  }

  float scale_ = 1.0f;
  kernels::MultiHeadShape shape_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(FusedAttention, FusedAttentionOp)
