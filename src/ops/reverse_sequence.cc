// ReverseSequence (opset 10): for every batch entry b, reverses the first sequence_lens[b]
// elements along `time_axis` and copies the rest unchanged. time_axis (default 0) and batch_axis
// (default 1) are 0 and 1 in either order; the input has rank >= 2; sequence_lens is int64 of
// shape [batch] with entries in [0, time size] (others are errors from run()). Any element type.
#include "ops/common/index_common.h"
#include "ops/common/int_inputs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class ReverseSequenceOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = kMovableDTypes;

  Status init(const InitContext& ctx) override {
    time_axis_ = ctx.node().attr_int("time_axis", 0);
    batch_axis_ = ctx.node().attr_int("batch_axis", 1);
    if (!((time_axis_ == 0 && batch_axis_ == 1) || (time_axis_ == 1 && batch_axis_ == 0)))
      return ctx.error("time_axis and batch_axis must be 0 and 1 in some order");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 2));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt64}));
    const ValueType& x = ctx.input(0);
    const ValueType& lens = ctx.input(1);
    if (x.has_shape && x.rank() < 2)
      return ctx.input_error(0, "expected rank >= 2, got " + std::to_string(x.rank()));
    if (x.fully_known() && lens.fully_known() &&
        (lens.rank() != 1 || lens.dims[0] != x.dims[static_cast<size_t>(batch_axis_)]))
      return ctx.input_error(
          1, "sequence_lens shape " + dims_to_string(lens.dims) + " should be [batch size]");
    ctx.output(0) = x.type_only();
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const Tensor& lens = ctx.input(1);
    const int64_t time = x.dim(static_cast<int>(time_axis_));
    const int64_t batch = x.dim(static_cast<int>(batch_axis_));
    const int64_t inner = batch * time == 0 ? 0 : x.numel() / (batch * time);
    if (lens.numel() != batch)
      return ctx.error("sequence_lens has " + std::to_string(lens.numel()) + " entries for batch " +
                       std::to_string(batch));
    for (int64_t b = 0; b < batch; ++b) {
      const int64_t len = lens.data<int64_t>()[b];
      if (len < 0 || len > time)
        return ctx.error("sequence_lens[" + std::to_string(b) + "] = " + std::to_string(len) +
                         " is outside [0, " + std::to_string(time) + "]");
    }
    // Element (t, b) row of `inner` elements starts at t * t_stride + b * b_stride.
    const int64_t t_stride = time_axis_ == 0 ? batch * inner : inner;
    const int64_t b_stride = time_axis_ == 0 ? inner : time * inner;
    visit_storage(x.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      const S* src = x.data<S>();
      S* dst = ctx.output(0).data<S>();
      for (int64_t b = 0; b < batch; ++b) {
        const int64_t len = lens.data<int64_t>()[b];
        for (int64_t t = 0; t < time; ++t) {
          const int64_t from = t < len ? len - 1 - t : t;
          std::copy_n(src + from * t_stride + b * b_stride, inner,
                      dst + t * t_stride + b * b_stride);
        }
      }
    });
    return Status::ok();
  }

 private:
  int64_t time_axis_ = 0, batch_axis_ = 1;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(ReverseSequence, ReverseSequenceOp)
