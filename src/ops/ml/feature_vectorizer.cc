// FeatureVectorizer (ai.onnx.ml opset 1): concatenates the rows of its inputs into one float
// feature row. Inputs X_i: [N, C_i] (or [C_i], one row) of int32, int64, float or double, all
// with the same N. inputdimensions: D_i per input; Y: [N, sum D_i], where input i fills D_i
// columns with its first min(C_i, D_i) values and zeros after them.
#include <algorithm>

#include "ops/op.h"

namespace onyx::ops {
namespace {

using VectorizerTypes = TypeList<int32_t, int64_t, float, double>;

class FeatureVectorizerOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<VectorizerTypes>();

  Status init(const InitContext& ctx) override {
    dims_ = ctx.node().attr_ints("inputdimensions");
    for (int64_t d : dims_) {
      if (d < 0) return ctx.error("inputdimensions entries must be >= 0");
      width_ += d;
    }
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    const int inputs = static_cast<int>(dims_.size());
    if (inputs == 0) return ctx.error("inputdimensions is required");
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(inputs, inputs));
    int64_t rows = kUnknownDim;
    for (int i = 0; i < inputs; ++i) {
      ONYX_RETURN_IF_ERROR(ctx.expect_dtype(i, kElementTypes));
      const ValueType& x = ctx.input(i);
      if (!x.has_shape) continue;
      if (x.rank() != 1 && x.rank() != 2) return ctx.input_error(i, "must be [C] or [N, C]");
      const int64_t n = x.rank() == 2 ? x.dims[0] : 1;
      if (dim_known(n) && dim_known(rows) && n != rows)
        return ctx.input_error(
            i, "has " + std::to_string(n) + " rows, input 0 " + std::to_string(rows));
      if (dim_known(n)) rows = n;
    }
    ctx.output(0) = ValueType::tensor(DType::kFloat32, {rows, width_});
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    Tensor& y = ctx.output(0);
    const int64_t rows = y.dim(0);
    float* out = y.data<float>();
    std::fill(out, out + y.numel(), 0.0f);
    int64_t column = 0;
    for (size_t i = 0; i < dims_.size(); ++i) {
      const Tensor& x = ctx.input(static_cast<int>(i));
      const int64_t n = x.rank() == 2 ? x.dim(0) : 1;
      if (n != rows)
        return ctx.error("input " + std::to_string(i) + " has " + std::to_string(n) +
                         " rows, want " + std::to_string(rows));
      const int64_t c = x.dim(x.rank() - 1);
      const int64_t take = std::min(c, dims_[i]);
      visit_dtype<VectorizerTypes>(x.dtype(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        for (int64_t r = 0; r < rows; ++r)
          for (int64_t j = 0; j < take; ++j)
            out[r * width_ + column + j] = static_cast<float>(x.data<T>()[r * c + j]);
      });
      column += dims_[i];
    }
    return Status::ok();
  }

 private:
  std::vector<int64_t> dims_;
  int64_t width_ = 0;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(FeatureVectorizer, FeatureVectorizerOp)
