// RotaryEmbedding (opset 23): rotates the first rotary_embedding_dim (R; 0 = head size) channels of
// every head by position-dependent angles.
//   X [B, H, S, D] (4-D) or [B, S, H*D] (3-D; needs num_heads). Channels >= R pass through.
//   cos/sin for (b, s): cos_cache[position_ids[b, s]] with caches [max_position, R/2] and
//   position_ids [B, S]; or, without position_ids, cos_cache[b, s] with caches [B, S, R/2].
//   Pairs (x1, x2) are (x[i], x[i + R/2]) for i < R/2, or (x[2i], x[2i+1]) when interleaved = 1:
//     x1' = cos * x1 - sin * x2,   x2' = sin * x1 + cos * x2.
// T: float, float16, bfloat16 (the last two computed in float32). A position id outside
// [0, max_position) is a run-time error.
#include <string>

#include "ops/common/float_widen.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

using RotaryTypes = TypeList<float, Float16, BFloat16>;

class RotaryEmbeddingOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<RotaryTypes>();

  Status init(const InitContext& ctx) override {
    interleaved_ = ctx.node().attr_int("interleaved", 0) != 0;
    num_heads_ = ctx.node().attr_int("num_heads", 0);
    rotary_dim_ = ctx.node().attr_int("rotary_embedding_dim", 0);
    if (num_heads_ < 0 || rotary_dim_ < 0)
      return ctx.error("num_heads and rotary_embedding_dim must be >= 0");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(3, 4));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const DType t = ctx.input(0).dtype;
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {t}));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(2, {t}));
    if (ctx.has_input(3)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(3, {DType::kInt64}));
    const ValueType& x = ctx.input(0);
    ctx.output(0) = x.type_only();
    if (!x.has_shape) return Status::ok();
    if (x.rank() != 3 && x.rank() != 4)
      return ctx.input_error(0, "rank must be 3 or 4, got " + shape_to_string(x.dims));
    if (x.rank() == 3 && num_heads_ == 0)
      return ctx.error("3-D input needs the attribute num_heads");
    if (!x.fully_known() || !ctx.input(1).has_shape || !ctx.input(2).has_shape) return Status::ok();
    Geometry g;
    const std::string err =
        geometry(x.dims, ctx.input(1).dims, ctx.input(2).dims,
                 ctx.has_input(3) && ctx.input(3).has_shape ? &ctx.input(3).dims : nullptr,
                 ctx.has_input(3), &g);
    return err.empty() ? Status::ok() : ctx.error(err);
  }

  Status prepare(PrepareContext& ctx) override {
    const std::string err =
        geometry(ctx.input(0).dims, ctx.input(1).dims, ctx.input(2).dims,
                 ctx.has_input(3) ? &ctx.input(3).dims : nullptr, ctx.has_input(3), &geo_);
    return err.empty() ? Status::ok() : ctx.error(err);
  }

  Status run(RunContext& ctx) const override {
    Status status = Status::ok();
    const bool ok = visit_dtype<RotaryTypes>(ctx.input(0).dtype(), [&](auto tag) {
      status = run_typed<typename decltype(tag)::type>(ctx);
    });
    if (!ok) return ctx.error(unsupported_dtype_message(ctx.input(0).dtype(), kElementTypes));
    return status;
  }

 private:
  struct Geometry {
    bool three_d = false;
    int64_t batch = 0, heads = 0, seq = 0, head_size = 0, rotary = 0, max_position = 0;
  };

  // Validates concrete shapes; "" or the error.
  std::string geometry(const Shape& x, const Shape& cos, const Shape& sin, const Shape* pos,
                       bool has_pos, Geometry* g) const {
    g->three_d = x.size() == 3;
    g->batch = x[0];
    if (g->three_d) {
      g->seq = x[1];
      g->heads = num_heads_;
      if (x[2] % num_heads_ != 0)
        return "hidden size " + std::to_string(x[2]) + " is not a multiple of num_heads " +
               std::to_string(num_heads_);
      g->head_size = x[2] / num_heads_;
    } else {
      g->heads = x[1];
      g->seq = x[2];
      g->head_size = x[3];
    }
    g->rotary = rotary_dim_ == 0 ? g->head_size : rotary_dim_;
    if (g->rotary > g->head_size || g->rotary % 2 != 0)
      return "rotary_embedding_dim " + std::to_string(g->rotary) +
             " must be even and <= the head size " + std::to_string(g->head_size);
    if (cos != sin)
      return "cos_cache " + shape_to_string(cos) + " and sin_cache " + shape_to_string(sin) +
             " differ";
    const int64_t half = g->rotary / 2;
    if (has_pos) {
      if (cos.size() != 2 || cos[1] != half)
        return "with position_ids the caches must be [max_position, " + std::to_string(half) +
               "], got " + shape_to_string(cos);
      if (pos && (pos->size() != 2 || (*pos)[0] != g->batch || (*pos)[1] != g->seq))
        return "position_ids must be [" + std::to_string(g->batch) + ", " + std::to_string(g->seq) +
               "], got " + shape_to_string(*pos);
      g->max_position = cos[0];
    } else if (cos != Shape{g->batch, g->seq, half}) {
      return "without position_ids the caches must be [" + std::to_string(g->batch) + ", " +
             std::to_string(g->seq) + ", " + std::to_string(half) + "], got " +
             shape_to_string(cos);
    }
    return "";
  }

  template <class T>
  Status run_typed(RunContext& ctx) const {
    const Geometry& g = geo_;
    const T* x = ctx.input(0).data<T>();
    const T* cos_cache = ctx.input(1).data<T>();
    const T* sin_cache = ctx.input(2).data<T>();
    const int64_t* pos = ctx.has_input(3) ? ctx.input(3).data<int64_t>() : nullptr;
    T* y = ctx.output(0).data<T>();
    const int64_t half = g.rotary / 2;
    for (int64_t b = 0; b < g.batch; ++b)
      for (int64_t s = 0; s < g.seq; ++s) {
        int64_t row = b * g.seq + s;
        if (pos) {
          row = pos[b * g.seq + s];
          if (row < 0 || row >= g.max_position)
            return ctx.error("position_ids[" + std::to_string(b) + ", " + std::to_string(s) +
                             "] = " + std::to_string(row) + " is outside [0, " +
                             std::to_string(g.max_position) + ")");
        }
        const T* c = cos_cache + row * half;
        const T* sn = sin_cache + row * half;
        for (int64_t h = 0; h < g.heads; ++h) {
          const int64_t off = g.three_d ? (b * g.seq + s) * g.heads * g.head_size + h * g.head_size
                                        : ((b * g.heads + h) * g.seq + s) * g.head_size;
          rotate_head(x + off, y + off, c, sn, half, g.head_size);
        }
      }
    return Status::ok();
  }

  // One head vector of head_size channels (y may equal x).
  template <class T>
  void rotate_head(const T* x, T* y, const T* c, const T* s, int64_t half,
                   int64_t head_size) const {
    for (int64_t i = 0; i < half; ++i) {
      const int64_t i1 = interleaved_ ? 2 * i : i;
      const int64_t i2 = interleaved_ ? 2 * i + 1 : i + half;
      const float x1 = widen(x[i1]), x2 = widen(x[i2]);
      const float cv = widen(c[i]), sv = widen(s[i]);
      y[i1] = narrow<T>(cv * x1 - sv * x2);
      y[i2] = narrow<T>(sv * x1 + cv * x2);
    }
    for (int64_t i = 2 * half; i < head_size; ++i) y[i] = x[i];
  }

  bool interleaved_ = false;
  int64_t num_heads_ = 0, rotary_dim_ = 0;
  Geometry geo_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(RotaryEmbedding, RotaryEmbeddingOp)
