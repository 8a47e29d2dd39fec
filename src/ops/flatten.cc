// Flatten: reshapes to 2-D [prod(dims[:axis]), prod(dims[axis:])]. A pure view
// (ops/common/view_op.h).
// axis: default 1, in [0, rank] before opset 11; negative values (counting from the end, range
// [-rank, rank]) are allowed from opset 11.
#include "ops/common/dim_expr.h"
#include "ops/common/int_inputs.h"
#include "ops/common/view_op.h"

namespace onyx::ops {
namespace {

class FlattenOp final : public ViewOp {
 public:
  Status init(const InitContext& ctx) override {
    axis_ = ctx.node().attr_int("axis", 1);
    if (ctx.opset() < 11 && axis_ < 0)
      return ctx.error("axis " + std::to_string(axis_) +
                       " is negative; negative axes need opset 11 or later");
    return Status::ok();
  }

 protected:
  Status output_shape(InferContext& ctx, ValueType& out) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    const ValueType& x = ctx.input(0);
    out.has_shape = true;
    out.dims = {kUnknownDim, kUnknownDim};
    if (!x.has_shape) return Status::ok();
    const int64_t rank = x.rank();
    if (axis_ < -rank || axis_ > rank)
      return ctx.input_error(0, "axis " + std::to_string(axis_) + " is out of range for rank " +
                                    std::to_string(rank) + " (valid: " + std::to_string(-rank) +
                                    ".." + std::to_string(rank) + ")");
    const size_t axis = static_cast<size_t>(axis_ < 0 ? axis_ + rank : axis_);
    int64_t outer = 1, inner = 1;  // products, symbolic ones kept (batch*seq)
    for (size_t i = 0; i < x.dims.size(); ++i)
      (i < axis ? outer : inner) = dim_mul(i < axis ? outer : inner, x.dims[i]);
    out.dims = {outer, inner};
    return Status::ok();
  }

 private:
  int64_t axis_ = 1;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Flatten, FlattenOp)
