// ConcatFromSequence (opset 11): concatenates a sequence's tensors along `axis` (required). With
// new_axis=1 they are stacked along a new axis instead (axis then ranges over [-r-1, r]). An empty
// sequence is a run-time error (no shape to produce).
#include "ops/common/sequence_common.h"

namespace onyx::ops {
namespace {

class ConcatFromSequenceOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<SequenceElementTypes>();

  Status init(const InitContext& ctx) override {
    if (!ctx.node().has_attr("axis")) return ctx.error("attribute 'axis' is required");
    axis_ = ctx.node().attr_int("axis", 0);
    new_axis_ = ctx.node().attr_int("new_axis", 0) != 0;
    return Status::ok();
  }
  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_kind(0, ValueKind::kSequence));
    const ValueType& seq = ctx.input(0);
    ValueType out;
    out.dtype = seq.dtype;
    if (seq.has_shape) {
      const int64_t rank = seq.rank() + (new_axis_ ? 1 : 0);
      auto axis = normalize_axis(axis_, rank);
      if (!axis) return ctx.error("axis " + std::to_string(axis_) + " is out of range");
      out.has_shape = true;
      out.dims = seq.dims;
      if (new_axis_)
        out.dims.insert(out.dims.begin() + *axis, kUnknownDim);
      else
        out.dims[static_cast<size_t>(*axis)] = kUnknownDim;  // depends on the sequence's length
    }
    ctx.output(0) = out;
    return Status::ok();
  }
  Status run(RunContext& ctx) const override {
    const std::vector<Tensor>& items = ctx.input_value(0).items();
    if (items.empty()) return ctx.error("cannot concatenate an empty sequence");
    const Tensor& first = items[0];
    const int64_t rank = first.rank() + (new_axis_ ? 1 : 0);
    auto axis_opt = normalize_axis(axis_, rank);
    if (!axis_opt) return ctx.error("axis " + std::to_string(axis_) + " is out of range");
    const int64_t axis = *axis_opt;
    // Each item viewed as [outer, len_i, inner].
    auto view = [&](const Tensor& t) {
      Shape s = t.shape();
      if (new_axis_) s.insert(s.begin() + axis, 1);
      return s;
    };
    Shape out_shape = view(first);
    out_shape[static_cast<size_t>(axis)] = 0;
    for (const Tensor& t : items) {
      Shape s = view(t);
      for (int64_t k = 0; k < rank; ++k)
        if (k != axis && s[static_cast<size_t>(k)] != out_shape[static_cast<size_t>(k)])
          return ctx.error("tensor shapes " + shape_to_string(first.shape()) + " and " +
                           shape_to_string(t.shape()) + " do not match off the axis");
      if (t.dtype() != first.dtype()) return ctx.error("tensors differ in element type");
      out_shape[static_cast<size_t>(axis)] += s[static_cast<size_t>(axis)];
    }
    int64_t outer = 1, inner = 1;
    for (int64_t k = 0; k < rank; ++k) {
      if (k < axis) outer *= out_shape[static_cast<size_t>(k)];
      if (k > axis) inner *= out_shape[static_cast<size_t>(k)];
    }
    Tensor out = Tensor::empty(first.dtype(), out_shape);
    const int64_t total = out_shape[static_cast<size_t>(axis)];
    int64_t offset = 0;
    for (const Tensor& t : items) {
      const int64_t len = view(t)[static_cast<size_t>(axis)];
      for (int64_t o = 0; o < outer; ++o)
        copy_elements(t, o * len * inner, out, (o * total + offset) * inner, len * inner);
      offset += len;
    }
    return ctx.set_output(0, out);
  }
  bool accepts_values() const override { return true; }

 private:
  int64_t axis_ = 0;
  bool new_axis_ = false;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(ConcatFromSequence, ConcatFromSequenceOp)
