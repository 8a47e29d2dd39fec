// Float32 2-D deformable convolution (ONNX DeformConv), NCHW. Each kernel tap of each output
// pixel samples x at its regular position plus a learned offset, bilinearly (neighbours outside
// the image read as 0), scaled by an optional mask:
//   y[n, g*M + m, i, j] = bias[g*M + m] + sum_{c < Cg, a < kh, b < kw} w[g*M + m, c, a, b] *
//       mask[n, og, a, b, i, j] * bilinear(x[n, g*Cg + c], i*sh - ph + a*dh + off_h,
//                                                          j*sw - pw + b*dw + off_w)
// with og = (g*Cg + c) / (C / offset_groups), off_h/off_w = offset[n, og, a, b, 0/1, i, j]
// (offset: [N, offset_groups * kh * kw * 2, oh, ow]; mask: [N, offset_groups * kh * kw, oh, ow],
// nullable = ones; bias nullable). w: [out_channels, C / groups, kh, kw].
// Per (image, group): sampled columns [Cg*kh*kw, oh*ow] in scratch, then one GEMM.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/thread_pool.h"

namespace onyx::kernels {

struct DeformConvShape {
  int64_t batch = 1, in_channels = 0, out_channels = 0, groups = 1, offset_groups = 1;
  int64_t in_h = 0, in_w = 0, kernel_h = 1, kernel_w = 1, out_h = 0, out_w = 0;
  int64_t stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1, pad_h = 0, pad_w = 0;
};

size_t deform_conv_scratch_bytes(const DeformConvShape& s);

void deform_conv(const DeformConvShape& s, const float* x, const float* w, const float* offset,
                 const float* mask, const float* bias, float* y, ThreadPool* pool, void* scratch);

}  // namespace onyx::kernels
