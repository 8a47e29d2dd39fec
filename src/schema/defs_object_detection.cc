// Schemas of the ONNX standard's "object_detection" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {
namespace {

void add_non_max_suppression(SchemaBuilder& b) {
  b.op("NonMaxSuppression", 10)
      .summary(
          "Selects, per batch and class, boxes in decreasing score order that do not overlap an "
          "already chosen box by more than the IoU threshold; returns their [batch, class, box] "
          "indices.")
      .input("boxes", "tensor(float)")
      .input("scores", "tensor(float)")
      .input("max_output_boxes_per_class", "tensor(int64)", Option::kOptional)
      .input("iou_threshold", "tensor(float)", Option::kOptional)
      .input("score_threshold", "tensor(float)", Option::kOptional)
      .output("selected_indices", "tensor(int64)")
      .attr("center_point_box", AttrType::kInt, "0");
  b.next(11);  // signature unchanged
}

void add_roi_align(SchemaBuilder& b) {
  b.op("RoiAlign", 10)
      .summary(
          "Pools each region of interest of a feature map to a fixed output size by bilinear "
          "sampling and averaging or max within each bin.")
      .input("X", "T1")
      .input("rois", "T1")
      .input("batch_indices", "T2")
      .output("Y", "T1")
      .types("T1", types::float3())
      .types("T2", types::tensors({"int64"}))
      .attr("mode", AttrType::kString, "avg")
      .attr("output_height", AttrType::kInt, "1")
      .attr("output_width", AttrType::kInt, "1")
      .attr("sampling_ratio", AttrType::kInt, "0")
      .attr("spatial_scale", AttrType::kFloat, "1.0");
  b.next(16).attr("coordinate_transformation_mode", AttrType::kString, "half_pixel");
  b.next(22).types("T1", types::float_ir4());
}

}  // namespace

void add_object_detection_schemas(SchemaBuilder& b) {
  add_non_max_suppression(b);
  add_roi_align(b);
}

}  // namespace onyx::schema
