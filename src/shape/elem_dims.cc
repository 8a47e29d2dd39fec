#include "shape/elem_dims.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "ops/common/dim_expr.h"

namespace onyx::shape {

namespace {

using Elems = std::vector<int64_t>;
using ops::InferContext;
using ops::kElemMinusOne;
using ops::kUnknownDim;

// Elements of input i when it is an int tensor of rank 0 or 1 whose elements are (partly) known.
std::optional<Elems> elems(const InferContext& ctx, int i) {
  if (!ctx.has_input(i)) return std::nullopt;
  const ops::ValueType& v = ctx.input(i);
  if (!v.is_tensor() || (v.has_shape && v.rank() > 1)) return std::nullopt;
  if (v.value.defined() && v.value.shape().size() > 1) return std::nullopt;
  return ops::input_elem_dims(ctx, i);
}

// Constant integer contents of input i (raw values), rank <= 1.
std::optional<Elems> constant_ints(const InferContext& ctx, int i) {
  if (!ctx.has_input(i) || !ctx.input(i).value.defined()) return std::nullopt;
  if (ctx.input(i).value.shape().size() > 1) return std::nullopt;
  return ctx.input(i).int_values();
}

// An integer value as an elem_dims entry.
int64_t value_entry(int64_t v) {
  return v >= 0 ? v : v == -1 ? kElemMinusOne : kUnknownDim;
}

// A dim-valued entry as a plain dim (kElemMinusOne is not a size).
int64_t size_of(int64_t e) {
  return e == kElemMinusOne ? kUnknownDim : e;
}

std::optional<Elems> gather(const InferContext& ctx) {
  std::optional<Elems> data = elems(ctx, 0);
  std::optional<Elems> idx = constant_ints(ctx, 1);
  if (!data || !idx) return std::nullopt;
  const int64_t axis = ctx.node().attr_int("axis", 0);
  if (axis != 0 && axis != -1) return std::nullopt;
  const int64_t n = static_cast<int64_t>(data->size());
  Elems out;
  for (int64_t i : *idx) {
    if (i < 0) i += n;
    if (i < 0 || i >= n) return std::nullopt;
    out.push_back((*data)[static_cast<size_t>(i)]);
  }
  return out;
}

std::optional<Elems> concat(const InferContext& ctx) {
  const int64_t axis = ctx.node().attr_int("axis", 0);
  if (axis != 0 && axis != -1) return std::nullopt;
  Elems out;
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    std::optional<Elems> part = elems(ctx, i);
    if (!part) return std::nullopt;
    out.insert(out.end(), part->begin(), part->end());
  }
  return out;
}

// Slice of a 1-D list along axis 0 with constant starts/ends/steps (inputs from opset 10,
// attributes before).
std::optional<Elems> slice(const InferContext& ctx) {
  std::optional<Elems> data = elems(ctx, 0);
  if (!data) return std::nullopt;
  std::optional<Elems> starts, ends, axes, steps;
  if (ctx.opset() < 10) {
    if (!ctx.node().has_attr("starts") || !ctx.node().has_attr("ends")) return std::nullopt;
    starts = ctx.node().attr_ints("starts");
    ends = ctx.node().attr_ints("ends");
    if (ctx.node().has_attr("axes")) axes = ctx.node().attr_ints("axes");
  } else {
    starts = constant_ints(ctx, 1);
    ends = constant_ints(ctx, 2);
    if (ctx.has_input(3)) axes = constant_ints(ctx, 3);
    if (ctx.has_input(4)) steps = constant_ints(ctx, 4);
    if ((ctx.has_input(3) && !axes) || (ctx.has_input(4) && !steps)) return std::nullopt;
  }
  if (!starts || !ends || starts->size() != 1 || ends->size() != 1) return std::nullopt;
  if (axes && (axes->size() != 1 || ((*axes)[0] != 0 && (*axes)[0] != -1))) return std::nullopt;
  const int64_t step = steps ? (steps->size() == 1 ? (*steps)[0] : 0) : 1;
  if (step == 0) return std::nullopt;
  const int64_t n = static_cast<int64_t>(data->size());
  auto clamp = [&](int64_t v, int64_t lo, int64_t hi) {
    if (v < 0) v = v < -n ? lo : v + n;
    return std::clamp(v, lo, hi);
  };
  Elems out;
  if (step > 0) {
    const int64_t b = clamp((*starts)[0], 0, n), e = clamp((*ends)[0], 0, n);
    for (int64_t i = b; i < e; i += step) out.push_back((*data)[static_cast<size_t>(i)]);
  } else {
    const int64_t b = clamp((*starts)[0], -1, n - 1), e = clamp((*ends)[0], -1, n - 1);
    for (int64_t i = b; i > e; i += step) out.push_back((*data)[static_cast<size_t>(i)]);
  }
  return out;
}

// Elementwise integer arithmetic with one side possibly of length 1.
std::optional<Elems> arithmetic(const InferContext& ctx, char op) {
  std::optional<Elems> a = elems(ctx, 0), b = elems(ctx, 1);
  if (!a || !b) return std::nullopt;
  if (a->size() != b->size() && a->size() != 1 && b->size() != 1) return std::nullopt;
  const size_t n = std::max(a->size(), b->size());
  Elems out(n);
  for (size_t i = 0; i < n; ++i) {
    const int64_t x = (*a)[a->size() == 1 ? 0 : i], y = (*b)[b->size() == 1 ? 0 : i];
    if (ops::dim_known(x) && ops::dim_known(y)) {  // plain integers: the exact value
      int64_t v = kUnknownDim;
      if (op == '+') v = x + y;
      if (op == '-') v = x - y;
      if (op == '*') v = x * y;
      if (op == '/' && y > 0) v = x / y;
      out[i] = value_entry(v);
      continue;
    }
    const int64_t sx = size_of(x), sy = size_of(y);
    switch (op) {
      case '+':
        out[i] = ops::dim_add(sx, sy);
        break;
      case '-':
        out[i] = ops::dim_sub(sx, sy);
        break;
      case '*':
        out[i] = ops::dim_mul(sx, sy);
        break;
      default:
        out[i] = ops::dim_known(sy) ? ops::dim_floordiv(sx, sy) : ops::dim_exact_div(sx, sy);
    }
  }
  return out;
}

// Equal on shape elements (PyTorch's Expand export compares the target with -1): 1 / 0 per
// element when decidable (a size is never -1; equal ids are equal), else kUnknownDim.
std::optional<Elems> equal(const InferContext& ctx) {
  std::optional<Elems> a = elems(ctx, 0), b = elems(ctx, 1);
  if (!a || !b) return std::nullopt;
  if (a->size() != b->size() && a->size() != 1 && b->size() != 1) return std::nullopt;
  const size_t n = std::max(a->size(), b->size());
  Elems out(n);
  for (size_t i = 0; i < n; ++i) {
    const int64_t x = (*a)[a->size() == 1 ? 0 : i], y = (*b)[b->size() == 1 ? 0 : i];
    const bool x_fixed = ops::dim_known(x) || x == kElemMinusOne;
    const bool y_fixed = ops::dim_known(y) || y == kElemMinusOne;
    if (x == kUnknownDim || y == kUnknownDim)
      out[i] = kUnknownDim;
    else if (x == y)
      out[i] = 1;
    else if (x_fixed && y_fixed)
      out[i] = 0;
    else if (x == kElemMinusOne || y == kElemMinusOne)
      out[i] = 0;  // a symbolic size is never -1
    else
      out[i] = kUnknownDim;
  }
  return out;
}

// Where with a constant condition picks elements of x or y.
std::optional<Elems> where(const InferContext& ctx) {
  if (!ctx.has_input(0) || !ctx.input(0).value.defined()) return std::nullopt;
  const Tensor& cond = ctx.input(0).value;
  if (cond.dtype() != DType::kBool || cond.shape().size() > 1) return std::nullopt;
  std::optional<Elems> x = elems(ctx, 1), y = elems(ctx, 2);
  if (!x || !y) return std::nullopt;
  const size_t c = static_cast<size_t>(cond.numel());
  const size_t n = std::max({c, x->size(), y->size()});
  for (size_t len : {c, x->size(), y->size()})
    if (len != n && len != 1) return std::nullopt;
  Elems out(n);
  for (size_t i = 0; i < n; ++i)
    out[i] = cond.data<bool>()[c == 1 ? 0 : i] ? (*x)[x->size() == 1 ? 0 : i]
                                               : (*y)[y->size() == 1 ? 0 : i];
  return out;
}

std::optional<Elems> derive(const InferContext& ctx) {
  const std::string& op = ctx.node().op_type;
  if (op == "Gather") return gather(ctx);
  if (op == "Concat") return concat(ctx);
  if (op == "Slice") return slice(ctx);
  if (op == "Add") return arithmetic(ctx, '+');
  if (op == "Sub") return arithmetic(ctx, '-');
  if (op == "Mul") return arithmetic(ctx, '*');
  if (op == "Div") return arithmetic(ctx, '/');
  if (op == "Equal") return equal(ctx);
  if (op == "Where") return where(ctx);
  if (op == "Unsqueeze" || op == "Squeeze" || op == "Identity" || op == "Cast" || op == "Reshape" ||
      op == "Flatten")
    return elems(ctx, 0);  // same elements, rank 0 <-> 1
  if (op == "Size" && ctx.has_input(0) && ctx.input(0).has_shape) {
    int64_t p = 1;
    for (int64_t d : ctx.input(0).dims) p = ops::dim_mul(p, d);
    return Elems{p};
  }
  return std::nullopt;
}

bool is_integer(DType t) {
  return t == DType::kInt64 || t == DType::kInt32 || t == DType::kInt16 || t == DType::kInt8 ||
         t == DType::kUInt64 || t == DType::kUInt32 || t == DType::kUInt16 || t == DType::kUInt8;
}

}  // namespace

void propagate_elem_dims(ops::InferContext& ctx) {
  if (ctx.num_outputs() < 1 || !ctx.has_output(0) || !ir::is_default_domain(ctx.node().domain))
    return;
  ops::ValueType& out = ctx.output(0);
  const bool is_bool = out.dtype == DType::kBool;  // Equal's result
  if (out.is_constant() || !out.is_tensor() || !(is_integer(out.dtype) || is_bool)) return;
  if (out.has_shape && out.rank() > 1) return;
  std::optional<Elems> e = derive(ctx);
  if (!e || e->empty()) return;
  if (out.has_shape && out.rank() == 0 && e->size() != 1) return;
  if (out.has_shape && out.rank() == 1 && ops::dim_known(out.dims[0]) &&
      out.dims[0] != static_cast<int64_t>(e->size()))
    return;
  bool all_fixed = true, any_known = false;
  for (int64_t d : *e) {
    const bool fixed = ops::dim_known(d) || d == kElemMinusOne;
    all_fixed = all_fixed && fixed;
    any_known = any_known || d != kUnknownDim;
  }
  if (!any_known) return;
  if (out.has_shape && out.rank() == 1 && !ops::dim_known(out.dims[0]))
    out.dims[0] = static_cast<int64_t>(e->size());
  if (is_bool) {  // only a fully decided comparison is kept, as a constant
    if (!all_fixed || !out.has_shape || !out.fully_known()) return;
    out.value = Tensor::empty(DType::kBool, out.dims);
    for (size_t i = 0; i < e->size(); ++i) out.value.data<bool>()[i] = (*e)[i] != 0;
    return;
  }
  if (all_fixed && out.dtype == DType::kInt64 && out.has_shape) {
    Elems values = *e;
    for (int64_t& v : values)
      if (v == kElemMinusOne) v = -1;
    out.value = Tensor::from_vector<int64_t>(out.dims, values);
    return;
  }
  ops::set_output_elem_dims(ctx, 0, std::move(*e));
}

}  // namespace onyx::shape
