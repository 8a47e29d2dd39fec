// Slice. Opsets 1..9: `starts`, `ends` and optional `axes` are attributes (step 1). Opset 10+:
// they are inputs (int32 or int64) plus optional `steps` (10: negative steps; 11: negative axes;
// 13: bfloat16). Per sliced axis of size n (numpy semantics):
//   negative start/end count from the end (+ n), then clamp: step > 0 to [0, n];
//   step < 0: start to [0, n-1], end to [-1, n-1] (so INT_MIN/INT_MAX ends reach either edge);
//   out dim = max(0, ceil((end - start) / step)).
// Repeated or out-of-range axes and step 0 are errors. Any element type.
#include <algorithm>

#include "ops/common/dim_expr.h"
#include "ops/common/index_common.h"
#include "ops/common/int_inputs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

struct SliceArgs {
  std::vector<int64_t> starts, ends, axes, steps;
};

// One sliced axis, resolved: first element read, step, output size.
struct AxisSlice {
  int64_t start = 0, step = 1, size = 0;
};

AxisSlice resolve_axis(int64_t start, int64_t end, int64_t step, int64_t n) {
  AxisSlice s;
  s.step = step;
  if (n == 0) return s;
  if (start < 0) start += n;
  if (end < 0) end += n;
  if (step > 0) {
    start = std::clamp<int64_t>(start, 0, n);
    end = std::clamp<int64_t>(end, 0, n);
    s.size = end > start ? (end - start + step - 1) / step : 0;
  } else {
    start = std::clamp<int64_t>(start, 0, n - 1);
    end = std::clamp<int64_t>(end, -1, n - 1);
    s.size = start > end ? (start - end - step - 1) / -step : 0;
  }
  s.start = s.size > 0 ? start : 0;
  return s;
}

// Fills defaults (axes 0.., steps 1) and validates lengths, steps and axes against `rank`.
std::string complete_args(SliceArgs* a, int64_t rank) {
  const size_t n = a->starts.size();
  if (a->ends.size() != n)
    return "starts has " + std::to_string(n) + " entries but ends has " +
           std::to_string(a->ends.size());
  if (a->axes.empty())
    for (size_t k = 0; k < n; ++k) a->axes.push_back(static_cast<int64_t>(k));
  if (a->steps.empty()) a->steps.assign(n, 1);
  if (a->axes.size() != n || a->steps.size() != n)
    return "axes and steps must have as many entries as starts (" + std::to_string(n) + ")";
  for (int64_t s : a->steps)
    if (s == 0) return "steps must not be 0";
  return normalize_axes(&a->axes, rank);
}

// Size of a unit-step slice of a non-fixed dim d when it is an expression of d: [s:] gives d-s
// and [s:-k] gives d-s-k for s >= 0 (assuming d is at least that long, as exporters' [1:] and
// [:-1] do). Other forms depend on clamping against d's value: kUnknownDim.
int64_t symbolic_slice_size(int64_t start, int64_t end, int64_t step, int64_t d) {
  constexpr int64_t kToTheEnd = 2147483647;  // exporters write INT32_MAX or INT64_MAX
  if (step != 1 || start < 0 || d == kUnknownDim) return kUnknownDim;
  if (end >= kToTheEnd) return dim_sub(d, start);
  if (end < 0) return dim_sub(d, start - end);
  return kUnknownDim;
}

class SliceOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = kMovableDTypes;

  Status init(const InitContext& ctx) override {
    attr_form_ = ctx.opset() < 10;
    if (attr_form_) {
      attrs_.starts = ctx.node().attr_ints("starts");
      attrs_.ends = ctx.node().attr_ints("ends");
      attrs_.axes = ctx.node().attr_ints("axes");
      if (!ctx.node().has_attr("starts") || !ctx.node().has_attr("ends"))
        return ctx.error("attributes 'starts' and 'ends' are required before opset 10");
    }
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(attr_form_ ? ctx.expect_inputs(1, 1) : ctx.expect_inputs(3, 5));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    for (int i = 1; i < ctx.num_inputs(); ++i)
      if (ctx.has_input(i))
        ONYX_RETURN_IF_ERROR(ctx.expect_dtype(i, {DType::kInt32, DType::kInt64}));
    const ValueType& x = ctx.input(0);
    ValueType& out = ctx.output(0);
    out = ValueType();
    out.dtype = x.dtype;
    if (!x.has_shape) return Status::ok();
    out.has_shape = true;
    std::optional<SliceArgs> args = attr_form_ ? attrs_ : constant_args(ctx);
    if (!args && symbolic_ends(ctx, x, &out.dims)) return Status::ok();
    if (!args) {
      // Unknown slice bounds: the rank is kept, sliced dims are unknown.
      std::optional<std::vector<int64_t>> axes = constant_ints(ctx, 3);
      out.dims.assign(x.dims.size(), kUnknownDim);
      if (axes && normalize_axes(&*axes, x.rank()).empty()) {
        out.dims = x.dims;
        for (int64_t a : *axes) out.dims[static_cast<size_t>(a)] = kUnknownDim;
      }
      return Status::ok();
    }
    std::string err = complete_args(&*args, x.rank());
    if (!err.empty()) return ctx.error(err);
    out.dims = x.dims;
    for (size_t k = 0; k < args->axes.size(); ++k) {
      int64_t& d = out.dims[static_cast<size_t>(args->axes[k])];
      if (dim_known(d))
        d = resolve_axis(args->starts[k], args->ends[k], args->steps[k], d).size;
      else
        d = symbolic_slice_size(args->starts[k], args->ends[k], args->steps[k], d);
    }
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    SliceArgs args = attr_form_ ? attrs_ : runtime_args(ctx);
    std::string err = complete_args(&args, x.rank());
    if (!err.empty()) return ctx.error(err);
    Shape out_dims = x.shape();
    std::vector<int64_t> strides = dense_strides(x.shape());
    int64_t offset = 0;
    for (size_t k = 0; k < args.axes.size(); ++k) {
      const size_t a = static_cast<size_t>(args.axes[k]);
      const AxisSlice s = resolve_axis(args.starts[k], args.ends[k], args.steps[k], x.shape()[a]);
      out_dims[a] = s.size;
      offset += s.start * strides[a];
      strides[a] *= s.step;
    }
    Tensor& out = output_of_shape(ctx, 0, x.dtype(), out_dims);
    strided_copy_tensor(x, offset, out_dims, strides, out, ctx.pool());
    return Status::ok();
  }

 private:
  static std::optional<SliceArgs> constant_args(const InferContext& ctx) {
    SliceArgs a;
    for (int i = 1; i < ctx.num_inputs(); ++i) {
      if (!ctx.has_input(i)) continue;
      std::optional<std::vector<int64_t>> v = ctx.input(i).int_values();
      if (!v) return std::nullopt;
      (i == 1 ? a.starts : i == 2 ? a.ends : i == 3 ? a.axes : a.steps) = std::move(*v);
    }
    return a;
  }
  // x[..., 0:e] with e a symbolic size from a shape chain (x[:, :seq]): the sliced dim is
  // min(e, dim). Needs constant starts (all 0 where e is symbolic), axes and steps (1 there).
  // False when not of this form.
  static bool symbolic_ends(const InferContext& ctx, const ValueType& x, Shape* dims) {
    if (ctx.num_inputs() < 3 || !ctx.has_input(1) || !ctx.has_input(2)) return false;
    std::optional<std::vector<int64_t>> starts = ctx.input(1).int_values();
    std::optional<std::vector<int64_t>> ends = input_elem_dims(ctx, 2);
    std::optional<std::vector<int64_t>> axes, steps;
    if (ctx.has_input(3) && !(axes = ctx.input(3).int_values())) return false;
    if (ctx.has_input(4) && !(steps = ctx.input(4).int_values())) return false;
    if (!starts || !ends || ends->size() != starts->size()) return false;
    if (!axes) {
      axes.emplace();
      for (size_t k = 0; k < starts->size(); ++k) axes->push_back(static_cast<int64_t>(k));
    }
    if (axes->size() != starts->size() || (steps && steps->size() != starts->size()) ||
        !normalize_axes(&*axes, x.rank()).empty())
      return false;
    Shape out = x.dims;
    for (size_t k = 0; k < starts->size(); ++k) {
      const int64_t e = (*ends)[k];
      if (e >= 0 || e == kUnknownDim || e == kElemMinusOne) return false;  // not symbolic
      if ((*starts)[k] != 0 || (steps && (*steps)[k] != 1)) return false;
      int64_t& d = out[static_cast<size_t>((*axes)[k])];
      d = dim_min(e, d);
    }
    *dims = std::move(out);
    return true;
  }
  static SliceArgs runtime_args(const RunContext& ctx) {
    SliceArgs a;
    for (int i = 1; i < ctx.num_inputs(); ++i)
      if (ctx.has_input(i))
        (i == 1   ? a.starts
         : i == 2 ? a.ends
         : i == 3 ? a.axes
                  : a.steps) = *tensor_int_values(ctx.input(i));
    return a;
  }

  bool attr_form_ = false;
  SliceArgs attrs_;  // opsets 1..9
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Slice, SliceOp)
