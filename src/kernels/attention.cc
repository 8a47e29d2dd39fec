// Attention for one head: see attention.h. The float32 path runs the two products on kernels::gemm
// and the row softmax on kernels::softmax_f32; the scalar template serves float64 and the float32
// reference.
#include "kernels/attention.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "base/cpu.h"
#include "kernels/gemm.h"
#include "kernels/softmax.h"

namespace onyx::kernels {
namespace {

// Softcap, capture points and the bias add on the raw scaled scores S [q_len, kv_len].
template <class C>
void shape_scores(const AttentionHeadShape& s, const AttentionHeadParams& p, const C* bias,
                  C* scores, C* captured) {
  const int64_t n = s.q_len * s.kv_len;
  const auto capture = [&](AttentionCapture stage) {
    if (captured && p.capture == stage) std::copy(scores, scores + n, captured);
  };
  capture(AttentionCapture::kScaledQK);
  if (p.softcap > 0) {
    const C cap = static_cast<C>(p.softcap);
    for (int64_t i = 0; i < n; ++i) scores[i] = cap * std::tanh(scores[i] / cap);
  }
  capture(AttentionCapture::kSoftcapped);
  if (bias)
    for (int64_t i = 0; i < n; ++i) scores[i] += bias[i];
  capture(AttentionCapture::kBiased);
}

// Row softmax in place; a row with max -inf (every key masked) becomes zeros.
template <class C, class RowSoftmax>
void softmax_rows(C* scores, int64_t rows, int64_t n, const RowSoftmax& row_softmax) {
  for (int64_t i = 0; i < rows; ++i) {
    C* row = scores + i * n;
    C mx = -std::numeric_limits<C>::infinity();
    for (int64_t j = 0; j < n; ++j) mx = std::max(mx, row[j]);
    if (mx == -std::numeric_limits<C>::infinity())
      std::fill(row, row + n, C(0));
    else
      row_softmax(row);
  }
}

template <class C>
void softmax_row_scalar(C* row, int64_t n) {
  C mx = row[0];
  for (int64_t j = 1; j < n; ++j) mx = std::max(mx, row[j]);
  C sum = 0;
  for (int64_t j = 0; j < n; ++j) sum += (row[j] = std::exp(row[j] - mx));
  for (int64_t j = 0; j < n; ++j) row[j] /= sum;
}

template <class C>
void scores_scalar(const AttentionHeadShape& s, C scale, const C* q, const C* k, C* scores) {
  for (int64_t i = 0; i < s.q_len; ++i)
    for (int64_t j = 0; j < s.kv_len; ++j) {
      C dot = 0;
      for (int64_t d = 0; d < s.head_size; ++d) dot += q[i * s.ldq + d] * k[j * s.ldk + d];
      scores[i * s.kv_len + j] = scale * dot;
    }
}

template <class C>
void context_scalar(const AttentionHeadShape& s, const C* probs, const C* v, C* y) {
  for (int64_t i = 0; i < s.q_len; ++i)
    for (int64_t d = 0; d < s.v_head_size; ++d) {
      C acc = 0;
      for (int64_t j = 0; j < s.kv_len; ++j) acc += probs[i * s.kv_len + j] * v[j * s.ldv + d];
      y[i * s.ldy + d] = acc;
    }
}

template <class C>
void attention_head_scalar(const AttentionHeadShape& s, const AttentionHeadParams& p, const C* q,
                           const C* k, const C* v, const C* bias, C* y, C* scores, C* captured) {
  scores_scalar(s, static_cast<C>(p.scale), q, k, scores);
  shape_scores(s, p, bias, scores, captured);
  softmax_rows(scores, s.q_len, s.kv_len, [&](C* row) { softmax_row_scalar(row, s.kv_len); });
  if (captured && p.capture == AttentionCapture::kSoftmax)
    std::copy(scores, scores + s.q_len * s.kv_len, captured);
  context_scalar(s, scores, v, y);
}

size_t round_up_64(size_t bytes) {
  return (bytes + 63) / 64 * 64;
}

// One head of a MultiHeadShape as an AttentionHeadShape (rows strided by the interleaved heads).
AttentionHeadShape head_of(const MultiHeadShape& s) {
  AttentionHeadShape h;
  h.q_len = s.q_len;
  h.kv_len = s.kv_len;
  h.head_size = s.head_size;
  h.v_head_size = s.v_head_size;
  h.ldq = h.ldk = s.heads * s.head_size;
  h.ldv = h.ldy = s.heads * s.v_head_size;
  return h;
}

// Element offsets of head (b, h) in Q, K, V and Y.
struct HeadOffsets {
  int64_t q, k, v, y;
};
HeadOffsets head_offsets(const MultiHeadShape& s, int64_t b, int64_t h) {
  return {(b * s.q_len * s.heads + h) * s.head_size, (b * s.kv_len * s.heads + h) * s.head_size,
          (b * s.kv_len * s.heads + h) * s.v_head_size,
          (b * s.q_len * s.heads + h) * s.v_head_size};
}

// scores [q_len, kv_len] += the mask of head (b, h).
void add_head_mask(const MultiHeadShape& s, int64_t b, int64_t h, const float* mask,
                   float* scores) {
  const int64_t* ms = s.mask_strides;
  const float* m = mask + b * ms[0] + h * ms[1];
  for (int64_t i = 0; i < s.q_len; ++i) {
    float* row = scores + i * s.kv_len;
    const float* mrow = m + i * ms[2];
    if (ms[3] == 1) {
      for (int64_t j = 0; j < s.kv_len; ++j) row[j] += mrow[j];
    } else {
      for (int64_t j = 0; j < s.kv_len; ++j) row[j] += mrow[j * ms[3]];
    }
  }
}

// Bytes of one worker's slot: scores, then the gemm workspace.
size_t slot_bytes(const MultiHeadShape& s, int gemm_threads) {
  return round_up_64(sizeof(float) * static_cast<size_t>(s.q_len * s.kv_len)) +
         round_up_64(attention_head_workspace_bytes(head_of(s), gemm_threads));
}

int64_t slot_count(const MultiHeadShape& s, int threads) {
  return std::max<int64_t>(1, std::min<int64_t>(threads, s.batch * s.heads));
}

}  // namespace

size_t attention_head_workspace_bytes(const AttentionHeadShape& s, int threads) {
  return std::max(gemm_workspace_bytes(s.q_len, s.kv_len, s.head_size, false, false, threads),
                  gemm_workspace_bytes(s.q_len, s.v_head_size, s.kv_len, false, false, threads));
}

void attention_head_f32(const AttentionHeadShape& s, const AttentionHeadParams& p, const float* q,
                        const float* k, const float* v, const float* bias, float* y, float* scores,
                        float* captured, ThreadPool* pool, void* workspace) {
  attention_scores_f32(s, static_cast<float>(p.scale), q, k, scores, pool, workspace);
  shape_scores(s, p, bias, scores, captured);
  attention_softmax_rows_f32(scores, s.q_len, s.kv_len);
  if (captured && p.capture == AttentionCapture::kSoftmax)
    std::copy(scores, scores + s.q_len * s.kv_len, captured);
  attention_context_f32(s, scores, v, y, pool, workspace);
}

void attention_scores_f32(const AttentionHeadShape& s, float scale, const float* q, const float* k,
                          float* scores, ThreadPool* pool, void* workspace) {
  if (s.head_size == 0) return std::fill(scores, scores + s.q_len * s.kv_len, 0.0f);
  // K stored [kv_len, head_size] is op(B)^T.
  gemm(s.q_len, s.kv_len, s.head_size, scale, GemmOperand::matrix(q, s.ldq),
       GemmOperand::matrix(k, s.ldk, true), 0.0f, scores, s.kv_len, {}, pool, workspace);
}

void attention_softmax_rows_f32(float* scores, int64_t rows, int64_t n) {
  softmax_rows(scores, rows, n, [&](float* row) { softmax_f32(row, row, 1, n, 1); });
}

void attention_context_f32(const AttentionHeadShape& s, const float* probs, const float* v,
                           float* y, ThreadPool* pool, void* workspace) {
  if (s.kv_len == 0) {  // no keys: Y = 0
    for (int64_t i = 0; i < s.q_len; ++i)
      std::fill(y + i * s.ldy, y + i * s.ldy + s.v_head_size, 0.0f);
    return;
  }
  gemm(s.q_len, s.v_head_size, s.kv_len, 1.0f, GemmOperand::matrix(probs, s.kv_len),
       GemmOperand::matrix(v, s.ldv), 0.0f, y, s.ldy, {}, pool, workspace);
}

size_t multi_head_attention_workspace_bytes(const MultiHeadShape& s, int threads) {
  const int64_t slots = slot_count(s, threads);
  return static_cast<size_t>(slots) * slot_bytes(s, slots == 1 ? threads : 1);
}

void multi_head_attention_f32(const MultiHeadShape& s, float scale, const float* q, const float* k,
                              const float* v, const float* mask, float* y, ThreadPool* pool,
                              void* workspace) {
  if (force_scalar_kernels())
    return reference::multi_head_attention_f32(s, scale, q, k, v, mask, y);
  const int64_t n_heads = s.batch * s.heads;
  if (n_heads == 0) return;
  const int threads = pool ? pool->num_threads() : 1;
  const int64_t slots = slot_count(s, threads);
  // One head at a time uses every thread inside its products; several run one per thread.
  ThreadPool* inner = slots == 1 ? pool : nullptr;
  const size_t per_slot = slot_bytes(s, slots == 1 ? threads : 1);
  const size_t scores_bytes = round_up_64(sizeof(float) * static_cast<size_t>(s.q_len * s.kv_len));
  const AttentionHeadShape hs = head_of(s);
  std::atomic<int64_t> next{0};  // the next (batch, head) to claim: balanced when a thread is slow
  const auto run_slot = [&](int64_t slot) {
    char* base = static_cast<char*>(workspace) + static_cast<size_t>(slot) * per_slot;
    float* scores = reinterpret_cast<float*>(base);
    void* gemm_ws = base + scores_bytes;
    for (int64_t bh = next.fetch_add(1); bh < n_heads; bh = next.fetch_add(1)) {
      const int64_t b = bh / s.heads, h = bh % s.heads;
      const HeadOffsets o = head_offsets(s, b, h);
      attention_scores_f32(hs, scale, q + o.q, k + o.k, scores, inner, gemm_ws);
      if (mask) add_head_mask(s, b, h, mask, scores);
      softmax_f32(scores, scores, s.q_len, s.kv_len, 1, inner);
      attention_context_f32(hs, scores, v + o.v, y + o.y, inner, gemm_ws);
    }
  };
  if (slots == 1) return run_slot(0);
  pool->parallel_for(slots, 1, [&](int64_t begin, int64_t end) {
    for (int64_t slot = begin; slot < end; ++slot) run_slot(slot);
  });
}

void attention_scores_f64(const AttentionHeadShape& s, double scale, const double* q,
                          const double* k, double* scores) {
  scores_scalar(s, scale, q, k, scores);
}

void attention_softmax_rows_f64(double* scores, int64_t rows, int64_t n) {
  softmax_rows(scores, rows, n, [&](double* row) { softmax_row_scalar(row, n); });
}

void attention_context_f64(const AttentionHeadShape& s, const double* probs, const double* v,
                           double* y) {
  context_scalar(s, probs, v, y);
}

void attention_head_f64(const AttentionHeadShape& s, const AttentionHeadParams& p, const double* q,
                        const double* k, const double* v, const double* bias, double* y,
                        double* scores, double* captured) {
  attention_head_scalar(s, p, q, k, v, bias, y, scores, captured);
}

namespace reference {
void attention_head_f32(const AttentionHeadShape& s, const AttentionHeadParams& p, const float* q,
                        const float* k, const float* v, const float* bias, float* y, float* scores,
                        float* captured) {
  attention_head_scalar(s, p, q, k, v, bias, y, scores, captured);
}
void multi_head_attention_f32(const MultiHeadShape& s, float scale, const float* q, const float* k,
                              const float* v, const float* mask, float* y) {
  const AttentionHeadShape hs = head_of(s);
  std::vector<float> scores(static_cast<size_t>(s.q_len * s.kv_len));
  for (int64_t b = 0; b < s.batch; ++b)
    for (int64_t h = 0; h < s.heads; ++h) {
      const HeadOffsets o = head_offsets(s, b, h);
      scores_scalar(hs, scale, q + o.q, k + o.k, scores.data());
      if (mask) add_head_mask(s, b, h, mask, scores.data());
      softmax_f32(scores.data(), scores.data(), s.q_len, s.kv_len, 1);
      context_scalar(hs, scores.data(), v + o.v, y + o.y);
    }
}
}  // namespace reference

}  // namespace onyx::kernels
