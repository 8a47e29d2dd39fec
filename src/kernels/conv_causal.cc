#include "kernels/conv_causal.h"

#include <algorithm>
#include <cmath>

namespace onyx::kernels {

void causal_conv_with_state(const CausalConvShape& s, const float* x, const float* w,
                            const float* bias, const float* past, bool silu, float* y,
                            float* present, ThreadPool* pool) {
  const int64_t L = s.length, K = s.kernel, S = K - 1;
  auto rows = [&](int64_t begin, int64_t end) {
    for (int64_t row = begin; row < end; ++row) {
      const int64_t c = row % s.channels;
      const float* xr = x + row * L;
      const float* pr = past ? past + row * S : nullptr;
      const float* wr = w + c * K;
      // padded[i]: the state for i < S, then x.
      auto padded = [&](int64_t i) { return i < S ? (pr ? pr[i] : 0.0f) : xr[i - S]; };
      float* yr = y + row * L;
      for (int64_t t = 0; t < L; ++t) {
        float acc = bias ? bias[c] : 0.0f;
        if (t >= S) {
          const float* xs = xr + (t - S);
          for (int64_t j = 0; j < K; ++j) acc += wr[j] * xs[j];
        } else {
          for (int64_t j = 0; j < K; ++j) acc += wr[j] * padded(t + j);
        }
        yr[t] = silu ? acc / (1.0f + std::exp(-acc)) : acc;
      }
      float* out_state = present + row * S;
      for (int64_t i = 0; i < S; ++i) out_state[i] = padded(L + i);
    }
  };
  const int64_t n = s.batch * s.channels;
  if (pool && n > 1)
    pool->parallel_for(n, std::max<int64_t>(1, 16384 / std::max<int64_t>(1, L * K)), rows);
  else
    rows(0, n);
}

}  // namespace onyx::kernels
