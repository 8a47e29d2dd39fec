// CastLike (opset 15; 19 adds float8 types and `saturate`; 21+ 4-bit types; 25 int2/uint2,
// float8e8m0 and `round_mode`): Cast of input 0 to
// the element type of input 1 (whose values are ignored). Conversion rules are in
// ops/common/cast_common.h; float8 saturate applies from opset 19 (default 1).
#include "ops/common/cast_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class CastLikeOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = kCastDTypes;

  Status init(const InitContext& ctx) override {
    saturate_ = ctx.opset() < 19 || ctx.node().attr_int("saturate", 1) != 0;
    return parse_e8m0_round_mode(ctx, &round_);
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 2));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, kElementTypes));
    ctx.output(0) = ctx.input(0).type_only();
    ctx.output(0).dtype = ctx.input(1).dtype;
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    Status s = cast_tensor(ctx.input(0), ctx.output(0), ctx.pool(), saturate_, round_);
    return s.is_ok() ? s : ctx.error(s.message());
  }

 private:
  bool saturate_ = true;                                // opset 19+: float8 targets only
  kernels::E8M0Round round_ = kernels::E8M0Round::kUp;  // opset 25: float8e8m0 targets only
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(CastLike, CastLikeOp)
