// Scaled dot-product attention for one (batch, head) pair:
//
//   S = scale * Q K^T                      [q_len, kv_len]   (Q [q_len, head_size], K [kv_len,
//   head_size]) S = softcap * tanh(S / softcap)        when softcap > 0 S = S + bias when bias is
//   given ([q_len, kv_len], -inf = masked) P = softmax(S) over each row           a row whose every
//   score is -inf gives P = 0 (not NaN) Y = P V                                [q_len, v_head_size]
//   (V [kv_len, v_head_size])
//
// Q, K, V and Y are row-major with row strides ldq, ldk, ldv, ldy (elements), so heads packed in
// one hidden dim ([batch, seq, heads * head_size]) are addressed without copies. `scores` is
// caller scratch of q_len * kv_len values; it ends holding P. `captured` (nullable, q_len * kv_len
// contiguous) receives S at the stage `capture` names (ONNX Attention's qk_matmul_output).
// Numerics: float32 accumulation for the float path (kernels::gemm, kernels::softmax_f32), double
// for the f64 path. Y must not overlap any input. q_len == 0 or kv_len == 0 is allowed (kv_len ==
// 0 gives Y = 0).
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/thread_pool.h"

namespace onyx::kernels {

// Which score matrix attention_head copies to `captured`.
enum class AttentionCapture {
  kNone,
  kScaledQK,    // scale * Q K^T
  kSoftcapped,  // after softcap (equals kScaledQK when softcap <= 0)
  kBiased,      // after softcap and the bias add
  kSoftmax,     // P
};

struct AttentionHeadShape {
  int64_t q_len = 0, kv_len = 0, head_size = 0, v_head_size = 0;
  int64_t ldq = 0, ldk = 0, ldv = 0, ldy = 0;
};

struct AttentionHeadParams {
  double scale = 1.0;    // rounded to float by the float32 path
  float softcap = 0.0f;  // <= 0: none
  AttentionCapture capture = AttentionCapture::kNone;
};

// The stages attention_head_* composes, for ops that modify scores or probabilities in between
// (FlexAttention):
//   attention_scores:  scores [q_len, kv_len] = scale * Q K^T
//   softmax_rows:      in place over `rows` rows of n; a row whose max is -inf becomes zeros
//   attention_context: Y = P V (P = probs [q_len, kv_len])
void attention_scores_f32(const AttentionHeadShape& shape, float scale, const float* q,
                          const float* k, float* scores, ThreadPool* pool, void* workspace);
void attention_softmax_rows_f32(float* scores, int64_t rows, int64_t n);
void attention_context_f32(const AttentionHeadShape& shape, const float* probs, const float* v,
                           float* y, ThreadPool* pool, void* workspace);
void attention_scores_f64(const AttentionHeadShape& shape, double scale, const double* q,
                          const double* k, double* scores);
void attention_softmax_rows_f64(double* scores, int64_t rows, int64_t n);
void attention_context_f64(const AttentionHeadShape& shape, const double* probs, const double* v,
                           double* y);

// Bytes of workspace attention_head_f32 needs for its gemm calls (64-byte aligned pointer).
size_t attention_head_workspace_bytes(const AttentionHeadShape& shape, int threads);

// Dispatching float32 version (SIMD gemm/softmax unless force_scalar_kernels()).
void attention_head_f32(const AttentionHeadShape& shape, const AttentionHeadParams& params,
                        const float* q, const float* k, const float* v, const float* bias, float* y,
                        float* scores, float* captured, ThreadPool* pool, void* workspace);

// float64: scalar loops with double accumulation.
void attention_head_f64(const AttentionHeadShape& shape, const AttentionHeadParams& params,
                        const double* q, const double* k, const double* v, const double* bias,
                        double* y, double* scores, double* captured);

namespace reference {  // scalar float32 loops (the test oracle), float accumulation
void attention_head_f32(const AttentionHeadShape& shape, const AttentionHeadParams& params,
                        const float* q, const float* k, const float* v, const float* bias, float* y,
                        float* scores, float* captured);
}  // namespace reference

}  // namespace onyx::kernels
