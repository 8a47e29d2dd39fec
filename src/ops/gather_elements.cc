// GatherElements (opset 11; 13 adds bfloat16): out has the shape of `indices` (same rank as data,
// each dim <= data's) and out[i0..ik] = data[i0..ik with i_axis replaced by indices[i0..ik]].
// axis default 0, negative counts from the end; indices int32/int64, negative values count from
// the end of the axis; an index outside [-n, n) is an error from run(). Any element type.
#include "ops/common/index_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class GatherElementsOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = kMovableDTypes;

  Status init(const InitContext& ctx) override {
    axis_ = ctx.node().attr_int("axis", 0);
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 2));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt32, DType::kInt64}));
    const ValueType& data = ctx.input(0);
    const ValueType& indices = ctx.input(1);
    ctx.output(0) = indices.type_only();
    ctx.output(0).dtype = data.dtype;
    if (!data.has_shape) return Status::ok();
    if (!normalize_axis(axis_, data.rank()))
      return ctx.error("axis " + std::to_string(axis_) + " is out of range for rank " +
                       std::to_string(data.rank()));
    if (indices.has_shape && indices.rank() != data.rank())
      return ctx.input_error(1, "indices rank " + std::to_string(indices.rank()) +
                                    " differs from data rank " + std::to_string(data.rank()));
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& data = ctx.input(0);
    const Tensor& indices = ctx.input(1);
    const int64_t axis = *normalize_axis(axis_, data.rank());
    for (int d = 0; d < data.rank(); ++d)
      if (d != axis && indices.dim(d) > data.dim(d))
        return ctx.error("indices dim " + std::to_string(d) + " (" +
                         std::to_string(indices.dim(d)) + ") exceeds data's (" +
                         std::to_string(data.dim(d)) + ")");
    int64_t bad = -1;
    visit_storage(data.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      const S* src = data.data<S>();
      S* dst = ctx.output(0).data<S>();
      bad = for_each_axis_index(indices, data.shape(), axis,
                                [&](int64_t i, int64_t off) { dst[i] = src[off]; });
    });
    if (bad >= 0)
      return ctx.error(
          index_range_message(int_at(indices, bad), axis, data.dim(static_cast<int>(axis))));
    return Status::ok();
  }

 private:
  int64_t axis_ = 0;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(GatherElements, GatherElementsOp)
