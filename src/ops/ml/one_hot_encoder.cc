// OneHotEncoder (ai.onnx.ml opset 1): Y = X.shape + [K] floats, Y[..., k] = 1 where X's element
// is the k-th category, else 0.
//   cats_int64s (for int64, int32, float and double X; floats must equal the integer exactly) or
//   cats_strings (for string X). zeros (default 1): an element matching no category gives an
//   all-zero row; with zeros = 0 it is a run-time error naming the value.
#include <cmath>
#include <unordered_map>

#include "ops/op.h"

namespace onyx::ops {
namespace {

using EncoderTypes = TypeList<std::string, int64_t, int32_t, float, double>;

class OneHotEncoderOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<EncoderTypes>();

  Status init(const InitContext& ctx) override {
    const ir::Node& n = ctx.node();
    string_cats_ = n.has_attr("cats_strings");
    if (string_cats_ == n.has_attr("cats_int64s"))
      return ctx.error("exactly one of cats_int64s and cats_strings is required");
    if (string_cats_) {
      for (const std::string& s : n.attr_strings("cats_strings"))
        str_index_.emplace(s, static_cast<int64_t>(str_index_.size()));
      count_ = static_cast<int64_t>(n.attr_strings("cats_strings").size());
    } else {
      const std::vector<int64_t> cats = n.attr_ints("cats_int64s");
      for (size_t i = 0; i < cats.size(); ++i) int_index_.emplace(cats[i], static_cast<int64_t>(i));
      count_ = static_cast<int64_t>(cats.size());
    }
    zeros_ = n.attr_int("zeros", 1) != 0;
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const ValueType& x = ctx.input(0);
    if ((x.dtype == DType::kString) != string_cats_)
      return ctx.input_error(
          0, string_cats_ ? "must be string for cats_strings" : "must be numeric for cats_int64s");
    ctx.output(0) = x.type_only();
    ctx.output(0).dtype = DType::kFloat32;
    if (x.has_shape) ctx.output(0).dims.push_back(count_);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    float* y = ctx.output(0).data<float>();
    std::fill(y, y + x.numel() * count_, 0.0f);
    std::string bad;
    visit_dtype<EncoderTypes>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      for (int64_t i = 0; i < x.numel() && bad.empty(); ++i) {
        const T& v = x.data<T>()[i];
        int64_t k = -1;
        if constexpr (std::is_same_v<T, std::string>) {
          auto it = str_index_.find(v);
          if (it != str_index_.end()) k = it->second;
          if (k < 0 && !zeros_) bad = "'" + v + "'";
        } else {
          bool whole = true;
          if constexpr (std::is_floating_point_v<T>) whole = std::isfinite(v) && std::abs(v) < 9e18;
          const int64_t as_int = whole ? static_cast<int64_t>(v) : 0;
          if (whole && static_cast<T>(as_int) == v) {
            auto it = int_index_.find(as_int);
            if (it != int_index_.end()) k = it->second;
          }
          if (k < 0 && !zeros_) bad = std::to_string(v);
        }
        if (k >= 0) y[i * count_ + k] = 1.0f;
      }
    });
    if (!bad.empty()) return ctx.error("value " + bad + " is not a category (zeros = 0)");
    return Status::ok();
  }

 private:
  bool string_cats_ = false;
  bool zeros_ = true;
  int64_t count_ = 0;
  std::unordered_map<std::string, int64_t> str_index_;
  std::unordered_map<int64_t, int64_t> int_index_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(OneHotEncoder, OneHotEncoderOp)
