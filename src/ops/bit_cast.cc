// BitCast (opset 26): reinterprets each element's bits as the type `to` of the same bit width;
// same shape, little-endian bytes. Every element type a Tensor holds except string.
// Storage notes: bool holds 0/1 (a non-zero byte becomes true); the 4-bit types are stored one per
// byte (int4 sign-extended), so their 4-bit codes are carried over (low nibble) and re-extended.
#include <cstring>

#include "ops/common/index_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

int bit_width(DType t) {
  if (t == DType::kInt4 || t == DType::kUInt4 || t == DType::kFloat4E2M1) return 4;
  return static_cast<int>(dtype_size(t)) * 8;
}

class BitCastOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = kMovableDTypes - DTypeSet{DType::kString};

  Status init(const InitContext& ctx) override {
    if (!ctx.node().has_attr("to")) return ctx.error("attribute 'to' is required");
    to_ = static_cast<DType>(ctx.node().attr_int("to", 0));
    if (!kElementTypes.contains(to_))
      return ctx.not_implemented("bitcast to " + unsupported_dtype_message(to_, kElementTypes));
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const DType from = ctx.input(0).dtype;
    if (bit_width(from) != bit_width(to_))
      return ctx.input_error(0, std::string("element type ") + dtype_name(from) + " (" +
                                    std::to_string(bit_width(from)) +
                                    " bits) differs in width from " + dtype_name(to_) + " (" +
                                    std::to_string(bit_width(to_)) + " bits)");
    ctx.output(0) = ctx.input(0).type_only();
    ctx.output(0).dtype = to_;
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    const auto* in = static_cast<const uint8_t*>(x.raw_data());
    auto* out = static_cast<uint8_t*>(y.raw_data());
    if (bit_width(to_) == 4) {
      for (int64_t i = 0; i < x.numel(); ++i) {
        const uint8_t code = in[i] & 0xF;
        out[i] = to_ == DType::kInt4 && (code & 0x8) ? static_cast<uint8_t>(code | 0xF0) : code;
      }
    } else if (to_ == DType::kBool) {
      for (int64_t i = 0; i < x.numel(); ++i) out[i] = in[i] != 0;
    } else if (out != in) {
      std::memcpy(out, in, x.nbytes());
    }
    return Status::ok();
  }

 private:
  DType to_ = DType::kUndefined;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(BitCast, BitCastOp)
