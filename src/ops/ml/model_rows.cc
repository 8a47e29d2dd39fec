#include "ops/ml/model_rows.h"

namespace onyx::ops {

Status infer_model_rows(InferContext& ctx, DTypeSet element_types, const ModelRowOutputs& out,
                        const std::function<std::string(int64_t)>& feature_problem) {
  ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, element_types));
  const ValueType& x = ctx.input(0);
  ValueType& first = ctx.output(0);
  first = ValueType();
  if (out.classifier) {
    first.dtype = out.string_labels ? DType::kString : DType::kInt64;
    if (ctx.num_outputs() > 1) {
      ctx.output(1) = ValueType();
      ctx.output(1).dtype = DType::kFloat32;
    }
  } else {
    first.dtype = DType::kFloat32;
  }
  if (!x.has_shape) return Status::ok();
  if (x.rank() != 1 && x.rank() != 2) return ctx.input_error(0, "must be [F] or [N, F]");
  if (dim_known(x.dims.back())) {
    const std::string problem = feature_problem(x.dims.back());
    if (!problem.empty()) return ctx.input_error(0, problem);
  }
  const int64_t rows = x.rank() == 2 ? x.dims[0] : 1;
  ValueType& scores = out.classifier ? ctx.output(1) : first;
  if (out.classifier) {
    first.has_shape = true;
    first.dims = {rows};
    if (ctx.num_outputs() < 2) return Status::ok();
  }
  scores.has_shape = true;
  scores.dims = {rows, out.score_width};
  return Status::ok();
}

std::function<std::string(int64_t)> features_equal(int64_t expected, const std::string& what) {
  return [expected, what](int64_t f) -> std::string {
    if (f == expected) return "";
    return "has " + std::to_string(f) + " features, " + what + " " + std::to_string(expected);
  };
}

}  // namespace onyx::ops
