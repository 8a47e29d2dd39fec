// Pad: pads (positive) or crops (negative) every axis.
//   opset 1:     `paddings` attribute, `value` float attribute, `mode`.
//   opset 2-10:  `pads` attribute [b_0..b_{r-1}, e_0..e_{r-1}], `value` float attribute, `mode`.
//   opset 11+:   pads = int64 input 1; optional constant_value input 2 (scalar, data's dtype).
//   opset 18+:   optional axes input 3 (int32/int64; pads then holds 2 * len(axes) entries).
//   mode: "constant" (default), "reflect", "edge"; "wrap" from opset 19.
// Negative pads crop first, positive pads then extend the cropped array (as the ONNX reference
// does). Non-constant modes cannot pad an axis that is empty after cropping.
#include <cstring>

#include "base/half.h"
#include "kernels/pad.h"
#include "ops/common/dim_expr.h"
#include "ops/common/int_inputs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

using kernels::PadMode;

// Expands pads given for `axes` (or all axes when absent) to 2 * rank entries.
std::string expand_pads(const std::vector<int64_t>& pads,
                        const std::optional<std::vector<int64_t>>& axes, int64_t rank,
                        std::vector<int64_t>* full) {
  full->assign(static_cast<size_t>(2 * rank), 0);
  if (!axes) {
    if (static_cast<int64_t>(pads.size()) != 2 * rank)
      return "pads has " + std::to_string(pads.size()) +
             " entries, expected 2 * rank = " + std::to_string(2 * rank);
    *full = pads;
    return "";
  }
  std::vector<int64_t> normalized = *axes;
  std::string err = normalize_axes(&normalized, rank);
  if (!err.empty()) return "axes: " + err;
  if (pads.size() != 2 * normalized.size())
    return "pads has " + std::to_string(pads.size()) +
           " entries, expected 2 * len(axes) = " + std::to_string(2 * normalized.size());
  const size_t n = normalized.size();
  for (size_t k = 0; k < n; ++k) {
    (*full)[normalized[k]] = pads[k];
    (*full)[rank + normalized[k]] = pads[n + k];
  }
  return "";
}

// Output dims for input dims (may be unknown/symbolic). "" on success, else a message.
std::string padded_dims(const Shape& dims, const std::vector<int64_t>& pads, PadMode mode,
                        Shape* out) {
  const size_t rank = dims.size();
  out->assign(rank, kUnknownDim);
  for (size_t a = 0; a < rank; ++a) {
    const int64_t b = pads[a], e = pads[rank + a], d = dims[a];
    if (b == 0 && e == 0) {
      (*out)[a] = d;
      continue;
    }
    if (!dim_known(d)) {  // symbolic: d + b + e (assuming d is larger than any crop)
      (*out)[a] = b + e >= 0 ? dim_add(d, b + e) : dim_sub(d, -(b + e));
      continue;
    }
    const int64_t kept = d - std::max<int64_t>(0, -b) - std::max<int64_t>(0, -e);
    if (kept < 0)
      return "pads crop " + std::to_string(d - kept) + " elements from axis " + std::to_string(a) +
             " of size " + std::to_string(d);
    if (mode != PadMode::kConstant && kept == 0 && (b > 0 || e > 0))
      return "axis " + std::to_string(a) + " is empty, so it cannot be padded in a mode that " +
             "copies input values";
    (*out)[a] = d + b + e;
  }
  return "";
}

// Writes `v` converted to `dtype` into dst (at most 16 bytes). False for unsupported dtypes.
bool float_to_element(float v, DType dtype, void* dst) {
  auto put = [dst](auto x) { std::memcpy(dst, &x, sizeof(x)); };
  switch (dtype) {
    case DType::kFloat32:
      put(v);
      return true;
    case DType::kFloat64:
      put(static_cast<double>(v));
      return true;
    case DType::kFloat16:
      put(float_to_half(v));
      return true;
    case DType::kBFloat16:
      put(float_to_bf16(v));
      return true;
    case DType::kInt8:
      put(static_cast<int8_t>(v));
      return true;
    case DType::kInt16:
      put(static_cast<int16_t>(v));
      return true;
    case DType::kInt32:
      put(static_cast<int32_t>(v));
      return true;
    case DType::kInt64:
      put(static_cast<int64_t>(v));
      return true;
    case DType::kUInt8:
      put(static_cast<uint8_t>(v));
      return true;
    case DType::kUInt16:
      put(static_cast<uint16_t>(v));
      return true;
    case DType::kUInt32:
      put(static_cast<uint32_t>(v));
      return true;
    case DType::kUInt64:
      put(static_cast<uint64_t>(v));
      return true;
    case DType::kBool:
      put(static_cast<bool>(v != 0.0f));
      return true;
    default:
      return false;
  }
}

class PadOp final : public OpKernel {
 public:
  // Element types: any element type; strings only from opset 11 (no attribute value).
  static constexpr DTypeSet kElementTypes = dtype_set<types::All>();

  Status init(const InitContext& ctx) override {
    const std::string mode = ctx.node().attr_string("mode", "constant");
    if (mode == "constant")
      mode_ = PadMode::kConstant;
    else if (mode == "reflect")
      mode_ = PadMode::kReflect;
    else if (mode == "edge")
      mode_ = PadMode::kEdge;
    else if (mode == "wrap" && ctx.opset() >= 19)
      mode_ = PadMode::kWrap;
    else
      return ctx.error("unsupported mode \"" + mode + "\" (supported: constant, reflect, edge" +
                       (ctx.opset() >= 19 ? ", wrap)" : "; wrap needs opset 19)"));
    if (ctx.opset() < 11) {
      const char* name = ctx.opset() < 2 ? "paddings" : "pads";
      if (!ctx.node().has_attr(name))
        return ctx.error(std::string("missing required attribute '") + name + "'");
      attr_pads_ = ctx.node().attr_ints(name);
      attr_value_ = ctx.node().attr_float("value", 0.0f);
    }
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const ValueType& x = ctx.input(0);
    std::optional<std::vector<int64_t>> pads = attr_pads_;
    std::optional<std::vector<int64_t>> axes;
    bool axes_pending = false;  // axes input present but not constant
    if (ctx.opset() < 11) {
      ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
      unsigned char probe[16];
      if (!float_to_element(0.0f, x.dtype, probe))
        return ctx.input_error(0, std::string("element type ") + dtype_name(x.dtype) +
                                      " is not supported by Pad before opset 11");
    } else {
      ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, ctx.opset() >= 18 ? 4 : 3));
      ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt64}));
      const ValueType& p = ctx.input(1);
      if (p.has_shape && p.rank() != 1)
        return ctx.input_error(1, "pads must be 1-D, got rank " + std::to_string(p.rank()));
      pads = p.int_values();
      if (ctx.has_input(2)) {
        const ValueType& v = ctx.input(2);
        if (v.dtype != x.dtype)
          return ctx.input_error(2, std::string("constant_value has element type ") +
                                        dtype_name(v.dtype) + ", data has " + dtype_name(x.dtype));
        if (v.fully_known() && shape_numel(v.dims) != 1)
          return ctx.input_error(
              2, "constant_value must hold one element, got shape " + dims_to_string(v.dims));
      }
      if (ctx.has_input(3)) {
        ONYX_RETURN_IF_ERROR(ctx.expect_dtype(3, {DType::kInt64, DType::kInt32}));
        axes = ctx.input(3).int_values();
        axes_pending = !axes;
      }
    }
    ValueType& out = ctx.output(0);
    out = ValueType();
    out.dtype = x.dtype;
    if (!x.has_shape) return Status::ok();
    out.has_shape = true;
    out.dims.assign(x.dims.size(), kUnknownDim);
    if (!pads || axes_pending) return Status::ok();
    std::vector<int64_t> full;
    std::string err = expand_pads(*pads, axes, x.rank(), &full);
    if (err.empty()) err = padded_dims(x.dims, full, mode_, &out.dims);
    if (!err.empty()) return ctx.input_error(ctx.opset() < 11 ? 0 : 1, err);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    std::optional<std::vector<int64_t>> pads = attr_pads_, axes;
    if (!attr_pads_) {
      pads = tensor_int_values(ctx.input(1));
      if (ctx.has_input(3)) axes = tensor_int_values(ctx.input(3));
      if (!pads || (ctx.has_input(3) && !axes)) return ctx.error("pads/axes must be integers");
    }
    std::vector<int64_t> full;
    Shape out_dims;
    std::string err = expand_pads(*pads, axes, x.rank(), &full);
    if (err.empty()) err = padded_dims(x.shape(), full, mode_, &out_dims);
    if (!err.empty()) return ctx.error(err);
    if (!ctx.output(0).defined()) ctx.allocate_output(0, x.dtype(), out_dims);
    Tensor& y = ctx.output(0);
    const bool has_value = !attr_pads_ && ctx.has_input(2) && ctx.input(2).numel() > 0;
    if (x.dtype() == DType::kString) {
      const std::string value = has_value ? ctx.input(2).data<std::string>()[0] : std::string();
      kernels::pad_strings(x.data<std::string>(), y.data<std::string>(), x.shape(), full, mode_,
                           value);
      return Status::ok();
    }
    alignas(16) unsigned char value[16] = {};
    if (attr_pads_)
      float_to_element(attr_value_, x.dtype(), value);
    else if (has_value)
      std::memcpy(value, ctx.input(2).raw_data(), dtype_size(x.dtype()));
    kernels::pad(x.raw_data(), y.raw_data(), dtype_size(x.dtype()), x.shape(), full, mode_, value,
                 ctx.pool());
    return Status::ok();
  }

 private:
  PadMode mode_ = PadMode::kConstant;
  std::optional<std::vector<int64_t>> attr_pads_;  // before opset 11
  float attr_value_ = 0.0f;                        // before opset 11
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Pad, PadOp)
