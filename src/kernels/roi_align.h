// RoiAlign (the kernel of ONNX RoiAlign): per region of interest, an output_height x
// output_width grid of bins, each the average (or max) of grid_h x grid_w bilinear samples of
// the feature map. Scalar only.
//
// Coordinates: roi = [x1, y1, x2, y2] in input pixels before spatial_scale; with half_pixel the
// scaled corners are shifted by -0.5 and the roi size is not clamped, without it (ONNX's
// output_half_pixel, and opset 10) the roi size is clamped to at least 1. Samples sit at the
// centers of a grid_h x grid_w subdivision of each bin; grid = sampling_ratio when > 0, else
// ceil(roi size / output size) per axis. A sample outside [-1, H] x [-1, W] contributes 0;
// others clamp to the map and interpolate its four neighbours.
// Max mode keeps, per bin, the largest of the four weighted neighbour terms over all samples
// (the definition of ONNX's reference and onnxruntime, not the max of interpolated values).
#pragma once

#include <cstdint>

namespace onyx::kernels {

struct RoiAlignParams {
  int64_t channels = 0, height = 0, width = 0;  // of each feature map
  int64_t output_height = 1, output_width = 1;
  int64_t sampling_ratio = 0;
  double spatial_scale = 1.0;
  bool half_pixel = true;
  bool max_mode = false;
};

// x: [batch, channels, height, width]; rois: num_rois x 4; batch_index[r] selects the feature
// map of roi r (must be in [0, batch): the caller checks). y: [num_rois, channels, oh, ow].
template <class T>
void roi_align(const T* x, const T* rois, const int64_t* batch_index, int64_t num_rois,
               const RoiAlignParams& p, T* y);

}  // namespace onyx::kernels
