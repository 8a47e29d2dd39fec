// Family code of RNN, GRU and LSTM (kernels: kernels/rnn.h, which states the cell equations).
//
// Inputs:  X, W, R, B?, sequence_lens?, initial_h? (+ LSTM: initial_c?, P?)
// Outputs: Y?, Y_h? (+ LSTM: Y_c?); every output may be omitted.
// Shapes (num_directions D = 2 for "bidirectional", else 1; G gates: 1 RNN, 3 GRU, 4 LSTM):
//   W [D, G*H, I], R [D, G*H, H], B [D, 2*G*H] (Wb then Rb), sequence_lens [batch] int32,
//   P [D, 3*H]; layout 0: X [seq, batch, I], initial_*/Y_* [D, batch, H], Y [seq, D, batch, H];
//   layout 1 (opset 14+): X [batch, seq, I], initial_*/Y_* [batch, D, H], Y [batch, seq, D, H].
// Attributes: direction (forward | reverse | bidirectional), hidden_size (else R's last dim),
// activations (per direction: f for RNN, f g for GRU, f g h for LSTM; case-insensitive names;
// a bidirectional node given one direction's list uses it for both),
// activation_alpha / activation_beta (consumed in order by the listed activations that take
// them; defaults as the matching ONNX operators), clip, layout (opset 14), GRU's
// linear_before_reset, LSTM's input_forget. Opsets 7, 14 (layout), 22 (bfloat16).
// Element types: float and double computed natively; float16/bfloat16 in float32.
#pragma once

#include <vector>

#include "kernels/rnn.h"
#include "ops/op.h"

namespace onyx::ops {

class RecurrentOp : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  explicit RecurrentOp(kernels::RnnCell cell) : cell_(cell) {}
  Status init(const InitContext& ctx) override;
  Status infer(InferContext& ctx) const override;
  Status prepare(PrepareContext& ctx) override;
  Status run(RunContext& ctx) const override;

 private:
  int num_inputs_max() const { return cell_ == kernels::RnnCell::kLstm ? 8 : 6; }
  int activations_per_direction() const {
    return kernels::rnn_gates(cell_) == 1 ? 1 : (cell_ == kernels::RnnCell::kGru ? 2 : 3);
  }
  // Fills the *_packed_ panels for constant float32 W / R (no-op otherwise).
  void pack_weights(const PrepareContext& ctx);
  int directions() const { return direction_ == Direction::kBidirectional ? 2 : 1; }

  enum class Direction { kForward, kReverse, kBidirectional };
  kernels::RnnCell cell_;
  Direction direction_ = Direction::kForward;
  int64_t hidden_size_ = -1;  // -1: from R
  int64_t layout_ = 0;
  float clip_ = 0.0f;
  bool linear_before_reset_ = false, input_forget_ = false;
  std::vector<kernels::RnnActivation> activations_;  // D * activations_per_direction()
  int64_t seq_ = 0, batch_ = 0, input_ = 0, hidden_ = 0;
  // Per direction, when W / R are float32 plan-time constants: GEMM-ready panels (see
  // kernels::RnnDirection); empty otherwise.
  std::vector<kernels::PackedMatrix> w_packed_, r_packed_, rh_packed_;
};

}  // namespace onyx::ops
