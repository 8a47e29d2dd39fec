// Where: out = condition ? X : Y elementwise, the three inputs broadcast together (numpy rule).
// Since opset 9; opset 16 adds bfloat16. condition is bool; X and Y share any element type.
// The condition is first broadcast to the output shape in scratch memory unless already that
// shape. float32 then runs the SIMD select over the (X, Y) broadcast plan when X and Y alone give
// the output shape (kernels/binary_compare.h). Otherwise the output is filled in two broadcast
// passes: out = broadcast(X), then out = cond ? out : Y.
#include <cstring>

#include "kernels/binary_compare.h"
#include "ops/common/broadcast.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class WhereOp final : public OpKernel {
 public:
  using Types = types::All;
  static constexpr DTypeSet kElementTypes = dtype_set<Types>();

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(3, 3));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, {DType::kBool}));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(2, kElementTypes));
    if (ctx.input(1).dtype != ctx.input(2).dtype)
      return ctx.error(std::string("X and Y must have the same element type, got ") +
                       dtype_name(ctx.input(1).dtype) + " and " + dtype_name(ctx.input(2).dtype));
    ValueType out;
    const int all[] = {0, 1, 2};
    ONYX_RETURN_IF_ERROR(infer_broadcast_shape(ctx, all, &out));
    out.dtype = ctx.input(1).dtype;
    ctx.output(0) = std::move(out);
    return Status::ok();
  }

  Status prepare(PrepareContext& ctx) override {
    for (int i = 0; i < 3; ++i) planned_[i] = ctx.input(i).dims;
    plans_ = make_plans(planned_, ctx.output(0).dims);
    if (shape_numel(planned_[0]) != shape_numel(ctx.output(0).dims))
      ctx.request_scratch(static_cast<size_t>(shape_numel(ctx.output(0).dims)));
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& cond = ctx.input(0);
    const Tensor& x = ctx.input(1);
    const Tensor& y = ctx.input(2);
    Tensor& out = ctx.output(0);
    for (int i = 0; i < 3; ++i)
      if (ctx.input(i).shape() != planned_[i])
        return ctx.error("input " + std::to_string(i) + " has shape " +
                         shape_to_string(ctx.input(i).shape()) + ", prepared for " +
                         shape_to_string(planned_[i]));
    if (out.numel() == 0) return Status::ok();
    // The condition at the output's shape.
    const bool* c = cond.data<bool>();
    if (cond.numel() != out.numel()) {
      bool* expanded = static_cast<bool*>(ctx.scratch());
      kernels::broadcast_copy(plans_.cond, c, expanded, ctx.pool());
      c = expanded;
    }
    if (x.dtype() == DType::kFloat32 && plans_.xy_gives_output) {
      kernels::select_f32(plans_.xy, c, x.data<float>(), y.data<float>(), out.data<float>(),
                          ctx.pool());
      return Status::ok();
    }
    const bool ok = visit_dtype<Types>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      T* o = out.data<T>();
      kernels::broadcast_copy(plans_.x, x.data<T>(), o, ctx.pool());
      // Row callbacks see their output row; its offset indexes the expanded condition.
      const int64_t sy = plans_.y.b_step;
      kernels::for_each_broadcast_row(plans_.y, o, y.data<T>(), o, ctx.pool(),
                                      kernels::kElementwiseGrain,
                                      [&](const T*, const T* ry, T* ro, int64_t n) {
                                        const bool* rc = c + (ro - o);
                                        for (int64_t i = 0; i < n; ++i)
                                          if (!rc[i]) ro[i] = ry[i * sy];
                                      });
    });
    return ok ? Status::ok() : ctx.error(unsupported_dtype_message(x.dtype(), kElementTypes));
  }

 private:
  struct Plans {
    kernels::BroadcastPlan cond, x, y;  // each against the output shape
    bool xy_gives_output = false;       // broadcast(X, Y) is the output shape
    kernels::BroadcastPlan xy;          // (X, Y), when xy_gives_output
  };
  static Plans make_plans(const Shape (&in)[3], const Shape& out) {
    Plans p;
    p.cond = kernels::make_broadcast_plan(out, in[0]);
    p.x = kernels::make_broadcast_plan(out, in[1]);
    p.y = kernels::make_broadcast_plan(out, in[2]);
    Result<Shape> xy = broadcast_dims(in[1], in[2]);
    p.xy_gives_output = xy && *xy == out;
    if (p.xy_gives_output) p.xy = kernels::make_broadcast_plan(in[1], in[2]);
    return p;
  }

  Shape planned_[3];
  Plans plans_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Where, WhereOp)
