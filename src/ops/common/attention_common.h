// Shared by the attention ops (Attention, FlexAttention): head geometry of 3-D / 4-D Q, K, V with
// an optional past cache, the float scratch layout, gathering heads into contiguous
// [batch, heads, seq, width] compute buffers and scattering the result back, and the additive bias
// built from attn_mask / is_causal / nonpad_kv_seqlen (semantics in ops/attention.cc).
#pragma once

#include <cstdint>
#include <limits>
#include <string>

#include "kernels/attention.h"
#include "ops/common/float_widen.h"
#include "ops/op.h"

namespace onyx::ops {

struct AttentionAttrs {
  bool is_causal = false;
  int64_t q_num_heads = 0, kv_num_heads = 0;  // 0 = not given (required for 3-D inputs)
  bool has_scale = false;
  float scale = 0.0f;
  float softcap = 0.0f;
};

// Sizes; during inference any of them may be unknown (kUnknownDim) or symbolic.
struct AttentionGeometry {
  bool three_d = false;
  bool has_past = false;
  int64_t batch = 0, q_heads = 0, kv_heads = 0;
  int64_t q_len = 0;   // S
  int64_t kv_len = 0;  // L: new keys / values
  int64_t past = 0;    // P
  int64_t total = 0;   // T = P + L
  int64_t head_size = 0, v_head_size = 0;
};

// Geometry from the input shapes (past_k / past_v nullable); "" or the error message, naming the
// input at fault.
std::string attention_geometry(const AttentionAttrs& attrs, const Shape& q, const Shape& k,
                               const Shape& v, const Shape* past_k, const Shape* past_v,
                               AttentionGeometry* g);
// "" when `mask` broadcasts to [batch, q_heads, q_len, <= total], else why not.
std::string check_attention_mask(const Shape& mask, const AttentionGeometry& g);
// Y: [B, Hq, S, Dv] for 4-D inputs, [B, S, Hq * Dv] for 3-D ones.
Shape attention_output_dims(const AttentionGeometry& g);

inline kernels::AttentionHeadShape attention_head_shape(const AttentionGeometry& g) {
  kernels::AttentionHeadShape s;
  s.q_len = g.q_len;
  s.kv_len = g.total;
  s.head_size = g.head_size;
  s.v_head_size = g.v_head_size;
  s.ldq = s.ldk = g.head_size;
  s.ldv = s.ldy = g.v_head_size;
  return s;
}

// Compute-type (float or double) buffers carved from the op's scratch.
template <class C>
struct AttentionBuffers {
  C* q;         // [B, Hq, S, D]
  C* k;         // [B, Hkv, T, D]   (present_key)
  C* v;         // [B, Hkv, T, Dv]  (present_value)
  C* bias;      // [S, T] for one head
  C* scores;    // [score_heads, S, T]
  C* captured;  // [S, T]
  C* y;         // [S, Dv]
  void* workspace;
};

// Layout: q, k, v once, then `slots` copies of the per-head buffers (bias, scores, captured, y,
// gemm workspace) so that `slots` heads can run at once, one per thread.
struct AttentionScratch {
  size_t q = 0, k = 0, v = 0, bias = 0, scores = 0, captured = 0, y = 0, workspace = 0;
  size_t slot_bytes = 0;  // distance between two slots' per-head buffers
  size_t total_bytes = 0;

  // Offsets for elements of `elem_bytes` bytes, each buffer 64-byte aligned; `score_heads` [S, T]
  // matrices for `scores` (1: one head at a time; B * Hq: all heads at once). The gemm workspace
  // is sized for `gemm_threads` threads.
  static AttentionScratch plan(const AttentionGeometry& g, size_t elem_bytes, int gemm_threads,
                               int64_t score_heads = 1, int slots = 1);

  template <class C>
  AttentionBuffers<C> buffers(void* scratch, int slot = 0) const {
    char* base = static_cast<char*>(scratch);
    char* own = base + static_cast<size_t>(slot) * slot_bytes;
    return {reinterpret_cast<C*>(base + q),     reinterpret_cast<C*>(base + k),
            reinterpret_cast<C*>(base + v),     reinterpret_cast<C*>(own + bias),
            reinterpret_cast<C*>(own + scores), reinterpret_cast<C*>(own + captured),
            reinterpret_cast<C*>(own + y),      own + workspace};
  }
};

// dst [B, heads, past_len + new_len, width] (compute type C) = concat(past, src) along the
// sequence; src is [B, heads, new_len, width] (4-D) or [B, new_len, heads * width] (3-D); past
// (nullable) is [B, heads, past_len, width].
template <class T, class C>
void gather_heads(const AttentionGeometry& g, int64_t heads, int64_t past_len, int64_t new_len,
                  int64_t width, const T* src, const T* past, C* dst) {
  const int64_t len = past_len + new_len;
  for (int64_t b = 0; b < g.batch; ++b)
    for (int64_t h = 0; h < heads; ++h) {
      C* out = dst + (b * heads + h) * len * width;
      if (past) {
        const T* p = past + (b * heads + h) * past_len * width;
        for (int64_t i = 0; i < past_len * width; ++i) out[i] = widen(p[i]);
        out += past_len * width;
      }
      for (int64_t s = 0; s < new_len; ++s) {
        const T* row = g.three_d ? src + (b * new_len + s) * heads * width + h * width
                                 : src + ((b * heads + h) * new_len + s) * width;
        for (int64_t d = 0; d < width; ++d) out[s * width + d] = widen(row[d]);
      }
    }
}

template <class C, class T>
void store_all(const C* src, T* dst, int64_t n) {
  for (int64_t i = 0; i < n; ++i) dst[i] = narrow<T>(src[i]);
}

// Writes one head's y [S, Dv] into Y (layout of attention_output_dims).
template <class C, class T>
void scatter_head_output(const AttentionGeometry& g, int64_t b, int64_t h, const C* y, T* out) {
  for (int64_t s = 0; s < g.q_len; ++s) {
    T* row = g.three_d ? out + (b * g.q_len + s) * g.q_heads * g.v_head_size + h * g.v_head_size
                       : out + ((b * g.q_heads + h) * g.q_len + s) * g.v_head_size;
    for (int64_t d = 0; d < g.v_head_size; ++d) row[d] = narrow<T>(y[s * g.v_head_size + d]);
  }
}

// The additive bias of one (batch, head) pair: 0 where query i may attend key j, -inf elsewhere,
// plus the additive mask's values.
class AttentionBias {
 public:
  bool is_causal = false;
  const int64_t* nonpad = nullptr;  // [B] valid key count per batch, or nullptr

  // attn_mask: bool or float-typed, rank <= 4.
  void set_mask(const Tensor& mask);
  bool active() const { return is_causal || nonpad || mask_ != nullptr; }

  template <class C>
  void fill(const AttentionGeometry& g, int64_t b, int64_t h, C* bias) const {
    constexpr C kNegInf = -std::numeric_limits<C>::infinity();
    const int64_t n = g.q_len * g.total;
    for (int64_t i = 0; i < n; ++i) bias[i] = 0;
    if (mask_) add_mask(g, b, h, bias);
    if (is_causal) {
      // Bottom-right aligned: query i sees keys j <= i + offset.
      const int64_t offset = g.has_past ? g.past : (nonpad ? nonpad[b] - g.q_len : 0);
      for (int64_t i = 0; i < g.q_len; ++i)
        for (int64_t j = std::max<int64_t>(0, i + offset + 1); j < g.total; ++j)
          bias[i * g.total + j] = kNegInf;
    }
    if (nonpad)
      for (int64_t i = 0; i < g.q_len; ++i)
        for (int64_t j = std::max<int64_t>(0, nonpad[b]); j < g.total; ++j)
          bias[i * g.total + j] = kNegInf;
  }

 private:
  void add_mask(const AttentionGeometry& g, int64_t b, int64_t h, float* bias) const;
  void add_mask(const AttentionGeometry& g, int64_t b, int64_t h, double* bias) const;

  const Tensor* mask_ = nullptr;
  int64_t dims_[4] = {1, 1, 1, 1};  // the mask's dims right-aligned to [B, Hq, S, Tm]
};

}  // namespace onyx::ops
