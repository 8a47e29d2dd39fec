// Recurrent-layer kernels: input projection GEMM, per-step recurrent GEMM, elementwise cells.
#include "kernels/rnn.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "kernels/gemm.h"

namespace onyx::kernels {

template <class T>
T rnn_activate(const RnnActivation& a, T x) {
  const T alpha = static_cast<T>(a.alpha), beta = static_cast<T>(a.beta);
  switch (a.kind) {
    case RnnActivationKind::kRelu:
      return x > T(0) ? x : T(0);
    case RnnActivationKind::kTanh:
      return std::tanh(x);
    case RnnActivationKind::kSigmoid:
      return T(1) / (T(1) + std::exp(-x));
    case RnnActivationKind::kAffine:
      return alpha * x + beta;
    case RnnActivationKind::kLeakyRelu:
      return x >= T(0) ? x : alpha * x;
    case RnnActivationKind::kThresholdedRelu:
      return x > alpha ? x : T(0);
    case RnnActivationKind::kScaledTanh:
      return alpha * std::tanh(beta * x);
    case RnnActivationKind::kHardSigmoid:
      return std::max(T(0), std::min(T(1), alpha * x + beta));
    case RnnActivationKind::kElu:
      return x >= T(0) ? x : alpha * (std::exp(x) - T(1));
    case RnnActivationKind::kSoftsign:
      return x / (T(1) + std::abs(x));
    case RnnActivationKind::kSoftplus:
      // log(1 + e^x) without overflow for large x.
      return x > T(0) ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
  }
  return x;
}
template float rnn_activate(const RnnActivation&, float);
template double rnn_activate(const RnnActivation&, double);

int rnn_gates(RnnCell cell) {
  switch (cell) {
    case RnnCell::kRnn:
      return 1;
    case RnnCell::kGru:
      return 3;
    case RnnCell::kLstm:
      return 4;
  }
  return 1;
}

int64_t rnn_workspace_elems(RnnCell cell, int64_t seq, int64_t batch, int64_t hidden) {
  const int64_t gh = rnn_gates(cell) * hidden;
  // projected inputs, step gates, hidden state, cell state, GRU's reset-scaled / recurrent part
  return seq * batch * gh + batch * gh + 3 * batch * hidden;
}

namespace {

// C (m x n, ldc) = A (m x k, lda) * B^T (B stored n x k, ldb, or pre-packed) + beta * C.
void matmul_nt(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b,
               int64_t ldb, float beta, float* c, int64_t ldc, ThreadPool* pool,
               const PackedPanels* packed) {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) c[i * ldc + j] = beta == 0.0f ? 0.0f : beta * c[i * ldc + j];
    return;
  }
  const GemmOperand rhs =
      packed != nullptr ? GemmOperand::panels(*packed) : GemmOperand::matrix(b, ldb, true);
  gemm(m, n, k, 1.0f, GemmOperand::matrix(a, lda, false), rhs, beta, c, ldc, {}, pool);
}

void matmul_nt(int64_t m, int64_t n, int64_t k, const double* a, int64_t lda, const double* b,
               int64_t ldb, double beta, double* c, int64_t ldc, ThreadPool*, const PackedPanels*) {
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      double acc = 0.0;
      for (int64_t q = 0; q < k; ++q) acc += a[i * lda + q] * b[j * ldb + q];
      c[i * ldc + j] = beta == 0.0 ? acc : acc + beta * c[i * ldc + j];
    }
}

template <class T>
T clip_to(T v, float clip) {
  if (clip <= 0.0f) return v;
  const T c = static_cast<T>(clip);
  return std::max(-c, std::min(c, v));
}

}  // namespace

template <class T>
void rnn_run_direction(const RnnProblem<T>& pr, const RnnDirection<T>& dir, T* ws,
                       ThreadPool* pool) {
  const int64_t H = pr.hidden, B = pr.batch, S = pr.seq;
  const int64_t G = rnn_gates(pr.cell), GH = G * H;
  if (B == 0 || H == 0) return;
  T* xw = ws;                  // [S * B rows in X's storage order, GH]
  T* gates = xw + S * B * GH;  // [B, GH]
  T* h = gates + B * GH;       // [B, H]
  T* c = h + B * H;            // [B, H]
  T* tmp = c + B * H;          // [B, H]
  const bool gru = pr.cell == RnnCell::kGru, lstm = pr.cell == RnnCell::kLstm;

  // Input projection of every step, with the biases that are plain additive terms.
  matmul_nt(S * B, GH, pr.input, pr.x, pr.input, dir.w, pr.input, T(0), xw, GH, pool, dir.w_packed);
  for (int64_t row = 0; row < S * B; ++row) {
    T* out = xw + row * GH;
    for (int64_t j = 0; j < GH; ++j) {
      T bias = dir.wb != nullptr ? dir.wb[j] : T(0);
      // GRU with linear_before_reset scales Rbh by rt, so it is added per step instead.
      const bool rb_inside = gru && pr.linear_before_reset && j >= 2 * H;
      if (dir.rb != nullptr && !rb_inside) bias += dir.rb[j];
      out[j] += bias;
    }
  }
  for (int64_t b = 0; b < B; ++b) {
    for (int64_t j = 0; j < H; ++j) {
      h[b * H + j] = dir.h0 != nullptr ? dir.h0[b * dir.state_in_stride + j] : T(0);
      c[b * H + j] = dir.c0 != nullptr ? dir.c0[b * dir.state_in_stride + j] : T(0);
    }
  }
  auto len_of = [&](int64_t b) { return pr.seq_lens != nullptr ? int64_t{pr.seq_lens[b]} : S; };

  for (int64_t s = 0; s < S; ++s) {
    const int64_t t = dir.reverse ? S - 1 - s : s;
    for (int64_t b = 0; b < B; ++b)
      std::memcpy(gates + b * GH, xw + (t * pr.x_t_rows + b * pr.x_b_rows) * GH, GH * sizeof(T));
    if (gru) {
      // z and r see Ht-1 R^T; h's recurrent part depends on linear_before_reset.
      matmul_nt(B, 2 * H, H, h, H, dir.r, H, T(1), gates, GH, pool, dir.r_packed);
      if (pr.linear_before_reset)
        matmul_nt(B, H, H, h, H, dir.r + 2 * H * H, H, T(0), tmp, H, pool, dir.rh_packed);
    } else {
      matmul_nt(B, GH, H, h, H, dir.r, H, T(1), gates, GH, pool, dir.r_packed);
    }

    if (gru) {
      // Phase 1: z and r; tmp gets r . Ht-1 (or r . (Ht-1 Rh^T + Rbh) with linear_before_reset).
      for (int64_t b = 0; b < B; ++b) {
        T* gb = gates + b * GH;
        for (int64_t j = 0; j < H; ++j) {
          gb[j] = rnn_activate(dir.f, clip_to(gb[j], pr.clip));
          const T r = rnn_activate(dir.f, clip_to(gb[H + j], pr.clip));
          if (pr.linear_before_reset) {
            const T rbh = dir.rb != nullptr ? dir.rb[2 * H + j] : T(0);
            tmp[b * H + j] = r * (tmp[b * H + j] + rbh);
          } else {
            tmp[b * H + j] = r * h[b * H + j];
          }
        }
      }
      if (!pr.linear_before_reset)
        matmul_nt(B, H, H, tmp, H, dir.r + 2 * H * H, H, T(1), gates + 2 * H, GH, pool,
                  dir.rh_packed);
    }

    for (int64_t b = 0; b < B; ++b) {
      T* yb = dir.y != nullptr ? dir.y + t * dir.y_t_stride + b * dir.y_b_stride : nullptr;
      if (t >= len_of(b)) {
        if (yb != nullptr) std::fill(yb, yb + H, T(0));
        continue;
      }
      T* gb = gates + b * GH;
      T* hb = h + b * H;
      T* cb = c + b * H;
      for (int64_t j = 0; j < H; ++j) {
        switch (pr.cell) {
          case RnnCell::kRnn:
            hb[j] = rnn_activate(dir.f, clip_to(gb[j], pr.clip));
            break;
          case RnnCell::kGru: {
            const T z = gb[j];
            const T pre = pr.linear_before_reset ? gb[2 * H + j] + tmp[b * H + j] : gb[2 * H + j];
            const T cand = rnn_activate(dir.g, clip_to(pre, pr.clip));
            hb[j] = (T(1) - z) * cand + z * hb[j];
            break;
          }
          case RnnCell::kLstm: {
            const T pi = dir.p != nullptr ? dir.p[j] : T(0);
            const T po = dir.p != nullptr ? dir.p[H + j] : T(0);
            const T pf = dir.p != nullptr ? dir.p[2 * H + j] : T(0);
            const T i = rnn_activate(dir.f, clip_to(gb[j] + pi * cb[j], pr.clip));
            const T f = pr.input_forget
                            ? T(1) - i
                            : rnn_activate(dir.f, clip_to(gb[2 * H + j] + pf * cb[j], pr.clip));
            const T cand = rnn_activate(dir.g, clip_to(gb[3 * H + j], pr.clip));
            cb[j] = f * cb[j] + i * cand;
            const T o = rnn_activate(dir.f, clip_to(gb[H + j] + po * cb[j], pr.clip));
            hb[j] = o * rnn_activate(dir.h, cb[j]);
            break;
          }
        }
      }
      if (yb != nullptr) std::memcpy(yb, hb, H * sizeof(T));
    }
  }
  for (int64_t b = 0; b < B; ++b) {
    if (dir.y_h != nullptr)
      std::memcpy(dir.y_h + b * dir.state_out_stride, h + b * H, H * sizeof(T));
    if (lstm && dir.y_c != nullptr)
      std::memcpy(dir.y_c + b * dir.state_out_stride, c + b * H, H * sizeof(T));
  }
}

template void rnn_run_direction(const RnnProblem<float>&, const RnnDirection<float>&, float*,
                                ThreadPool*);
template void rnn_run_direction(const RnnProblem<double>&, const RnnDirection<double>&, double*,
                                ThreadPool*);

}  // namespace onyx::kernels
