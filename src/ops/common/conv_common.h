// Family code for the convolution and pooling ops (Conv, ConvTranspose, DeformConv,
// CausalConvWithState, the pools, LRN): their element types, the group attribute, and float32
// staging for the types computed through float32 (float16, bfloat16, double: converted into
// scratch, computed, converted back).
#pragma once

#include <cstddef>
#include <cstdint>

#include "ops/common/dtype_visit.h"
#include "ops/op.h"

namespace onyx::ops {

// ONNX's T for the convolution ops: every float type. float32 is computed natively, the others
// through float32 (double therefore loses precision beyond float32's).
using ConvTypes = types::Float;

// Reads `group` (default 1); errors unless positive.
Status parse_group(const InitContext& ctx, int64_t* group);

// Checks that inputs [0, n) present are ConvTypes of one element type.
Status expect_conv_dtypes(const InferContext& ctx, int n);

// Carves 64-byte aligned float buffers out of one scratch block: add() at prepare time sums the
// sizes, at() at run time returns the buffer for an offset add() returned.
class ScratchLayout {
 public:
  size_t add_bytes(size_t bytes) {
    const size_t offset = total_;
    total_ += (bytes + 63) / 64 * 64;
    return offset;
  }
  size_t add_floats(int64_t n) { return add_bytes(static_cast<size_t>(n) * sizeof(float)); }
  size_t bytes() const { return total_ == 0 ? 0 : total_ + 64; }  // + alignment slack
  static float* at(void* scratch, size_t offset) {
    auto base = (reinterpret_cast<uintptr_t>(scratch) + 63) & ~static_cast<uintptr_t>(63);
    return reinterpret_cast<float*>(base + offset);
  }

 private:
  size_t total_ = 0;
};

// Floats of staging a `dtype` tensor of `numel` elements needs: 0 for float32, else numel.
inline int64_t staging_floats(DType dtype, int64_t numel) {
  return dtype == DType::kFloat32 ? 0 : numel;
}

// t's elements as float32: t's own data when float32, else converted into `staging`.
const float* float32_input(const Tensor& t, float* staging);
// Where to compute output t in float32: t's own data when float32, else `staging`.
float* float32_output(Tensor& t, float* staging);
// Converts `staging` back into t unless t is float32 (then float32_output wrote t directly).
void finish_float32_output(const float* staging, Tensor& t);

// Float32 staging for ops with one float input (0) and one float output (0) of the same type
// (pooling, LRN): prepare() sizes the scratch (plus `extra_bytes` for the op's own use, at
// extra_offset), run() hands fn(const float* x, float* y) float32 views and converts y back.
class Float32Staging {
 public:
  void prepare(PrepareContext& ctx, size_t extra_bytes = 0) {
    const ValueType& x = ctx.input(0);
    ScratchLayout layout;
    x_ = layout.add_floats(staging_floats(x.dtype, shape_numel(x.dims)));
    y_ = layout.add_floats(staging_floats(x.dtype, shape_numel(ctx.output(0).dims)));
    extra_ = layout.add_bytes(extra_bytes);
    ctx.request_scratch(layout.bytes());
  }
  template <class Fn>
  void run(RunContext& ctx, Fn&& fn) const {
    void* scratch = ctx.scratch();
    const float* x = float32_input(ctx.input(0), ScratchLayout::at(scratch, x_));
    float* y = float32_output(ctx.output(0), ScratchLayout::at(scratch, y_));
    fn(x, y);
    finish_float32_output(ScratchLayout::at(scratch, y_), ctx.output(0));
  }
  void* extra(void* scratch) const { return ScratchLayout::at(scratch, extra_); }

 private:
  size_t x_ = 0, y_ = 0, extra_ = 0;
};

}  // namespace onyx::ops
