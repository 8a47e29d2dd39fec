// NonMaxSuppression (opset 10; 11 unchanged in behavior): greedy per (batch, class) selection of
// boxes by descending score, dropping each box whose IoU with an already kept box of the same
// class exceeds iou_threshold (kernels/nms.h).
// Inputs: boxes [B, N, 4] float; scores [B, C, N] float; optional max_output_boxes_per_class
// (int64 scalar, default 0 = keep none), iou_threshold (float scalar, default 0, in [0, 1]) and
// score_threshold (float scalar; when given only scores > it are candidates).
// Attribute center_point_box: 0 = [y1, x1, y2, x2] corners, 1 = [x_c, y_c, w, h].
// Output: selected_indices [num_selected, 3] int64 rows (batch, class, box), batch-major then
// class then selection order; its length depends on the data.
#include <vector>

#include "kernels/nms.h"
#include "ops/common/index_common.h"
#include "ops/common/int_inputs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class NonMaxSuppressionOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = {DType::kFloat32};

  Status init(const InitContext& ctx) override {
    const int64_t cpb = ctx.node().attr_int("center_point_box", 0);
    if (cpb != 0 && cpb != 1)
      return ctx.error("center_point_box must be 0 or 1, got " + std::to_string(cpb));
    format_ = cpb == 1 ? kernels::BoxFormat::kCenterSize : kernels::BoxFormat::kCorners;
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 5));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, kElementTypes));
    if (ctx.has_input(2)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(2, {DType::kInt64}));
    for (int i = 3; i < 5; ++i)
      if (ctx.has_input(i)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(i, kElementTypes));
    const ValueType& boxes = ctx.input(0);
    const ValueType& scores = ctx.input(1);
    if (boxes.has_shape && (boxes.rank() != 3 || (dim_known(boxes.dims[2]) && boxes.dims[2] != 4)))
      return ctx.input_error(0, "boxes must have shape [batch, boxes, 4]");
    if (scores.has_shape && scores.rank() != 3)
      return ctx.input_error(1, "scores must have shape [batch, classes, boxes]");
    if (boxes.has_shape && scores.has_shape) {
      auto clash = [](int64_t a, int64_t b) { return dim_known(a) && dim_known(b) && a != b; };
      if (clash(boxes.dims[0], scores.dims[0]) || clash(boxes.dims[1], scores.dims[2]))
        return ctx.input_error(
            1, "scores [batch, classes, boxes] do not match boxes " + dims_to_string(boxes.dims));
    }
    ctx.output(0) = ValueType::tensor(DType::kInt64, {kUnknownDim, 3});
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& boxes = ctx.input(0);
    const Tensor& scores = ctx.input(1);
    if (boxes.rank() != 3 || boxes.dim(2) != 4 || scores.rank() != 3 ||
        scores.dim(0) != boxes.dim(0) || scores.dim(2) != boxes.dim(1))
      return ctx.error("boxes [batch, boxes, 4] and scores [batch, classes, boxes] do not match");
    kernels::NmsParams params;
    params.format = format_;
    if (ctx.has_input(2) && ctx.input(2).numel() > 0)
      params.max_output = std::max<int64_t>(ctx.input(2).data<int64_t>()[0], 0);
    if (ctx.has_input(3) && ctx.input(3).numel() > 0)
      params.iou_threshold = ctx.input(3).data<float>()[0];
    if (ctx.has_input(4) && ctx.input(4).numel() > 0) {
      params.use_score_threshold = true;
      params.score_threshold = ctx.input(4).data<float>()[0];
    }
    if (params.iou_threshold < 0.0f || params.iou_threshold > 1.0f)
      return ctx.error("iou_threshold must be in [0, 1], got " +
                       std::to_string(params.iou_threshold));
    const int64_t batches = boxes.dim(0), n = boxes.dim(1), classes = scores.dim(1);
    std::vector<int64_t> rows;  // (batch, class, box) triples
    std::vector<int64_t> selected;
    for (int64_t b = 0; b < batches; ++b)
      for (int64_t c = 0; c < classes; ++c) {
        selected.clear();
        kernels::non_max_suppression(boxes.data<float>() + b * n * 4,
                                     scores.data<float>() + (b * classes + c) * n, n, params,
                                     &selected);
        for (int64_t box : selected) rows.insert(rows.end(), {b, c, box});
      }
    const int64_t count = static_cast<int64_t>(rows.size() / 3);
    Tensor& out = output_of_shape(ctx, 0, DType::kInt64, {count, 3});
    std::copy(rows.begin(), rows.end(), out.data<int64_t>());
    return Status::ok();
  }

 private:
  kernels::BoxFormat format_ = kernels::BoxFormat::kCorners;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(NonMaxSuppression, NonMaxSuppressionOp)
