// Shape: the input's dims as a 1-D int64 tensor. Opset 15+ slices them with `start` (default 0)
// and `end` (default rank); negative values count from the end, then both clamp to [0, rank].
// Inference sets the output's value when the sliced dims are all known.
#include <algorithm>
#include <limits>

#include "ops/common/dim_expr.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class ShapeOp final : public OpKernel {
 public:
  // Element types: input of any element type; the output is int64.
  static constexpr DTypeSet kElementTypes = dtype_set<types::All>();

  Status init(const InitContext& ctx) override {
    if (ctx.opset() >= 15) {
      start_ = ctx.node().attr_int("start", 0);
      end_ = ctx.node().attr_int("end", std::numeric_limits<int64_t>::max());
    }
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const ValueType& x = ctx.input(0);
    ValueType& out = ctx.output(0);
    out = ValueType::tensor(DType::kInt64, {kUnknownDim});
    if (!x.has_shape) return Status::ok();
    auto [begin, end] = slice(x.rank());
    out.dims[0] = end - begin;
    std::vector<int64_t> dims(x.dims.begin() + begin, x.dims.begin() + end);
    for (int64_t d : dims)
      if (!dim_known(d)) {
        set_output_elem_dims(ctx, 0, std::move(dims));  // shape/elem_dims.h
        return Status::ok();
      }
    out.value = Tensor::from_vector<int64_t>({end - begin}, dims);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Shape& dims = ctx.input(0).shape();
    auto [begin, end] = slice(static_cast<int64_t>(dims.size()));
    std::copy(dims.begin() + begin, dims.begin() + end, ctx.output(0).data<int64_t>());
    return Status::ok();
  }

 private:
  // [begin, end) into the dims, clamped; end >= begin.
  std::pair<int64_t, int64_t> slice(int64_t rank) const {
    auto clamp = [rank](int64_t v) { return std::clamp<int64_t>(v < 0 ? v + rank : v, 0, rank); };
    const int64_t begin = clamp(start_);
    return {begin, std::max(begin, clamp(end_))};
  }

  int64_t start_ = 0;
  int64_t end_ = std::numeric_limits<int64_t>::max();
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Shape, ShapeOp)
