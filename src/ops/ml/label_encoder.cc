// LabelEncoder (ai.onnx.ml): maps each input element through a key -> value table, elements with
// no key get the default value. Output has the input's shape and the values' element type.
//   opset 1: classes_strings; string input -> int64 (position in classes_strings, default_int64
//            = -1) or int64 input -> string (classes_strings[x], default_string = "_Unused").
//   opset 2: keys_{strings,int64s,floats} and values_{strings,int64s,floats} (one of each);
//            default_string "_Unused", default_int64 -1, default_float -0.0.
//   opset 4: also keys_tensor / values_tensor / default_tensor (any of string, int64, int32,
//            int16, float, double); without default_tensor the default is as in opset 2 for the
//            value type (0 for int32/int16, -0.0 for double). NaN keys match NaN inputs.
#include <cmath>
#include <map>
#include <unordered_map>

#include "ops/common/dtype_visit.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

using KeyTypes = TypeList<std::string, int64_t, int32_t, int16_t, float, double>;

// One element of `t` at `i` as the key lookup sees it.
template <class T>
auto key_of(const T& v) {
  if constexpr (std::is_same_v<T, std::string>)
    return v;
  else if constexpr (std::is_integral_v<T>)
    return static_cast<int64_t>(v);
  else
    return static_cast<double>(v);
}

void copy_element(const Tensor& src, int64_t i, Tensor& dst, int64_t j) {
  visit_dtype<KeyTypes>(src.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    dst.data<T>()[j] = src.data<T>()[i];
  });
}

class LabelEncoderOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<KeyTypes>();

  Status init(const InitContext& ctx) override {
    const ir::Node& n = ctx.node();
    if (ctx.opset() < 2) {
      std::vector<std::string> classes = n.attr_strings("classes_strings");
      classes_ = Tensor::from_vector<std::string>({static_cast<int64_t>(classes.size())}, classes);
      default_int_ = n.attr_int("default_int64", -1);
      default_str_ = n.attr_string("default_string", "_Unused");
      return Status::ok();
    }
    ONYX_ASSIGN_OR_RETURN(keys_, read_table(ctx, "keys"));
    ONYX_ASSIGN_OR_RETURN(values_, read_table(ctx, "values"));
    if (keys_.numel() != values_.numel())
      return ctx.error("keys and values have different lengths (" + std::to_string(keys_.numel()) +
                       " vs " + std::to_string(values_.numel()) + ")");
    if (const ir::Attribute* d = n.attr("default_tensor")) {
      if (ctx.opset() < 4) return ctx.error("default_tensor needs ai.onnx.ml opset 4");
      if (d->t.dtype() != values_.dtype() || d->t.numel() != 1)
        return ctx.error("default_tensor must hold one element of the values' type");
      default_ = d->t;
    } else {
      default_ = Tensor::empty(values_.dtype(), {1});
      switch (values_.dtype()) {
        case DType::kString:
          default_.data<std::string>()[0] = n.attr_string("default_string", "_Unused");
          break;
        case DType::kInt64:
          default_.data<int64_t>()[0] = n.attr_int("default_int64", -1);
          break;
        case DType::kFloat32:
          default_.data<float>()[0] = n.attr_float("default_float", -0.0f);
          break;
        case DType::kFloat64:
          default_.data<double>()[0] = -0.0;
          break;
        default:
          break;  // int32/int16: 0
      }
    }
    visit_dtype<KeyTypes>(keys_.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      for (int64_t i = 0; i < keys_.numel(); ++i) {
        auto k = key_of(keys_.data<T>()[i]);
        if constexpr (std::is_same_v<decltype(k), std::string>)
          str_index_.emplace(k, i);
        else if constexpr (std::is_same_v<decltype(k), int64_t>)
          int_index_.emplace(k, i);
        else if (std::isnan(k))
          nan_index_ = i;
        else
          float_index_.emplace(k, i);
      }
    });
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    const ValueType& x = ctx.input(0);
    ctx.output(0) = x.type_only();
    if (classes_.defined()) {
      ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, {DType::kString, DType::kInt64}));
      ctx.output(0).dtype = x.dtype == DType::kString ? DType::kInt64 : DType::kString;
      return Status::ok();
    }
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, {keys_.dtype()}));
    ctx.output(0).dtype = values_.dtype();
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    if (classes_.defined()) {
      run_classes(x, y);
      return Status::ok();
    }
    visit_dtype<KeyTypes>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      for (int64_t i = 0; i < x.numel(); ++i) {
        const int64_t hit = find(key_of(x.data<T>()[i]));
        if (hit >= 0)
          copy_element(values_, hit, y, i);
        else
          copy_element(default_, 0, y, i);
      }
    });
    return Status::ok();
  }

 private:
  // keys_* / values_* of opset 2 or the *_tensor form of opset 4, as a 1-D tensor.
  static Result<Tensor> read_table(const InitContext& ctx, const std::string& prefix) {
    const ir::Node& n = ctx.node();
    std::vector<Tensor> found;
    if (n.has_attr(prefix + "_strings")) {
      std::vector<std::string> v = n.attr_strings(prefix + "_strings");
      found.push_back(Tensor::from_vector<std::string>({static_cast<int64_t>(v.size())}, v));
    }
    if (n.has_attr(prefix + "_int64s")) {
      std::vector<int64_t> v = n.attr_ints(prefix + "_int64s");
      found.push_back(Tensor::from_vector<int64_t>({static_cast<int64_t>(v.size())}, v));
    }
    if (n.has_attr(prefix + "_floats")) {
      std::vector<float> v = n.attr_floats(prefix + "_floats");
      found.push_back(Tensor::from_vector<float>({static_cast<int64_t>(v.size())}, v));
    }
    if (const ir::Attribute* a = n.attr(prefix + "_tensor")) {
      if (ctx.opset() < 4) return ctx.error(prefix + "_tensor needs ai.onnx.ml opset 4");
      if (!kElementTypes.contains(a->t.dtype()))
        return ctx.error(prefix +
                         "_tensor: " + unsupported_dtype_message(a->t.dtype(), kElementTypes));
      found.push_back(a->t.reshaped({a->t.numel()}));
    }
    if (found.size() != 1)
      return ctx.error("exactly one of " + prefix + "_strings, " + prefix + "_int64s, " + prefix +
                       "_floats, " + prefix + "_tensor must be given (got " +
                       std::to_string(found.size()) + ")");
    return found[0];
  }

  int64_t find(const std::string& k) const {
    auto it = str_index_.find(k);
    return it == str_index_.end() ? -1 : it->second;
  }
  int64_t find(int64_t k) const {
    auto it = int_index_.find(k);
    return it == int_index_.end() ? -1 : it->second;
  }
  int64_t find(double k) const {
    if (std::isnan(k)) return nan_index_;
    auto it = float_index_.find(k);
    return it == float_index_.end() ? -1 : it->second;
  }

  // Opset 1: string -> position in classes_strings, int64 -> classes_strings[x].
  void run_classes(const Tensor& x, Tensor& y) const {
    const std::string* classes = classes_.data<std::string>();
    if (x.dtype() == DType::kString) {
      for (int64_t i = 0; i < x.numel(); ++i) {
        int64_t hit = default_int_;
        for (int64_t c = 0; c < classes_.numel(); ++c)
          if (classes[c] == x.data<std::string>()[i]) {
            hit = c;
            break;
          }
        y.data<int64_t>()[i] = hit;
      }
      return;
    }
    for (int64_t i = 0; i < x.numel(); ++i) {
      const int64_t c = x.data<int64_t>()[i];
      y.data<std::string>()[i] = c >= 0 && c < classes_.numel() ? classes[c] : default_str_;
    }
  }

  Tensor keys_, values_, default_;  // opset >= 2: keys/values 1-D, default one element
  std::unordered_map<std::string, int64_t> str_index_;
  std::unordered_map<int64_t, int64_t> int_index_;
  std::map<double, int64_t> float_index_;
  int64_t nan_index_ = -1;
  Tensor classes_;  // opset 1
  int64_t default_int_ = -1;
  std::string default_str_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(LabelEncoder, LabelEncoderOp)
