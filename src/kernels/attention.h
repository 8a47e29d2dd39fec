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

// Multi-head attention over every (batch, head) of tensors laid out [batch, seq, heads, size]
// (heads interleaved in the hidden dim, as a Reshape of a [batch, seq, hidden] projection gives):
//   S = scale * Q[b, :, h, :] K[b, :, h, :]^T + mask[b, h]     [q_len, kv_len]
//   Y[b, :, h, :] = softmax_rows(S) V[b, :, h, :]              Y is [batch, q_len, heads, v_size]
// mask (nullable) is read at mask[b * ms[0] + h * ms[1] + i * ms[2] + j * ms[3]]: a stride of 0
// broadcasts that dim. The softmax is kernels::softmax_f32's: unlike attention_head_f32, a row
// whose every score is -inf gives NaN, exactly as MatMul -> Add -> Softmax -> MatMul computes it.
// Heads run in parallel on `pool` (each head's products on one thread); Y must not overlap any
// input. `workspace` holds multi_head_attention_workspace_bytes (64-byte aligned).
struct MultiHeadShape {
  int64_t batch = 0, heads = 0, q_len = 0, kv_len = 0, head_size = 0, v_head_size = 0;
  int64_t mask_strides[4] = {0, 0, 0, 0};  // elements, over (batch, head, q, kv)
};
size_t multi_head_attention_workspace_bytes(const MultiHeadShape& shape, int threads);
// Float32: gemm + softmax_f32 per head; the reference below when force_scalar_kernels().
void multi_head_attention_f32(const MultiHeadShape& shape, float scale, const float* q,
                              const float* k, const float* v, const float* mask, float* y,
                              ThreadPool* pool, void* workspace);

namespace reference {  // scalar float32 loops (the test oracle), float accumulation
void attention_head_f32(const AttentionHeadShape& shape, const AttentionHeadParams& params,
                        const float* q, const float* k, const float* v, const float* bias, float* y,
                        float* scores, float* captured);
// Scalar loops, float accumulation, allocates its own scores.
void multi_head_attention_f32(const MultiHeadShape& shape, float scale, const float* q,
                              const float* k, const float* v, const float* mask, float* y);
}  // namespace reference

}  // namespace onyx::kernels
