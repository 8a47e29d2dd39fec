// ReduceOp and ArgReduceOp: axes resolution, plans over kernels/reduce, the finishing step.
#include "ops/common/reduce_common.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>
#include <utility>

#include "ops/common/int_inputs.h"

namespace onyx::ops {
namespace {

using kernels::ReduceKind;
using kernels::ReduceShape;

// Calls fn(TypeTag<T>, TypeTag<Acc>) for the storage type T of `dtype` and its accumulator type;
// false when dtype is not a reducible type.
template <class Fn>
bool visit_reduce_types(DType dtype, bool int_in_double, Fn&& fn) {
  if (dtype == DType::kBool) {
    fn(TypeTag<bool>{}, TypeTag<bool>{});
    return true;
  }
  return visit_dtype<types::Numeric>(dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>) {
      fn(tag, TypeTag<float>{});
    } else if constexpr (std::is_integral_v<T>) {
      if (int_in_double)
        fn(tag, TypeTag<double>{});
      else
        fn(tag, tag);
    } else {
      fn(tag, tag);
    }
  });
}

constexpr size_t round64(size_t bytes) {
  return (bytes + 63) / 64 * 64;
}

// Scratch layout: [ping][pong][result]. Intermediate pass p writes ping (even p) or pong (odd
// p); the last pass writes `result` when the accumulator type differs from the output type,
// else the output itself.
struct ScratchLayout {
  size_t ping_elems = 0, pong_elems = 0;
  size_t pong_offset = 0, result_offset = 0, bytes = 0;
};

ScratchLayout layout_for(const ReducePlan& plan, size_t acc_bytes, bool separate_result) {
  ScratchLayout l;
  for (size_t p = 0; p + 1 < plan.passes.size(); ++p) {
    const auto elems = static_cast<size_t>(plan.passes[p].outer * plan.passes[p].inner);
    size_t& slot = p % 2 == 0 ? l.ping_elems : l.pong_elems;
    slot = std::max(slot, elems);
  }
  l.pong_offset = round64(l.ping_elems * acc_bytes);
  l.result_offset = l.pong_offset + round64(l.pong_elems * acc_bytes);
  l.bytes = l.result_offset;
  if (separate_result)
    l.bytes += round64(static_cast<size_t>(shape_numel(plan.out_dims)) * acc_bytes);
  return l;
}

// Accumulator value -> output element (integers: NaN -> 0, out of range clamped, else
// truncated toward zero).
template <class T, class Acc>
T narrow(Acc v) {
  if constexpr (std::is_same_v<T, Acc>) {
    return v;
  } else if constexpr (std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>) {
    return from_float<T>(static_cast<float>(v));
  } else if constexpr (std::is_integral_v<T>) {
    if (std::isnan(v)) return T(0);
    if (v <= static_cast<Acc>(std::numeric_limits<T>::lowest()))
      return std::numeric_limits<T>::lowest();
    if (v >= static_cast<Acc>(std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
    return static_cast<T>(v);
  } else {
    return static_cast<T>(v);
  }
}

template <class T, class Acc>
void run_plan(const ReducePlan& plan, ReduceKind kind, ReduceFinish finish, const T* x, T* y,
              void* scratch, ThreadPool* pool) {
  constexpr bool kSeparate = !std::is_same_v<T, Acc>;
  const ScratchLayout l = layout_for(plan, sizeof(Acc), kSeparate);
  char* base = static_cast<char*>(scratch);
  Acc* ping = reinterpret_cast<Acc*>(base);
  Acc* pong = reinterpret_cast<Acc*>(base + l.pong_offset);
  Acc* result;
  if constexpr (kSeparate)
    result = reinterpret_cast<Acc*>(base + l.result_offset);
  else
    result = y;
  const Acc* src = nullptr;
  for (size_t p = 0; p < plan.passes.size(); ++p) {
    Acc* dst = p + 1 == plan.passes.size() ? result : (p % 2 == 0 ? ping : pong);
    if (p == 0)
      kernels::reduce<T, Acc>(kind, x, dst, plan.passes[p], pool);
    else
      kernels::reduce<Acc, Acc>(kernels::combining_kind(kind), src, dst, plan.passes[p], pool);
    src = dst;
  }
  const int64_t n = shape_numel(plan.out_dims);
  if (finish == ReduceFinish::kNone && !kSeparate) return;  // the last pass wrote y
  if constexpr (std::is_floating_point_v<Acc>) {
    const Acc count = static_cast<Acc>(plan.count);
    for (int64_t i = 0; i < n; ++i) {
      Acc v = result[i];
      if (finish == ReduceFinish::kMean)
        v = v / count;
      else if (finish == ReduceFinish::kSqrt)
        v = std::sqrt(v);
      else if (finish == ReduceFinish::kLog)
        v = std::log(v);
      y[i] = narrow<T, Acc>(v);
    }
  } else if constexpr (kSeparate) {
    for (int64_t i = 0; i < n; ++i) y[i] = narrow<T, Acc>(result[i]);
  }
}

}  // namespace

ReducePlan make_reduce_plan(const Shape& dims, const std::vector<bool>& reduced, bool keepdims) {
  ReducePlan plan;
  struct Run {
    int64_t size;
    bool reduced;
  };
  std::vector<Run> runs;
  int64_t kept = 1;
  bool empty_set = false;
  for (size_t a = 0; a < dims.size(); ++a) {
    const int64_t d = dims[a];
    if (reduced[a]) {
      plan.count *= d;
      empty_set |= d == 0;
      if (keepdims) plan.out_dims.push_back(1);
    } else {
      kept *= d;
      plan.out_dims.push_back(d);
    }
    if (d == 1) continue;  // size-1 axes change nothing
    if (!runs.empty() && runs.back().reduced == reduced[a])
      runs.back().size *= d;
    else
      runs.push_back({d, reduced[a]});
  }
  if (empty_set) {  // every output is the fold of nothing
    plan.passes.push_back({kept, 0, 1});
    return plan;
  }
  // Innermost reduced run first; each pass removes its run from `runs`.
  for (size_t j = runs.size(); j-- > 0;) {
    if (!runs[j].reduced) continue;
    ReduceShape s{1, runs[j].size, 1};
    for (size_t k = 0; k < j; ++k) s.outer *= runs[k].size;
    for (size_t k = j + 1; k < runs.size(); ++k) s.inner *= runs[k].size;
    plan.passes.push_back(s);
    runs.erase(runs.begin() + static_cast<std::ptrdiff_t>(j));
  }
  // No reduced axis of size > 1: one pass with n == 1 applies the element map.
  if (plan.passes.empty()) plan.passes.push_back({shape_numel(dims), 1, 1});
  return plan;
}

std::string resolve_reduce_axes(std::vector<int64_t> axes, int64_t rank, bool noop_with_empty_axes,
                                std::vector<bool>* reduced) {
  reduced->assign(static_cast<size_t>(rank), false);
  if (axes.empty()) {
    if (!noop_with_empty_axes) reduced->assign(static_cast<size_t>(rank), true);
    return "";
  }
  std::string err = normalize_axes(&axes, rank, /*unique=*/true);
  if (!err.empty()) return err;
  for (int64_t a : axes) (*reduced)[static_cast<size_t>(a)] = true;
  return "";
}

Status ReduceOp::init(const InitContext& ctx) {
  axes_from_input_ = ctx.opset() >= spec_.axes_input_opset;
  keepdims_ = ctx.node().attr_int("keepdims", 1) != 0;
  if (axes_from_input_) {
    noop_with_empty_axes_ = ctx.node().attr_int("noop_with_empty_axes", 0) != 0;
    if (ctx.node().has_attr("axes"))
      return ctx.error("axes is an input from opset " + std::to_string(spec_.axes_input_opset) +
                       ", not an attribute");
  } else {
    attr_axes_ = ctx.node().attr_ints("axes");
  }
  return Status::ok();
}

Status ReduceOp::infer(InferContext& ctx) const {
  ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, axes_from_input_ ? 2 : 1));
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, spec_.element_types));
  const ValueType& x = ctx.input(0);
  if (x.dtype == DType::kBool && ctx.opset() < 20)
    return ctx.input_error(0, "bool inputs need opset 20 or later");
  ValueType& out = ctx.output(0);
  out = ValueType();
  out.dtype = x.dtype;
  std::vector<int64_t> axes = attr_axes_;
  if (ctx.has_input(1)) {
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt64}));
    const ValueType& a = ctx.input(1);
    if (a.has_shape && a.rank() != 1)
      return ctx.input_error(1, "axes must be 1-D, got rank " + std::to_string(a.rank()));
    std::optional<std::vector<int64_t>> values = a.int_values();
    if (!values) {  // axes known only at run time: each kept dim is itself or 1
      if (!x.has_shape) return Status::ok();
      if (keepdims_) {
        out.has_shape = true;
        for (int64_t d : x.dims) out.dims.push_back(d == 1 ? 1 : kUnknownDim);
      } else if (a.has_shape && dim_known(a.dims[0]) && a.dims[0] > 0) {
        out.has_shape = true;
        out.dims.assign(static_cast<size_t>(std::max<int64_t>(0, x.rank() - a.dims[0])),
                        kUnknownDim);
      }
      return Status::ok();
    }
    axes = *values;
  }
  if (!x.has_shape) return Status::ok();
  std::vector<bool> reduced;
  const std::string err = resolve_reduce_axes(axes, x.rank(), noop_with_empty_axes_, &reduced);
  if (!err.empty()) return ctx.has_input(1) ? ctx.input_error(1, err) : ctx.error(err);
  out.has_shape = true;
  for (size_t a = 0; a < x.dims.size(); ++a) {
    if (!reduced[a])
      out.dims.push_back(x.dims[a]);
    else if (keepdims_)
      out.dims.push_back(1);
  }
  return Status::ok();
}

// {accumulator bytes, whether the result needs a buffer of its own} for element type `dtype`.
std::pair<size_t, bool> accumulator_of(DType dtype, bool int_in_double) {
  std::pair<size_t, bool> out{0, false};
  visit_reduce_types(dtype, int_in_double, [&](auto t_tag, auto acc_tag) {
    using T = typename decltype(t_tag)::type;
    using Acc = typename decltype(acc_tag)::type;
    out = {sizeof(Acc), !std::is_same_v<T, Acc>};
  });
  return out;
}

size_t ReduceOp::scratch_for(const ReducePlan& plan, DType dtype) const {
  const auto [acc_bytes, separate] = accumulator_of(dtype, int_in_double());
  return layout_for(plan, acc_bytes, separate).bytes;
}

Status ReduceOp::prepare(PrepareContext& ctx) {
  const ValueType& x = ctx.input(0);
  planned_dims_ = x.dims;
  std::optional<std::vector<int64_t>> axes = attr_axes_;
  if (ctx.has_input(1)) axes = ctx.input(1).int_values();
  plan_.reset();
  if (axes) {
    std::vector<bool> reduced;
    const std::string err = resolve_reduce_axes(*axes, x.rank(), noop_with_empty_axes_, &reduced);
    if (!err.empty()) return ctx.error(err);
    plan_ = make_reduce_plan(x.dims, reduced, keepdims_);
    scratch_bytes_ = scratch_for(*plan_, x.dtype);
  } else {
    // Axes known at run time: reserve the worst case. Every pass reduces a run of size >= 2, so
    // the intermediates (passes 0, 2, 4.. in ping, 1, 3.. in pong) hold at most numel/2 and
    // numel/4 elements; a separate result at most the input's elements with size-0 axes counted
    // as 1 (an empty set's output can outnumber the input).
    const auto [acc_bytes, separate] = accumulator_of(x.dtype, int_in_double());
    const auto numel = static_cast<size_t>(shape_numel(x.dims));
    size_t out_bound = 1;
    for (int64_t d : x.dims) out_bound *= static_cast<size_t>(std::max<int64_t>(d, 1));
    scratch_bytes_ = round64(numel / 2 * acc_bytes) + round64(numel / 4 * acc_bytes) +
                     (separate ? round64(out_bound * acc_bytes) : 0);
  }
  ctx.request_scratch(scratch_bytes_);
  return Status::ok();
}

Status ReduceOp::run(RunContext& ctx) const {
  const Tensor& x = ctx.input(0);
  std::optional<ReducePlan> local;  // only when the axes (or shapes) differ from prepare()'s
  const ReducePlan* plan = plan_ ? &*plan_ : nullptr;
  if (!plan || x.shape() != planned_dims_) {
    std::vector<int64_t> axes = attr_axes_;
    if (ctx.has_input(1)) {
      std::optional<std::vector<int64_t>> values = tensor_int_values(ctx.input(1));
      if (!values) return ctx.error("axes input must be an int64 tensor");
      axes = *values;
    }
    std::vector<bool> reduced;
    const std::string err = resolve_reduce_axes(axes, x.rank(), noop_with_empty_axes_, &reduced);
    if (!err.empty()) return ctx.error(err);
    local = make_reduce_plan(x.shape(), reduced, keepdims_);
    plan = &*local;
    if (scratch_for(*plan, x.dtype()) > scratch_bytes_)
      return ctx.error("input shape " + dims_to_string(x.shape()) +
                       " needs more scratch memory than planned");
  }
  Tensor& y =
      ctx.output(0).defined() ? ctx.output(0) : ctx.allocate_output(0, x.dtype(), plan->out_dims);
  if (y.numel() != shape_numel(plan->out_dims))
    return ctx.error("output holds " + std::to_string(y.numel()) + " elements, expected " +
                     dims_to_string(plan->out_dims));
  const bool ok = visit_reduce_types(x.dtype(), int_in_double(), [&](auto t_tag, auto acc_tag) {
    using T = typename decltype(t_tag)::type;
    using Acc = typename decltype(acc_tag)::type;
    run_plan<T, Acc>(*plan, spec_.kind, spec_.finish, x.data<T>(), y.data<T>(), ctx.scratch(),
                     ctx.pool());
  });
  if (!ok) return ctx.error(unsupported_dtype_message(x.dtype(), spec_.element_types));
  return Status::ok();
}

Status ArgReduceOp::init(const InitContext& ctx) {
  axis_ = ctx.node().attr_int("axis", 0);
  keepdims_ = ctx.node().attr_int("keepdims", 1) != 0;
  select_last_ = ctx.opset() >= 12 && ctx.node().attr_int("select_last_index", 0) != 0;
  return Status::ok();
}

Status ArgReduceOp::infer(InferContext& ctx) const {
  ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kTypes));
  const ValueType& x = ctx.input(0);
  ValueType& out = ctx.output(0);
  out = ValueType();
  out.dtype = DType::kInt64;
  if (!x.has_shape) return Status::ok();
  const std::optional<int64_t> axis = normalize_axis(axis_, x.rank());
  if (!axis)
    return ctx.error("axis " + std::to_string(axis_) + " is out of range for rank " +
                     std::to_string(x.rank()));
  if (x.dims[static_cast<size_t>(*axis)] == 0)
    return ctx.input_error(0,
                           "cannot take the arg-extreme of an empty axis " + std::to_string(*axis));
  out.has_shape = true;
  for (int64_t a = 0; a < x.rank(); ++a) {
    if (a != *axis)
      out.dims.push_back(x.dims[static_cast<size_t>(a)]);
    else if (keepdims_)
      out.dims.push_back(1);
  }
  return Status::ok();
}

Status ArgReduceOp::prepare(PrepareContext& ctx) {
  const ValueType& x = ctx.input(0);
  const std::optional<int64_t> normalized = normalize_axis(axis_, x.rank());
  if (!normalized)
    return ctx.error("axis " + std::to_string(axis_) + " is out of range for rank " +
                     std::to_string(x.rank()));
  const int64_t axis = *normalized;
  shape_ = ReduceShape{1, 1, 1};
  for (int64_t a = 0; a < x.rank(); ++a) {
    const int64_t d = x.dims[static_cast<size_t>(a)];
    if (a < axis)
      shape_.outer *= d;
    else if (a == axis)
      shape_.n = d;
    else
      shape_.inner *= d;
  }
  return Status::ok();
}

Status ArgReduceOp::run(RunContext& ctx) const {
  const Tensor& x = ctx.input(0);
  if (shape_.n <= 0) return ctx.error("cannot take the arg-extreme of an empty axis");
  int64_t* y = ctx.output(0).data<int64_t>();
  const bool ok = visit_dtype<types::Numeric>(x.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    kernels::arg_reduce<T>(is_max_, select_last_, x.data<T>(), y, shape_, ctx.pool());
  });
  if (!ok) return ctx.error(unsupported_dtype_message(x.dtype(), kTypes));
  return Status::ok();
}

}  // namespace onyx::ops
