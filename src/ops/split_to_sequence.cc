// SplitToSequence (opset 11): splits a tensor along `axis` (default 0) into a sequence.
//   split absent:      chunks of length 1; with keepdims=0 (default 1) the axis is squeezed away
//   split a scalar:    chunks of that length (the last may be shorter)
//   split 1-D:         chunk lengths, summing to the axis length
#include <numeric>

#include "ops/common/sequence_common.h"

namespace onyx::ops {
namespace {

class SplitToSequenceOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<SequenceElementTypes>();

  Status init(const InitContext& ctx) override {
    axis_ = ctx.node().attr_int("axis", 0);
    keepdims_ = ctx.node().attr_int("keepdims", 1) != 0;
    return Status::ok();
  }
  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 2));
    ONYX_RETURN_IF_ERROR(ctx.expect_kind(0, ValueKind::kTensor));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    if (ctx.has_input(1)) {
      ONYX_RETURN_IF_ERROR(ctx.expect_kind(1, ValueKind::kTensor));
      ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt32, DType::kInt64}));
    }
    const ValueType& x = ctx.input(0);
    ValueType seq = ValueType::sequence(x.dtype);
    if (x.has_shape) {
      auto axis = normalize_axis(axis_, x.rank());
      if (!axis) return ctx.error("axis " + std::to_string(axis_) + " is out of range");
      seq.has_shape = true;
      seq.dims = x.dims;
      if (ctx.has_input(1))
        seq.dims[static_cast<size_t>(*axis)] = kUnknownDim;
      else if (keepdims_)
        seq.dims[static_cast<size_t>(*axis)] = 1;
      else
        seq.dims.erase(seq.dims.begin() + *axis);
    }
    ctx.output(0) = seq;
    return Status::ok();
  }
  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const int64_t axis = *normalize_axis(axis_, x.rank());
    const int64_t len = x.dim(static_cast<int>(axis));
    std::vector<int64_t> lengths;
    bool squeeze = false;
    if (!ctx.has_input(1)) {
      lengths.assign(static_cast<size_t>(len), 1);
      squeeze = !keepdims_;
    } else {
      const Tensor& s = ctx.input(1);
      auto at = [&](int64_t k) {
        return s.dtype() == DType::kInt32 ? int64_t{s.data<int32_t>()[k]} : s.data<int64_t>()[k];
      };
      if (s.rank() == 0) {
        const int64_t chunk = at(0);
        if (chunk <= 0) return ctx.error("split must be positive, got " + std::to_string(chunk));
        for (int64_t o = 0; o < len; o += chunk) lengths.push_back(std::min(chunk, len - o));
      } else {
        for (int64_t k = 0; k < s.numel(); ++k) {
          if (at(k) < 0) return ctx.error("split lengths must be >= 0");
          lengths.push_back(at(k));
        }
        if (std::accumulate(lengths.begin(), lengths.end(), int64_t{0}) != len)
          return ctx.error("split lengths do not sum to the axis length " + std::to_string(len));
      }
    }
    int64_t outer = 1, inner = 1;
    for (int k = 0; k < x.rank(); ++k) {
      if (k < axis) outer *= x.dim(k);
      if (k > axis) inner *= x.dim(k);
    }
    std::vector<Tensor> items;
    int64_t offset = 0;
    for (int64_t l : lengths) {
      Shape shape = x.shape();
      shape[static_cast<size_t>(axis)] = l;
      if (squeeze) shape.erase(shape.begin() + axis);
      Tensor part = Tensor::empty(x.dtype(), shape);
      for (int64_t o = 0; o < outer; ++o)
        copy_elements(x, (o * len + offset) * inner, part, o * l * inner, l * inner);
      items.push_back(std::move(part));
      offset += l;
    }
    ctx.output_value(0) = Value::sequence(x.dtype(), std::move(items));
    return Status::ok();
  }
  bool accepts_values() const override { return true; }

 private:
  int64_t axis_ = 0;
  bool keepdims_ = true;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(SplitToSequence, SplitToSequenceOp)
