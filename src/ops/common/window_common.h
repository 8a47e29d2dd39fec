// Shared code of the signal-generating ops (HannWindow, HammingWindow, BlackmanWindow,
// MelWeightMatrix): an integer scalar input read as a length, the `output_datatype` attribute,
// and writing values computed in double into an output of any numeric element type.
//
// Windows (opset 17): input 0 `size` (int32/int64 scalar) gives N; the output is the 1-D tensor
// w[n], n in [0, N), of element type output_datatype (default float). periodic=1 (default)
// divides the phase by N (the window of length N+1 with its last sample dropped), periodic=0 by
// N-1 (symmetric). With a0..a2 the kind's coefficients and x = 2*pi*n/denominator:
//   w[n] = a0 - a1*cos(x) + a2*cos(2x)
//   Hann a0 = a1 = 0.5, a2 = 0; Hamming a0 = 25/46, a1 = 21/46, a2 = 0;
//   Blackman a0 = 0.42, a1 = 0.5, a2 = 0.08.
#pragma once

#include <cstdint>
#include <optional>

#include "ops/op.h"

namespace onyx::ops {

// Element types of output_datatype (ONNX's T2 of the window ops and MelWeightMatrix).
using SignalOutputTypes = types::Numeric;

// Parses attribute output_datatype (default float) and checks it against SignalOutputTypes.
Status parse_output_datatype(const InitContext& ctx, DType* out);

// out[i] = values[i] converted to out's element type (half floats round to nearest even,
// integers truncate toward zero as a C++ cast). out must be numeric with numel() == count.
void store_doubles(const double* values, int64_t count, Tensor& out);

// A scalar or one-element int32/int64 tensor read as a non-negative count; nullopt otherwise.
std::optional<int64_t> scalar_count(const Tensor& t);

struct WindowCoefficients {
  double a0, a1, a2;
};

class WindowFamilyOp : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<SignalOutputTypes>();

  explicit WindowFamilyOp(WindowCoefficients c) : coef_(c) {}
  Status init(const InitContext& ctx) override;
  Status infer(InferContext& ctx) const override;
  Status run(RunContext& ctx) const override;

 private:
  WindowCoefficients coef_;
  bool periodic_ = true;
  DType dtype_ = DType::kFloat32;
};

}  // namespace onyx::ops
