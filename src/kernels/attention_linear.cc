#include "kernels/attention_linear.h"

#include <cmath>

namespace onyx::kernels {

void linear_attention_f32(const LinearAttentionLayout& l, float scale, const float* q,
                          const float* k, const float* v, const float* decay, const float* beta,
                          float* state, float* y, float* scratch) {
  const int64_t dk = l.key_size, dv = l.value_size;
  for (int64_t t = 0; t < l.seq_len; ++t) {
    const float* kt = k + t * l.k_step;
    const float* vt = v + t * l.v_step;
    if (decay) {
      const float* g = decay + t * l.decay_step;
      for (int64_t d = 0; d < dk; ++d) {
        const float f = std::exp(g[l.decay_width == 1 ? 0 : d]);
        for (int64_t m = 0; m < dv; ++m) state[d * dv + m] *= f;
      }
    }
    float* u = scratch;
    if (beta) {
      const float b = beta[t * l.beta_step];
      for (int64_t m = 0; m < dv; ++m) u[m] = 0.0f;
      for (int64_t d = 0; d < dk; ++d)
        for (int64_t m = 0; m < dv; ++m) u[m] += state[d * dv + m] * kt[d];
      for (int64_t m = 0; m < dv; ++m) u[m] = b * (vt[m] - u[m]);
    } else {
      for (int64_t m = 0; m < dv; ++m) u[m] = vt[m];
    }
    for (int64_t d = 0; d < dk; ++d)
      for (int64_t m = 0; m < dv; ++m) state[d * dv + m] += kt[d] * u[m];
    for (int64_t j = 0; j < l.group; ++j) {
      const float* qt = q + t * l.q_step + j * dk;
      float* yt = y + t * l.y_step + j * dv;
      for (int64_t m = 0; m < dv; ++m) yt[m] = 0.0f;
      for (int64_t d = 0; d < dk; ++d)
        for (int64_t m = 0; m < dv; ++m) yt[m] += qt[d] * state[d * dv + m];
      for (int64_t m = 0; m < dv; ++m) yt[m] *= scale;
    }
  }
}

}  // namespace onyx::kernels
