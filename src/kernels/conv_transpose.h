// Float32 N-d transposed convolution (1-3 spatial dims), NCHW layout, with groups, strides,
// dilations and begin pads. The shape reuses ConvShape: `in` is x's spatial size, `out` is y's,
// pad_begin may be negative (ConvTranspose's output_shape can ask for more than the full result).
//   y[n, g*M + m, o...] = bias[g*M + m] + sum over c, i..., k... with
//                         i*stride - pad_begin + k*dilation == o of
//                         x[n, g*Cg + c, i...] * w[g*Cg + c, m, k...]
// w: [in_channels, out_channels / groups, kernel...]; M = out_channels / groups,
// Cg = in_channels / groups; bias nullable. Output positions no product reaches hold the bias.
//
// conv_transpose: per (image, group) one GEMM cols = w_g^T * x_g ([M*kernel, in pixels]) then a
// col2im scatter-add into y, parallel over output channels. Under force_scalar_kernels() it runs
// conv_transpose_reference. run allocates nothing beyond `scratch` (conv_transpose_scratch_bytes,
// 64-byte aligned) and gemm's per-thread workspace.
#pragma once

#include <cstddef>

#include "kernels/conv.h"

namespace onyx::kernels {

size_t conv_transpose_scratch_bytes(const ConvShape& s);

void conv_transpose(const ConvShape& s, const float* x, const float* w, const float* bias, float* y,
                    ThreadPool* pool, void* scratch);

// Direct scatter loops (test oracle), same contract; needs no scratch.
void conv_transpose_reference(const ConvShape& s, const float* x, const float* w, const float* bias,
                              float* y);

// col2im scatter-add for one group: cols [M * kernel_size, in_plane] (row (m, k...)) is added into
// y's M output planes. Exposed for tests.
void col2im_add(const ConvShape& s, const float* cols, int64_t out_channels_per_group, float* y,
                ThreadPool* pool);

}  // namespace onyx::kernels
