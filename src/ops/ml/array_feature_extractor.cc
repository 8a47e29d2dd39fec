// ArrayFeatureExtractor (ai.onnx.ml opset 1): selects entries of X's last axis.
//   X: [..., N] (float, double, int64, int32, string); Y: int64 indices in [0, N), any shape,
//   used flattened. Z: X.shape[:-1] + [numel(Y)], Z[..., j] = X[..., Y[j]].
// An index outside [0, N) is a run-time error (negative indices are not accepted, as in the spec).
#include "ops/common/index_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

using FeatureTypes = TypeList<float, double, int64_t, int32_t, std::string>;

class ArrayFeatureExtractorOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<FeatureTypes>();

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 2));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt64}));
    const ValueType& x = ctx.input(0);
    const ValueType& y = ctx.input(1);
    ctx.output(0) = ValueType();
    ctx.output(0).dtype = x.dtype;
    if (!x.has_shape) return Status::ok();
    if (x.rank() == 0) return ctx.input_error(0, "must have rank >= 1");
    Shape dims(x.dims.begin(), x.dims.end() - 1);
    int64_t count = y.has_shape ? 1 : kUnknownDim;
    if (y.has_shape)
      for (int64_t d : y.dims) count = dim_known(d) && dim_known(count) ? count * d : kUnknownDim;
    dims.push_back(count);
    ctx.output(0).has_shape = true;
    ctx.output(0).dims = std::move(dims);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const Tensor& idx = ctx.input(1);
    const int64_t n = x.dim(x.rank() - 1);
    const int64_t rows = n ? x.numel() / n : 0;
    const int64_t k = idx.numel();
    const int64_t* sel = idx.data<int64_t>();
    for (int64_t j = 0; j < k; ++j)
      if (sel[j] < 0 || sel[j] >= n)
        return ctx.error("index " + std::to_string(sel[j]) + " at position " + std::to_string(j) +
                         " is out of range [0, " + std::to_string(n) + ")");
    Shape dims(x.shape().begin(), x.shape().end() - 1);
    dims.push_back(k);
    Tensor& z = output_of_shape(ctx, 0, x.dtype(), dims);
    visit_dtype<FeatureTypes>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t j = 0; j < k; ++j) z.data<T>()[r * k + j] = x.data<T>()[r * n + sel[j]];
    });
    return Status::ok();
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(ArrayFeatureExtractor, ArrayFeatureExtractorOp)
