// BitCast (opset 26): reinterprets each element's bits as the type `to` of the same bit width;
// same shape, little-endian bytes. Every element type a Tensor holds except string.
// Storage notes: bool holds 0/1 (a non-zero byte becomes true); the 4-bit and 2-bit types are
// stored one per byte (signed ones sign-extended), so their codes are carried over (low bits) and
// re-extended.
#include <cstring>

#include "ops/common/cast_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

int bit_width(DType t) {
  if (t == DType::kInt4 || t == DType::kUInt4 || t == DType::kFloat4E2M1) return 4;
  if (t == DType::kInt2 || t == DType::kUInt2) return 2;
  return static_cast<int>(dtype_size(t)) * 8;
}

class BitCastOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = kCastDTypes - DTypeSet{DType::kString};

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
    if (const int bits = bit_width(to_); bits < 8) {
      const auto mask = static_cast<uint8_t>((1 << bits) - 1);
      const auto sign = static_cast<uint8_t>(1 << (bits - 1));
      const bool is_signed = to_ == DType::kInt4 || to_ == DType::kInt2;
      for (int64_t i = 0; i < x.numel(); ++i) {
        const auto code = static_cast<uint8_t>(in[i] & mask);
        out[i] = is_signed && (code & sign) ? static_cast<uint8_t>(code | ~mask) : code;
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
