#include "ops/common/unary_common.h"

namespace onyx::ops {

Status infer_unary(InferContext& ctx, DTypeSet allowed, DType output_dtype) {
  ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, allowed));
  ctx.output(0) = ctx.input(0).type_only();
  if (output_dtype != DType::kUndefined) ctx.output(0).dtype = output_dtype;
  return Status::ok();
}

}  // namespace onyx::ops
