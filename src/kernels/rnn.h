// Recurrent-layer kernels (ONNX RNN, GRU, LSTM), one direction at a time.
//
// Gate layout of the weights (ONNX order), G gates of H rows each:
//   RNN  (G = 1): ht = f(Xt W^T + Ht-1 R^T + Wb + Rb)
//   GRU  (G = 3, z r h): zt = f(Xt Wz^T + Ht-1 Rz^T + Wbz + Rbz), rt likewise with r;
//        linear_before_reset = 0: ht~ = g(Xt Wh^T + (rt . Ht-1) Rh^T + Rbh + Wbh)
//        linear_before_reset = 1: ht~ = g(Xt Wh^T + rt . (Ht-1 Rh^T + Rbh) + Wbh)
//        Ht = (1 - zt) . ht~ + zt . Ht-1
//   LSTM (G = 4, i o f c): it = f(Xt Wi^T + Ht-1 Ri^T + Pi . Ct-1 + Wbi + Rbi)
//        ft = f(... f gate ... + Pf . Ct-1)  (input_forget: ft = 1 - it)
//        ct~ = g(Xt Wc^T + Ht-1 Rc^T + Wbc + Rbc);  Ct = ft . Ct-1 + it . ct~
//        ot = f(... o gate ... + Po . Ct);  Ht = ot . h(Ct)
// clip > 0 clamps every gate pre-activation to [-clip, clip] before its activation.
//
// Method: one GEMM projects every time step's input (X W^T, biases folded in), then per step a
// recurrent GEMM (Ht-1 R^T) and the elementwise cell. float32 uses kernels/gemm.h (SIMD unless
// ONYX_ISA=scalar); float64 uses plain loops.
//
// sequence_lens: batch row b is processed for time steps t < len[b] only (in reverse order for a
// reverse direction); Y is 0 at t >= len[b] and Y_h/Y_c hold the state after the last processed
// step (the initial state when len[b] == 0). Lengths must be in [0, seq] (the op checks).
#pragma once

#include <cstdint>

#include "base/thread_pool.h"
#include "kernels/gemm.h"

namespace onyx::kernels {

enum class RnnActivationKind {
  kRelu,
  kTanh,
  kSigmoid,
  kAffine,           // alpha * x + beta
  kLeakyRelu,        // x >= 0 ? x : alpha * x
  kThresholdedRelu,  // x > alpha ? x : 0
  kScaledTanh,       // alpha * tanh(beta * x)
  kHardSigmoid,      // max(0, min(1, alpha * x + beta))
  kElu,              // x >= 0 ? x : alpha * (exp(x) - 1)
  kSoftsign,         // x / (1 + |x|)
  kSoftplus,         // log(1 + exp(x))
};

struct RnnActivation {
  RnnActivationKind kind = RnnActivationKind::kTanh;
  float alpha = 0.0f, beta = 0.0f;
};

template <class T>
T rnn_activate(const RnnActivation& a, T x);

enum class RnnCell { kRnn, kGru, kLstm };
int rnn_gates(RnnCell cell);  // 1, 3, 4

// The whole problem (shared by both directions). Units: elements.
template <class T>
struct RnnProblem {
  RnnCell cell = RnnCell::kRnn;
  int64_t seq = 0, batch = 0, input = 0, hidden = 0;
  // X holds seq * batch contiguous rows of `input` values; the row of (t, b) is
  // t * x_t_rows + b * x_b_rows.
  const T* x = nullptr;
  int64_t x_t_rows = 0, x_b_rows = 0;
  const int32_t* seq_lens = nullptr;  // batch values, or nullptr (= seq for every row)
  float clip = 0.0f;                  // <= 0: no clipping
  bool linear_before_reset = false;   // GRU
  bool input_forget = false;          // LSTM
};

// One direction's weights, states and outputs. Pointers marked nullable may be nullptr.
template <class T>
struct RnnDirection {
  const T* w = nullptr;   // [G*H, input]
  const T* r = nullptr;   // [G*H, H]
  const T* wb = nullptr;  // [G*H], nullable
  const T* rb = nullptr;  // [G*H], nullable
  const T* p = nullptr;   // LSTM peepholes [3H] (i, o, f), nullable
  const T* h0 = nullptr;  // initial hidden row b at h0 + b * state_in_stride, nullable (zeros)
  const T* c0 = nullptr;  // LSTM initial cell, same layout, nullable (zeros)
  int64_t state_in_stride = 0;
  T* y = nullptr;  // row (t, b) at y + t * y_t_stride + b * y_b_stride, nullable
  int64_t y_t_stride = 0, y_b_stride = 0;
  T* y_h = nullptr;  // final hidden row b at y_h + b * state_out_stride, nullable
  T* y_c = nullptr;  // LSTM final cell, same layout, nullable
  int64_t state_out_stride = 0;
  bool reverse = false;
  RnnActivation f, g, h;
  // Optional (float32 only; ignored for double): W and R pre-packed once as GEMM B operands,
  // PackedMatrix::pack_b(k, n, M, ld, /*trans=*/true) of W [G*H, input] and R [G*H, H]; for GRU
  // r_packed covers the z and r gates (R rows [0, 2H)) and rh_packed the h gate (rows [2H, 3H)).
  const PackedPanels* w_packed = nullptr;
  const PackedPanels* r_packed = nullptr;
  const PackedPanels* rh_packed = nullptr;  // RNN uses f; GRU f, g; LSTM f, g, h
};

// Workspace (elements of T) rnn_run_direction needs.
int64_t rnn_workspace_elems(RnnCell cell, int64_t seq, int64_t batch, int64_t hidden);

template <class T>
void rnn_run_direction(const RnnProblem<T>& problem, const RnnDirection<T>& dir, T* workspace,
                       ThreadPool* pool = nullptr);

}  // namespace onyx::kernels
