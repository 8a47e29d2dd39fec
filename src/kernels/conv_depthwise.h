// 2-D depthwise convolution, float32, NCHW: groups == in_channels == out_channels (one filter of
// KH x KW per channel), any stride, dilation and begin pads (ConvShape / ConvActivation of
// kernels/conv.h; end pads only shape the output, given by the caller):
//   y[n, c, oh, ow] = act(bias[c] + sum_{kh, kw} w[c, kh, kw] * x[n, c, oh*SH - PH + kh*DH,
//                                                                   ow*SW - PW + kw*DW])
// with out-of-bounds x reading as 0 and act = Relu / Clip by compare + select (NaN stays NaN).
//
// Fast path (simd::): each task copies the input rows an output row block needs into a
// zero-padded, polyphase buffer on the stack (stride S splits every row into S phases, so each tap
// is a unit-stride load), then computes whole output rows with Highway vectors across the row: no
// bounds checks anywhere, FMA accumulation in tap order (kh, kw) starting from the bias. Border
// taps multiply the zero padding, exactly as ONNX defines padding; so only a non-finite weight can
// tell the two paths apart (w * 0 = NaN at borders where the reference skips the tap). Otherwise
// the fast path equals the reference within float rounding (FMA vs separate multiply and add).
// Parallel over (n, c) planes and, when there are few planes, over row blocks of a plane.
// Shapes whose row block cannot fit the stack buffer (very wide rows times tall kernels) run the
// reference.
//
// x: [batch, channels, IH, IW], w: [channels, 1, KH, KW], bias: [channels] or null,
// y: [batch, channels, OH, OW]; y must not overlap x. No alignment requirement. Allocates nothing.
#pragma once

#include "base/thread_pool.h"
#include "kernels/conv.h"

namespace onyx::kernels {

// True when `s` is a 2-D convolution with groups == in_channels == out_channels.
bool is_depthwise_conv2d(const ConvShape& s);

// The fast path, or the reference when force_scalar_kernels(). Requires is_depthwise_conv2d(s).
void depthwise_conv2d(const ConvShape& s, const float* x, const float* w, const float* bias,
                      float* y, const ConvActivation& act, ThreadPool* pool);

// Direct loops with per-tap bounds (test oracle): y = bias, then y += w * x over the in-bounds taps
// in (kh, kw) order, then the activation. Parallel over (n, c) planes.
namespace reference {
void depthwise_conv2d(const ConvShape& s, const float* x, const float* w, const float* bias,
                      float* y, const ConvActivation& act, ThreadPool* pool);
}  // namespace reference

// Highway SIMD for the current best target; ignores force_scalar_kernels() (for tests).
namespace simd {
void depthwise_conv2d(const ConvShape& s, const float* x, const float* w, const float* bias,
                      float* y, const ConvActivation& act, ThreadPool* pool);
}  // namespace simd

}  // namespace onyx::kernels
