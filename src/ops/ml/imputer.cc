// Imputer (ai.onnx.ml opset 1): replaces missing values of X with imputed ones; same shape and
// type as X.
//   float/double X: elements equal to replaced_value_float (default 0; NaN means "is NaN") take
//   imputed_value_floats. int64/int32 X: elements equal to replaced_value_int64 (default 0) take
//   imputed_value_int64s. The imputed values hold one value for all, or one per entry of X's last
//   axis.
#include <cmath>

#include "ops/op.h"

namespace onyx::ops {
namespace {

using ImputerTypes = TypeList<float, double, int64_t, int32_t>;

class ImputerOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<ImputerTypes>();

  Status init(const InitContext& ctx) override {
    const ir::Node& n = ctx.node();
    for (float f : n.attr_floats("imputed_value_floats")) float_values_.push_back(f);
    int_values_ = n.attr_ints("imputed_value_int64s");
    replaced_float_ = n.attr_float("replaced_value_float", 0.0f);
    replaced_int_ = n.attr_int("replaced_value_int64", 0);
    if (float_values_.empty() == int_values_.empty())
      return ctx.error("exactly one of imputed_value_floats and imputed_value_int64s is required");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const ValueType& x = ctx.input(0);
    const bool is_float = x.dtype == DType::kFloat32 || x.dtype == DType::kFloat64;
    if (is_float == float_values_.empty())
      return ctx.input_error(0, std::string("a ") + dtype_name(x.dtype) + " input needs " +
                                    (is_float ? "imputed_value_floats" : "imputed_value_int64s"));
    const size_t count = is_float ? float_values_.size() : int_values_.size();
    if (x.has_shape && x.rank() > 0 && dim_known(x.dims.back()) && count != 1 &&
        static_cast<int64_t>(count) != x.dims.back())
      return ctx.error("the imputed values need 1 or " + std::to_string(x.dims.back()) +
                       " entries (X's last axis), got " + std::to_string(count));
    ctx.output(0) = x.type_only();
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    const int64_t c = x.rank() > 0 ? x.dim(x.rank() - 1) : 1;
    const size_t count = float_values_.empty() ? int_values_.size() : float_values_.size();
    if (count != 1 && static_cast<int64_t>(count) != c)
      return ctx.error("the imputed values need 1 or " + std::to_string(c) + " entries");
    visit_dtype<ImputerTypes>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* in = x.data<T>();
      T* out = y.data<T>();
      for (int64_t i = 0; i < x.numel(); ++i) {
        const size_t j = count == 1 || c == 0 ? 0 : static_cast<size_t>(i % c);
        if constexpr (std::is_floating_point_v<T>) {
          const bool missing = std::isnan(replaced_float_)
                                   ? std::isnan(in[i])
                                   : in[i] == static_cast<T>(replaced_float_);
          out[i] = missing ? static_cast<T>(float_values_[j]) : in[i];
        } else {
          out[i] =
              static_cast<int64_t>(in[i]) == replaced_int_ ? static_cast<T>(int_values_[j]) : in[i];
        }
      }
    });
    return Status::ok();
  }

 private:
  std::vector<double> float_values_;
  std::vector<int64_t> int_values_;
  float replaced_float_ = 0;
  int64_t replaced_int_ = 0;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Imputer, ImputerOp)
