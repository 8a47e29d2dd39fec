#include "kernels/nms.h"

#include <algorithm>
#include <numeric>

namespace onyx::kernels {

namespace {

struct Extent {
  float x_min, y_min, x_max, y_max;
};

Extent extent_of(const float* b, BoxFormat format) {
  if (format == BoxFormat::kCenterSize) {
    const float half_w = b[2] / 2, half_h = b[3] / 2;
    return {b[0] - half_w, b[1] - half_h, b[0] + half_w, b[1] + half_h};
  }
  return {std::min(b[1], b[3]), std::min(b[0], b[2]), std::max(b[1], b[3]), std::max(b[0], b[2])};
}

}  // namespace

float box_iou(const float* a, const float* b, BoxFormat format) {
  const Extent ea = extent_of(a, format), eb = extent_of(b, format);
  const float ix_min = std::max(ea.x_min, eb.x_min), ix_max = std::min(ea.x_max, eb.x_max);
  const float iy_min = std::max(ea.y_min, eb.y_min), iy_max = std::min(ea.y_max, eb.y_max);
  if (ix_max <= ix_min || iy_max <= iy_min) return 0.0f;
  const float inter = (ix_max - ix_min) * (iy_max - iy_min);
  const float area_a = (ea.x_max - ea.x_min) * (ea.y_max - ea.y_min);
  const float area_b = (eb.x_max - eb.x_min) * (eb.y_max - eb.y_min);
  const float uni = area_a + area_b - inter;
  if (area_a <= 0 || area_b <= 0 || uni <= 0) return 0.0f;
  return inter / uni;
}

void non_max_suppression(const float* boxes, const float* scores, int64_t num_boxes,
                         const NmsParams& params, std::vector<int64_t>* selected) {
  if (params.max_output <= 0) return;
  std::vector<int64_t> order;
  order.reserve(static_cast<size_t>(num_boxes));
  for (int64_t i = 0; i < num_boxes; ++i)
    if (!params.use_score_threshold || scores[i] > params.score_threshold) order.push_back(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](int64_t a, int64_t b) { return scores[a] > scores[b]; });
  const size_t first = selected->size();
  for (int64_t candidate : order) {
    if (static_cast<int64_t>(selected->size() - first) >= params.max_output) break;
    bool keep = true;
    for (size_t k = first; k < selected->size() && keep; ++k)
      keep = box_iou(boxes + candidate * 4, boxes + (*selected)[k] * 4, params.format) <=
             params.iou_threshold;
    if (keep) selected->push_back(candidate);
  }
}

}  // namespace onyx::kernels
