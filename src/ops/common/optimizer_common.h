// Shared shape of the ai.onnx.preview.training optimizers (Adagrad, Adam, Momentum; opset 1):
//   inputs:  R (learning rate, float/double scalar), T (update count, int64 scalar), then `lists`
//            lists of n tensors each: X_1..X_n, G_1..G_n, then each state (H, V, ...) _1.._n
//   outputs: X_new_1..X_new_n, then each updated state _1.._n  (lists - 1 lists of n)
// Tensor i of every list has the same shape; X, G and the states share one float/double type.
// Each op supplies the per-element update, computed in double whatever the storage type.
#pragma once

#include <cstdint>

#include "ops/op.h"

namespace onyx::ops {

class OptimizerOp : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::NativeFloat>();

  // `lists`: X, G and the states (Adagrad 3, Momentum 3, Adam 4).
  explicit OptimizerOp(int lists) : lists_(lists) {}
  Status infer(InferContext& ctx) const override;
  Status run(RunContext& ctx) const override;

 protected:
  // One element: in = {x, g, states...} (lists values), out = {x_new, states_new...}
  // (lists - 1 values). r is the learning rate and t the update count.
  virtual void update(double r, int64_t t, const double* in, double* out) const = 0;

 private:
  int lists_;
};

}  // namespace onyx::ops
