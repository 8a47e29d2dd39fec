// Trilu (opset 14): keeps the upper (upper=1, default) or lower (upper=0) triangle of the last two
// dims of every matrix in the batch and zeroes the rest. With optional scalar int64 input k
// (default 0): upper keeps elements with column - row >= k, lower those with column - row <= k.
// Any element type (zero = value-initialized: 0, false, "").
#include <algorithm>

#include "ops/common/index_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class TriluOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = kMovableDTypes;

  Status init(const InitContext& ctx) override {
    upper_ = ctx.node().attr_int("upper", 1) != 0;
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 2));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    if (ctx.has_input(1)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt64}));
    const ValueType& x = ctx.input(0);
    if (x.has_shape && x.rank() < 2)
      return ctx.input_error(0, "expected rank >= 2, got " + std::to_string(x.rank()));
    ctx.output(0) = x.type_only();
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    Tensor& out = ctx.output(0);
    const int64_t rows = x.dim(x.rank() - 2), cols = x.dim(x.rank() - 1);
    // Beyond +-(rows + cols) every k keeps all or nothing; clamping avoids overflow below.
    const int64_t k = std::clamp<int64_t>(ctx.has_input(1) ? ctx.input(1).data<int64_t>()[0] : 0,
                                          -(rows + cols), rows + cols);
    const int64_t batch = rows * cols == 0 ? 0 : x.numel() / (rows * cols);
    visit_storage(x.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      const S* src = x.data<S>();
      S* dst = out.data<S>();
      for (int64_t b = 0; b < batch; ++b) {
        for (int64_t r = 0; r < rows; ++r) {
          const int64_t off = (b * rows + r) * cols;
          // Kept columns: [max(0, r + k), cols) for upper, [0, min(cols, r + k + 1)) for lower.
          const int64_t lo = upper_ ? std::clamp<int64_t>(r + k, 0, cols) : 0;
          const int64_t hi = upper_ ? cols : std::clamp<int64_t>(r + k + 1, 0, cols);
          for (int64_t c = 0; c < cols; ++c) dst[off + c] = c >= lo && c < hi ? src[off + c] : S{};
        }
      }
    });
    return Status::ok();
  }

 private:
  bool upper_ = true;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Trilu, TriluOp)
