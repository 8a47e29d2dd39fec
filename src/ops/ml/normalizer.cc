// Normalizer (ai.onnx.ml opset 1): divides each row of X by its norm, float output.
//   X: [C] or [N, C] of float, double, int64 or int32. norm: "MAX" (the row's largest value),
//   "L1" (sum of |x|) or "L2" (sqrt of the sum of squares). A row whose norm is 0 is written
//   unchanged. Computed in double, rounded to float.
#include <algorithm>
#include <cmath>

#include "ops/op.h"

namespace onyx::ops {
namespace {

using NormalizerTypes = TypeList<float, double, int64_t, int32_t>;

class NormalizerOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<NormalizerTypes>();

  Status init(const InitContext& ctx) override {
    const std::string norm = ctx.node().attr_string("norm", "MAX");
    if (norm == "MAX")
      norm_ = Norm::kMax;
    else if (norm == "L1")
      norm_ = Norm::kL1;
    else if (norm == "L2")
      norm_ = Norm::kL2;
    else
      return ctx.error("norm must be MAX, L1 or L2, got '" + norm + "'");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const ValueType& x = ctx.input(0);
    if (x.has_shape && x.rank() != 1 && x.rank() != 2)
      return ctx.input_error(0, "must be 1-D [C] or 2-D [N, C]");
    ctx.output(0) = x.type_only();
    ctx.output(0).dtype = DType::kFloat32;
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const int64_t c = x.dim(x.rank() - 1);
    const int64_t rows = c ? x.numel() / c : 0;
    float* y = ctx.output(0).data<float>();
    std::vector<double> row(static_cast<size_t>(c));
    visit_dtype<NormalizerTypes>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      for (int64_t r = 0; r < rows; ++r) {
        double norm = norm_ == Norm::kMax ? -INFINITY : 0.0;
        for (int64_t j = 0; j < c; ++j) {
          const double v = static_cast<double>(x.data<T>()[r * c + j]);
          row[static_cast<size_t>(j)] = v;
          norm = norm_ == Norm::kMax  ? std::max(norm, v)
                 : norm_ == Norm::kL1 ? norm + std::abs(v)
                                      : norm + v * v;
        }
        if (norm_ == Norm::kL2) norm = std::sqrt(norm);
        for (int64_t j = 0; j < c; ++j) {
          const double v = row[static_cast<size_t>(j)];
          y[r * c + j] = static_cast<float>(norm != 0 ? v / norm : v);
        }
      }
    });
    return Status::ok();
  }

 private:
  enum class Norm { kMax, kL1, kL2 };
  Norm norm_ = Norm::kMax;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Normalizer, NormalizerOp)
