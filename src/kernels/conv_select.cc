// Convolution cost model and algorithm choice; see conv_select.h.
#include "kernels/conv_select.h"

#include <algorithm>
#include <cmath>

#include "kernels/gemm.h"
#include "kernels/gemm_internal.h"
#include "kernels/winograd.h"

namespace onyx::kernels {
namespace {

using detail::round_up;

// GEMM-flop equivalents of the data movement around the GEMMs (measured on AVX2, Zen 3):
// one im2col B element packed; one Winograd input transform of one tile and channel (6x6 patch,
// B^T d B); one output transform of one tile and channel (A^T m A, bias, activation, store).
constexpr double kIm2colPackPerElement = 16.0;
// Weights (GEMM A) are streamed once per block of columns: from L3 while the algorithm's packed
// weights fit in half of it, else from memory (Winograd's 36 x Cin x Cout at 512 channels: 38 MB).
constexpr double kWeightFromCache = 2.0, kWeightFromMemory = 24.0;
constexpr double kCachedWeightBytes = 16.0 * 1024 * 1024;

double weight_stream_cost(double weight_floats, double passes) {
  const double per_float =
      weight_floats * 4.0 > kCachedWeightBytes ? kWeightFromMemory : kWeightFromCache;
  return per_float * weight_floats * passes;
}
constexpr double kWinogradInputPerTileChannel = 500.0;
constexpr double kWinogradOutputPerTileChannel = 400.0;

}  // namespace

double conv_im2col_cost(const ConvShape& s) {
  const int nr = gemm_tile().nr;
  const double pixels = static_cast<double>(s.out[0] * s.out[1]);
  const double k = static_cast<double>(s.in_channels) * s.kernel[0] * s.kernel[1];
  const double cols = static_cast<double>(round_up(s.out[0] * s.out[1], nr));
  // Pixel chunks as ConvPlan's tiling: the K x chunk B block around 512 KiB, >= 64 pixels.
  const double chunk = std::clamp(131072.0 / k, 64.0, 512.0);
  const double passes = std::ceil(pixels / chunk);
  return 2.0 * s.out_channels * k * cols + kIm2colPackPerElement * k * pixels +
         weight_stream_cost(s.out_channels * k, passes);
}

double conv_winograd_cost(const ConvShape& s) {
  const int nr = gemm_tile().nr;
  const int64_t tiles = ((s.out[0] + 3) / 4) * ((s.out[1] + 3) / 4);
  const int64_t per_block = std::max<int64_t>(winograd_tiles_per_block(s), 1);
  // GEMM columns: every block's tiles padded to whole microkernel panels.
  const int64_t full = tiles / per_block, rest = tiles % per_block;
  const double cols = static_cast<double>(full * round_up(per_block, nr) + round_up(rest, nr));
  const double gemm = 2.0 * kWinogradPoints * s.in_channels * s.out_channels * cols;
  const double transforms =
      static_cast<double>(tiles) * (kWinogradInputPerTileChannel * s.in_channels +
                                    kWinogradOutputPerTileChannel * s.out_channels);
  const double blocks = static_cast<double>(full + (rest ? 1 : 0));
  return gemm + transforms +
         weight_stream_cost(double(kWinogradPoints) * s.in_channels * s.out_channels, blocks);
}

ConvPlan::Algorithm select_conv_algorithm(const ConvShape& s, int threads, bool allow_winograd) {
  (void)threads;
  using A = ConvPlan::Algorithm;
  if (ConvPlan::applicable(s, A::kPointwise)) return A::kPointwise;
  if (allow_winograd && ConvPlan::applicable(s, A::kWinograd) &&
      conv_winograd_cost(s) < conv_im2col_cost(s))
    return A::kWinograd;
  return A::kIm2col;
}

}  // namespace onyx::kernels
