// Cast: converts every element to the type given by attribute `to` (opset 1: a type name string
// such as "FLOAT"; opset 6+: a TensorProto.DataType number). 9 adds string; 13 bfloat16; 19 float8
// types and `saturate` (float8 targets only); 21+ 4-bit types; 25 int2/uint2, float8e8m0 and
// `round_mode` (float8e8m0 targets only). Conversion rules are in
// ops/common/cast_common.h. float8 saturate applies from opset 19 (default 1).
#include "ops/common/cast_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

// Opset 1's `to` strings.
DType dtype_from_name(const std::string& name) {
  static const std::pair<const char*, DType> kNames[] = {
      {"FLOAT", DType::kFloat32},   {"UINT8", DType::kUInt8},      {"INT8", DType::kInt8},
      {"UINT16", DType::kUInt16},   {"INT16", DType::kInt16},      {"INT32", DType::kInt32},
      {"INT64", DType::kInt64},     {"STRING", DType::kString},    {"BOOL", DType::kBool},
      {"FLOAT16", DType::kFloat16}, {"DOUBLE", DType::kFloat64},   {"UINT32", DType::kUInt32},
      {"UINT64", DType::kUInt64},   {"BFLOAT16", DType::kBFloat16}};
  for (const auto& [n, t] : kNames)
    if (name == n) return t;
  return DType::kUndefined;
}

class CastOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = kCastDTypes;

  Status init(const InitContext& ctx) override {
    const ir::Attribute* to = ctx.node().attr("to");
    if (to == nullptr) return ctx.error("attribute 'to' is required");
    to_ = to->type == ir::Attribute::Type::kString ? dtype_from_name(to->s)
                                                   : static_cast<DType>(to->i);
    if (to_ == DType::kUndefined) return ctx.error("attribute 'to' names no known element type");
    if (!kElementTypes.contains(to_))
      return ctx.not_implemented("cast to " + unsupported_dtype_message(to_, kElementTypes));
    saturate_ = ctx.opset() < 19 || ctx.node().attr_int("saturate", 1) != 0;
    return parse_e8m0_round_mode(ctx, &round_);
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ctx.output(0) = ctx.input(0).type_only();
    ctx.output(0).dtype = to_;
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    Status s = cast_tensor(ctx.input(0), ctx.output(0), ctx.pool(), saturate_, round_);
    return s.is_ok() ? s : ctx.error(s.message());
  }

 private:
  DType to_ = DType::kUndefined;
  bool saturate_ = true;                                // opset 19+: float8 targets only
  kernels::E8M0Round round_ = kernels::E8M0Round::kUp;  // opset 25: float8e8m0 targets only
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Cast, CastOp)
