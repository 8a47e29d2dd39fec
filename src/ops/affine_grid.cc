// AffineGrid (opset 20): the sampling grid of a batch of affine transforms, for GridSample.
// theta [N, 2, 3] with size (int64) [N, C, H, W] gives grid [N, H, W, 2]; theta [N, 3, 4] with
// size [N, C, D, H, W] gives [N, D, H, W, 3]. Each grid point is theta[n] @ (x, y[, z], 1), where
// x runs over the last axis in normalized coordinates: align_corners places -1 and 1 on the
// centres of the edge elements (i * 2 / (L - 1) - 1; -1 when L = 1), otherwise on their outer
// edges ((2 i + 1) / L - 1). Float types (computed in double).
#include <string>

#include "ops/common/float_widen.h"
#include "ops/common/index_common.h"
#include "ops/common/int_inputs.h"

namespace onyx::ops {
namespace {

class AffineGridOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status init(const InitContext& ctx) override {
    align_corners_ = ctx.node().attr_int("align_corners", 0) != 0;
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 2));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt64}));
    const ValueType& theta = ctx.input(0);
    ctx.output(0).dtype = theta.dtype;
    if (theta.has_shape && theta.rank() != 3) return ctx.input_error(0, "theta must be 3-D");
    std::optional<std::vector<int64_t>> size = ctx.input(1).int_values();
    if (!size) {
      if (ctx.input(1).has_shape && ctx.input(1).rank() == 1 && dim_known(ctx.input(1).dims[0])) {
        const int64_t n = ctx.input(1).dims[0];
        if (n != 4 && n != 5) return ctx.input_error(1, "size must have 4 or 5 entries");
        ctx.output(0) = ValueType::tensor(theta.dtype, Shape(static_cast<size_t>(n), kUnknownDim));
        ctx.output(0).dims.back() = n - 2;
      }
      return Status::ok();
    }
    if (std::string err = check(*size, theta.has_shape ? &theta.dims : nullptr); !err.empty())
      return ctx.error(err);
    Shape dims = {(*size)[0]};
    for (size_t i = 2; i < size->size(); ++i) dims.push_back((*size)[i]);
    dims.push_back(static_cast<int64_t>(size->size()) - 2);
    ctx.output(0) = ValueType::tensor(theta.dtype, dims);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& theta = ctx.input(0);
    const std::vector<int64_t> size = *tensor_int_values(ctx.input(1));
    if (std::string err = check(size, &theta.shape()); !err.empty()) return ctx.error(err);
    const auto r = static_cast<int64_t>(size.size()) - 2;  // spatial rank, 2 or 3
    Shape dims = {size[0]};
    for (size_t i = 2; i < size.size(); ++i) dims.push_back(size[i]);
    dims.push_back(r);
    Tensor& y = output_of_shape(ctx, 0, theta.dtype(), dims);
    // Normalized coordinate of element i along an axis of length n.
    auto coord = [&](int64_t i, int64_t n) {
      if (align_corners_) return n == 1 ? -1.0 : static_cast<double>(2 * i) / (n - 1) - 1;
      return static_cast<double>(2 * i + 1) / static_cast<double>(n) - 1;
    };
    int64_t points = 1;
    for (int64_t a = 0; a < r; ++a) points *= size[static_cast<size_t>(2 + a)];
    visit_dtype<types::Float>(theta.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* th = theta.data<T>();
      T* out = y.data<T>();
      std::vector<double> m(static_cast<size_t>(r * (r + 1))), p(static_cast<size_t>(r + 1));
      for (int64_t n = 0; n < size[0]; ++n) {
        for (size_t k = 0; k < m.size(); ++k)
          m[k] = static_cast<double>(
              widen(th[n * static_cast<int64_t>(m.size()) + static_cast<int64_t>(k)]));
        for (int64_t q = 0; q < points; ++q) {
          // p = (x, y[, z], 1): x from the last spatial axis.
          int64_t rest = q;
          for (int64_t a = r - 1; a >= 0; --a) {
            const int64_t len = size[static_cast<size_t>(2 + a)];
            p[static_cast<size_t>(r - 1 - a)] = coord(rest % len, len);
            rest /= len;
          }
          p[static_cast<size_t>(r)] = 1.0;
          for (int64_t row = 0; row < r; ++row) {
            double acc = 0;
            for (int64_t k = 0; k <= r; ++k)
              acc += m[static_cast<size_t>(row * (r + 1) + k)] * p[static_cast<size_t>(k)];
            out[(n * points + q) * r + row] = narrow<T>(static_cast<Wide<T>>(acc));
          }
        }
      }
    });
    return Status::ok();
  }

 private:
  // size must be [N, C, H, W] or [N, C, D, H, W] with theta [N, 2, 3] / [N, 3, 4].
  static std::string check(const std::vector<int64_t>& size, const Shape* theta) {
    if (size.size() != 4 && size.size() != 5) return "size must have 4 or 5 entries";
    for (int64_t d : size)
      if (d < 0) return "size entries must be non-negative";
    const auto r = static_cast<int64_t>(size.size()) - 2;
    if (theta && theta->size() == 3) {
      const Shape& t = *theta;
      if ((dim_known(t[0]) && t[0] != size[0]) || (dim_known(t[1]) && t[1] != r) ||
          (dim_known(t[2]) && t[2] != r + 1))
        return "theta " + dims_to_string(t) + " does not match size (expected [" +
               std::to_string(size[0]) + ", " + std::to_string(r) + ", " + std::to_string(r + 1) +
               "])";
    }
    return "";
  }

  bool align_corners_ = false;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(AffineGrid, AffineGridOp)
