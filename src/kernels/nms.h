// Greedy non-maximum suppression over one (batch, class) set of boxes (the kernel of ONNX
// NonMaxSuppression). Scalar only: the work is dominated by sorting and short pairwise tests.
#pragma once

#include <cstdint>
#include <vector>

namespace onyx::kernels {

enum class BoxFormat {
  kCorners,     // [y1, x1, y2, x2], either diagonal pair of corners
  kCenterSize,  // [x_center, y_center, width, height]
};

struct NmsParams {
  BoxFormat format = BoxFormat::kCorners;
  int64_t max_output = 0;      // boxes kept at most (per class)
  float iou_threshold = 0.0f;  // a box is dropped when IoU with a kept box is > this
  bool use_score_threshold = false;
  float score_threshold = 0.0f;  // when used, only boxes with score > this are candidates
};

// boxes: num_boxes x 4 floats; scores: num_boxes floats. Appends the indices of the kept boxes to
// *selected in the order they are kept (descending score; equal scores by lower index first).
void non_max_suppression(const float* boxes, const float* scores, int64_t num_boxes,
                         const NmsParams& params, std::vector<int64_t>* selected);

// Intersection over union of two boxes in `format`; 0 when they do not overlap or either has
// no area.
float box_iou(const float* a, const float* b, BoxFormat format);

}  // namespace onyx::kernels
