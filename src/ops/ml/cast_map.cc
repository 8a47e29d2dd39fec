// CastMap (ai.onnx.ml opset 1): a map(int64, string|float) to a [1, W] tensor, entries in key
// order.
//   cast_to: TO_FLOAT (default), TO_STRING or TO_INT64: the output element type.
//   map_form: DENSE (default): W = the number of entries, their values in increasing key order.
//             SPARSE: W = max_map (default 1); element k holds the value of key k, or the pad
//             value where the map has no key k (0; "0.f" for strings, as onnxruntime); keys >=
//             max_map are dropped and a negative key is an error.
// Conversions (as onnxruntime): float -> string prints 6 decimals ("1.500000"); float -> int64
// truncates (a non-finite or out-of-range float is an error); string -> float/int64 parses the
// whole string as a decimal number (anything else is an error naming the key).
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include "ops/ml/map_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class CastMapOp final : public OpKernel {
 public:
  // Value types of the input map.
  static constexpr DTypeSet kElementTypes = dtype_set<TypeList<float, std::string>>();

  Status init(const InitContext& ctx) override {
    const ir::Node& n = ctx.node();
    const std::string cast_to = n.attr_string("cast_to", "TO_FLOAT");
    if (cast_to == "TO_FLOAT")
      to_ = DType::kFloat32;
    else if (cast_to == "TO_STRING")
      to_ = DType::kString;
    else if (cast_to == "TO_INT64")
      to_ = DType::kInt64;
    else
      return ctx.error("cast_to must be TO_FLOAT, TO_STRING or TO_INT64, got '" + cast_to + "'");
    const std::string form = n.attr_string("map_form", "DENSE");
    if (form != "DENSE" && form != "SPARSE")
      return ctx.error("map_form must be DENSE or SPARSE, got '" + form + "'");
    sparse_ = form == "SPARSE";
    max_map_ = n.attr_int("max_map", 1);
    if (sparse_ && max_map_ <= 0) return ctx.error("max_map must be positive for map_form SPARSE");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_kind(0, ValueKind::kMap));
    const ValueType& m = ctx.input(0);
    if (m.map_key != DType::kInt64 || (m.dtype != DType::kString && m.dtype != DType::kFloat32))
      return ctx.input_error(
          0, "must be map(int64, tensor(string)) or map(int64, tensor(float)), got " +
                 m.type_string());
    ctx.output(0) = ValueType::tensor(to_, {1, sparse_ ? max_map_ : kUnknownDim});
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Value& m = ctx.input_value(0);
    std::vector<int64_t> order;
    std::string why;
    if (!map_entries_by_key(m, &order, &why)) return ctx.error(why);
    const int64_t* keys = m.map_keys().data<int64_t>();
    if (sparse_ && !order.empty() && keys[order[0]] < 0)
      return ctx.error("map_form SPARSE: negative key " + std::to_string(keys[order[0]]));
    const int64_t width = sparse_ ? max_map_ : static_cast<int64_t>(order.size());
    Tensor& y = ctx.output(0).defined() ? ctx.output(0) : ctx.allocate_output(0, to_, {1, width});
    for (int64_t i = 0; i < width; ++i) ONYX_RETURN_IF_ERROR(pad(y, i));
    for (size_t e = 0; e < order.size(); ++e) {
      const int64_t key = keys[order[e]];
      const int64_t slot = sparse_ ? key : static_cast<int64_t>(e);
      if (slot >= width) break;
      ONYX_RETURN_IF_ERROR(convert(ctx, m.map_values(), order[e], key, y, slot));
    }
    return Status::ok();
  }

  bool accepts_values() const override { return true; }

 private:
  Status pad(Tensor& y, int64_t i) const {
    if (to_ == DType::kString)
      y.data<std::string>()[i] = "0.f";
    else if (to_ == DType::kInt64)
      y.data<int64_t>()[i] = 0;
    else
      y.data<float>()[i] = 0.0f;
    return Status::ok();
  }

  // Converts values[entry] (of key `key`) into y[slot].
  Status convert(RunContext& ctx, const Tensor& values, int64_t entry, int64_t key, Tensor& y,
                 int64_t slot) const {
    if (values.dtype() == DType::kFloat32) {
      const float v = values.data<float>()[entry];
      if (to_ == DType::kFloat32) {
        y.data<float>()[slot] = v;
      } else if (to_ == DType::kString) {
        y.data<std::string>()[slot] = std::to_string(v);
      } else {
        if (!std::isfinite(v) || std::fabs(v) >= 9.2e18f)
          return ctx.error("value " + std::to_string(v) + " of key " + std::to_string(key) +
                           " does not fit int64");
        y.data<int64_t>()[slot] = static_cast<int64_t>(v);
      }
      return Status::ok();
    }
    const std::string& s = values.data<std::string>()[entry];
    if (to_ == DType::kString) {
      y.data<std::string>()[slot] = s;
      return Status::ok();
    }
    char* end = nullptr;
    errno = 0;
    if (to_ == DType::kInt64) {
      const long long v = std::strtoll(s.c_str(), &end, 10);
      if (s.empty() || *end != '\0' || errno == ERANGE)
        return ctx.error("value '" + s + "' of key " + std::to_string(key) + " is not an int64");
      y.data<int64_t>()[slot] = static_cast<int64_t>(v);
    } else {
      const float v = std::strtof(s.c_str(), &end);
      if (s.empty() || *end != '\0')
        return ctx.error("value '" + s + "' of key " + std::to_string(key) + " is not a number");
      y.data<float>()[slot] = v;
    }
    return Status::ok();
  }

  DType to_ = DType::kFloat32;
  bool sparse_ = false;
  int64_t max_map_ = 1;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(CastMap, CastMapOp)
