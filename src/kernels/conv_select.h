// Per-shape convolution algorithm choice (ConvPlan::create), from a cost model in GEMM-flop
// equivalents calibrated on the bench models' shapes (bench/kernels/conv_shapes_bench.cc):
//   pointwise  whenever applicable (same GEMM as im2col, cheaper B packing)
//   winograd   when its 36 small GEMMs (columns padded to the microkernel width per block of
//              tiles) plus the input / output transforms cost less than im2col's 9x larger GEMM
//              plus patch packing: enough tiles (spatial size) and channels
//   im2col     otherwise
// Depthwise shapes are decided by ConvPlan::create before this is asked.
#pragma once

#include "kernels/conv.h"

namespace onyx::kernels {

// Estimated cost of one image, in GEMM-flop equivalents (only ratios matter). Both need a
// 2-D 3x3 stride-1 groups-1 shape (what Winograd computes).
double conv_im2col_cost(const ConvShape& s);
double conv_winograd_cost(const ConvShape& s);

ConvPlan::Algorithm select_conv_algorithm(const ConvShape& s, int threads, bool allow_winograd);

}  // namespace onyx::kernels
