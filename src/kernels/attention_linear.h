// Linear attention recurrence (ONNX LinearAttention) for one batch entry and one kv head with its
// `group` query heads, over seq_len tokens, float32 state [key_size, value_size] updated in place:
//
//   S = exp(g_t) * S                       gated rules (decay given): g_t one value or key_size
//                                          values (per key row) per token
//   u = beta_t * (v_t - S^T k_t)           delta rules (beta given); otherwise u = v_t
//   S = S + k_t u^T
//   y_t[j] = scale * q_t[j]^T S            for each query head j of the group
//
// Operands are token rows with strides in elements: q_t of head j at q + t * q_step + j *
// key_size, y_t at y + t * y_step + j * value_size, k_t at k + t * k_step, v_t at v + t * v_step,
// decay at decay + t * decay_step, beta at beta + t * beta_step. `scratch` holds value_size
// floats. Scalar loops (the recurrence is sequential over tokens); float32 accumulation.
#pragma once

#include <cstdint>

namespace onyx::kernels {

struct LinearAttentionLayout {
  int64_t seq_len = 0, key_size = 0, value_size = 0, group = 1;
  int64_t q_step = 0, k_step = 0, v_step = 0, y_step = 0;
  int64_t decay_step = 0, decay_width = 0;  // decay_width: 1 (per head) or key_size
  int64_t beta_step = 0;
};

void linear_attention_f32(const LinearAttentionLayout& layout, float scale, const float* q,
                          const float* k, const float* v, const float* decay, const float* beta,
                          float* state, float* y, float* scratch);

}  // namespace onyx::kernels
