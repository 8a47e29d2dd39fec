// GridSample: samples x [N, C, D_1..D_r] at the normalized locations of a grid
// [N, O_1..O_k, r] into y [N, C, O_1..O_k] (ONNX GridSample semantics, as PyTorch's grid_sample).
//
// grid[..., j] is the coordinate along spatial axis r - 1 - j (x = last axis first), in [-1, 1]:
// align_corners maps -1 / 1 to the centres of the edge elements, otherwise to their outer edges.
// Modes: nearest (round half to even, as the ONNX test data), linear
// (multi-linear over 2^r taps), cubic (Keys, a = -0.75, over 4^r taps).
// Padding: zeros (taps outside read 0), border (coordinates and taps clamped to the edges),
// reflection (coordinates and taps mirrored at the edges defined by align_corners).
// Computes in double; grid is passed widened to double. x, grid and y must not overlap.
#pragma once

#include <cstdint>
#include <span>

#include "base/half.h"
#include "base/thread_pool.h"

namespace onyx::kernels {

enum class GridSampleMode { kNearest, kLinear, kCubic };
enum class GridSamplePadding { kZeros, kBorder, kReflection };

struct GridSampleShape {
  int64_t n = 1, c = 1;
  std::span<const int64_t> in;  // D_1..D_r
  int64_t points = 1;           // O_1 * .. * O_k
};

template <class T>
void grid_sample(const T* x, const double* grid, T* y, const GridSampleShape& s,
                 GridSampleMode mode, GridSamplePadding padding, bool align_corners,
                 ThreadPool* pool);

}  // namespace onyx::kernels
