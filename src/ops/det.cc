// Det (opset 11; 22 adds bfloat16): determinants of the square matrices in the last two dims of
// x [*, M, M]; the output has shape [*]. Each matrix is factored by LU with partial pivoting in
// double precision (det = product of the pivots, negated per row swap); float16/bfloat16/float
// results are rounded from it. An M = 0 matrix has determinant 1.
#include <cmath>
#include <utility>
#include <vector>

#include "ops/common/float_widen.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

// Determinant of the m x m row-major matrix in a (overwritten by its LU factors).
double lu_determinant(double* a, int64_t m) {
  double det = 1.0;
  for (int64_t k = 0; k < m; ++k) {
    int64_t pivot = k;
    for (int64_t r = k + 1; r < m; ++r)
      if (std::fabs(a[r * m + k]) > std::fabs(a[pivot * m + k])) pivot = r;
    if (a[pivot * m + k] == 0.0) return 0.0;
    if (pivot != k) {
      for (int64_t c = 0; c < m; ++c) std::swap(a[k * m + c], a[pivot * m + c]);
      det = -det;
    }
    const double p = a[k * m + k];
    det *= p;
    for (int64_t r = k + 1; r < m; ++r) {
      const double f = a[r * m + k] / p;
      for (int64_t c = k + 1; c < m; ++c) a[r * m + c] -= f * a[k * m + c];
    }
  }
  return det;
}

class DetOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const ValueType& x = ctx.input(0);
    ValueType out;
    out.dtype = x.dtype;
    if (x.has_shape) {
      if (x.rank() < 2)
        return ctx.input_error(0,
                               "expected rank >= 2 ([*, M, M]), got " + std::to_string(x.rank()));
      const int64_t r = x.dims[x.rank() - 2], c = x.dims[x.rank() - 1];
      if (dim_known(r) && dim_known(c) && r != c)
        return ctx.input_error(
            0, "matrices must be square, got " + std::to_string(r) + " x " + std::to_string(c));
      out.has_shape = true;
      out.dims.assign(x.dims.begin(), x.dims.end() - 2);
    }
    ctx.output(0) = std::move(out);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const int64_t m = x.dim(x.rank() - 1);
    const int64_t count = ctx.output(0).numel();
    std::vector<double> a(static_cast<size_t>(m * m));
    visit_dtype<types::Float>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* src = x.data<T>();
      T* dst = ctx.output(0).data<T>();
      for (int64_t b = 0; b < count; ++b) {
        for (int64_t i = 0; i < m * m; ++i)
          a[size_t(i)] = static_cast<double>(widen(src[b * m * m + i]));
        dst[b] = narrow<T>(static_cast<Wide<T>>(lu_determinant(a.data(), m)));
      }
    });
    return Status::ok();
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Det, DetOp)
