// Shared code of the random ops (RandomUniform/Normal[Like], Bernoulli, Multinomial, Dropout in
// training mode), all drawing from kernels/random.h (Philox4x32-10).
//
// Seeds: an op's `seed` attribute (float for the Random* ops, Bernoulli and Multinomial; int for
// Dropout) selects the stream key mix64(bits of the seed as a double), so a seeded node gives the
// same values on every run, every thread count and every platform. Without a seed each run draws a
// fresh stream (random_device at init, plus a per-node run counter). Values never equal numpy's.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>

#include "ops/op.h"

namespace onyx::ops {

class RandomStream {
 public:
  // Reads attribute `seed` (float or int) when present.
  void init(const ir::Node& node);
  bool seeded() const { return key_.has_value(); }
  // The stream key for one run (see above).
  uint64_t key_for_run() const;

 private:
  std::optional<uint64_t> key_;
  uint64_t base_ = 0;
  mutable std::atomic<uint64_t> runs_{0};
};

// Element types a random op can produce: float16, float, double, bfloat16.
inline constexpr DTypeSet kRandomFloatTypes = dtype_set<types::Float>();

// The `dtype` attribute (a TensorProto data type) as a DType; `fallback` when absent. Errors
// (through ctx) when it is not in `allowed`.
Status random_dtype_attr(const InitContext& ctx, DType fallback, DTypeSet allowed, DType* out);

// Fills a float16/float/double/bfloat16 tensor with uniform values in [low, high) or normal
// values (mean, scale) from stream `key`. float16/bfloat16 are drawn as float then rounded
// (uniform values rounding up to high are clamped below it).
void fill_uniform(Tensor& out, uint64_t key, double low, double high);
void fill_normal(Tensor& out, uint64_t key, double mean, double scale);

// RandomUniform, RandomNormal (shape from attribute `shape`, dtype attribute default float) and
// RandomUniformLike, RandomNormalLike (shape of input 0; dtype attribute default: input 0's type,
// which must then be a float type). Uniform: attributes low (0), high (1); normal: mean (0),
// scale (1). Every form since opset 1; opset 22 only adds bfloat16.
enum class RandomDistribution { kUniform, kNormal };

class RandomTensorOp : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = kRandomFloatTypes;

  RandomTensorOp(RandomDistribution distribution, bool like)
      : distribution_(distribution), like_(like) {}
  Status init(const InitContext& ctx) override;
  Status infer(InferContext& ctx) const override;
  Status run(RunContext& ctx) const override;
  bool deterministic() const override { return false; }

 private:
  RandomDistribution distribution_;
  bool like_;
  std::optional<DType> dtype_;  // unset: input 0's type (Like forms)
  Shape shape_;                 // non-Like forms
  double a_ = 0, b_ = 1;        // low/high or mean/scale
  RandomStream stream_;
};

}  // namespace onyx::ops
