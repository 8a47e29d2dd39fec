// Reshape: a pure view (ops/common/view_op.h) with a new shape.
//   opset 1-4: target from the `shape` attribute; opset 5+: from input 1 (int64, 1-D).
//   Entry 0 copies the input dim at that position, unless allowzero=1 (opset 14+): then 0 is a
//   literal zero and -1 may not appear with it. One entry may be -1: inferred from the element
//   count. Other negative entries are invalid.
// Shape inference keeps symbolic dims: copied dims (0 entries) pass through and a -1 next to
// matching symbolic dims cancels them (e.g. [N, C, H, W] -> [0, -1] gives [N, C*H*W]).
#include <algorithm>
#include <climits>

#include "ops/common/dim_expr.h"
#include "ops/common/int_inputs.h"
#include "ops/common/view_op.h"

namespace onyx::ops {
namespace {

// Entry of a requested shape whose value is not known at plan time (a propagated shape element
// that inference could not pin down): the output dim there is unknown.
constexpr int64_t kUnknownEntry = INT64_MIN + 1;

// Product of dims through `ctx`'s symbolic arithmetic, or plainly when ctx is null (run time).
int64_t product(const InferContext* ctx, const std::vector<int64_t>& dims) {
  if (!ctx) return dims_product(dims);
  int64_t p = 1;
  for (int64_t d : dims) p = dim_mul(p, d);
  return p;
}

// Computes the output dims for input dims `in` (entries may be unknown/symbolic). `requested`
// holds literal entries (-1, 0, sizes); with `symbolic_entries` also dims <= -2 (symbolic sizes
// from a propagated shape) and kUnknownEntry. `ctx` (inference only) does symbolic arithmetic.
// Returns "" on success or an error message.
std::string resolve_shape(const Shape& in, const std::vector<int64_t>& requested, bool allowzero,
                          bool symbolic_entries, const InferContext* ctx, Shape* out) {
  out->assign(requested.begin(), requested.end());
  int infer_at = -1;
  bool has_zero = false;
  for (size_t i = 0; i < requested.size(); ++i) {
    const int64_t v = requested[i];
    if (v == -1) {
      if (infer_at >= 0) return "shape " + dims_to_string(requested) + " has more than one -1";
      infer_at = static_cast<int>(i);
    } else if (symbolic_entries && v == kUnknownEntry) {
      (*out)[i] = kUnknownDim;
    } else if (v < -1 && !symbolic_entries) {
      return "shape " + dims_to_string(requested) + " has invalid entry " + std::to_string(v);
    } else if (v == 0) {
      has_zero = true;
      if (allowzero) continue;
      if (i >= in.size())
        return "shape entry " + std::to_string(i) +
               " is 0 (copy input dim) but the input has rank " + std::to_string(in.size());
      (*out)[i] = in[i];
    }
  }
  if (allowzero && has_zero && infer_at >= 0)
    return "shape " + dims_to_string(requested) + " has both 0 and -1, invalid with allowzero=1";

  // Cancel equal symbolic dims between input and output, then compare what is left.
  std::vector<int64_t> in_rest(in.begin(), in.end()), out_rest;
  for (size_t i = 0; i < out->size(); ++i) {
    if (static_cast<int>(i) == infer_at) continue;
    const int64_t d = (*out)[i];
    auto match = d < kUnknownDim ? std::find(in_rest.begin(), in_rest.end(), d) : in_rest.end();
    if (match == in_rest.end())
      out_rest.push_back(d);
    else
      in_rest.erase(match);
  }
  const int64_t in_rest_product = product(ctx, in_rest);
  const int64_t out_rest_product = product(ctx, out_rest);
  const int64_t in_total = dims_product(in);
  if (infer_at >= 0) {
    int64_t inferred = kUnknownDim;
    if (out_rest_product == 0) {
      if (in_total != 0 || !dim_known(in_total))
        return "cannot infer the -1 in shape " + dims_to_string(requested) +
               " when other entries are 0";
      inferred = 0;  // ambiguous 0-size result: follow numpy and use 0
    } else if (dim_known(in_rest_product) && dim_known(out_rest_product)) {
      if (in_rest_product % out_rest_product != 0)
        return "cannot reshape input " + dims_to_string(in) + " to " + dims_to_string(requested) +
               ": element count is not divisible";
      inferred = in_rest_product / out_rest_product;
    } else if (ctx) {
      inferred = dim_exact_div(in_rest_product, out_rest_product);
    }
    if (inferred == kUnknownDim && dim_known(dims_product(out_rest))) {
      // Without symbolic arithmetic: a lone symbolic input dim left over once the fixed parts
      // cancel ([N, 6] -> [6, -1]).
      int64_t in_fixed = 1, symbolic = 0, sym_dim = kUnknownDim;
      for (int64_t d : in_rest) {
        if (dim_known(d)) {
          in_fixed *= d;
        } else {
          ++symbolic;
          sym_dim = d;
        }
      }
      if (symbolic == 1 && sym_dim < kUnknownDim && in_fixed == dims_product(out_rest))
        inferred = sym_dim;
    }
    (*out)[static_cast<size_t>(infer_at)] = inferred;
  } else if (dim_known(in_rest_product) && dim_known(out_rest_product) &&
             in_rest_product != out_rest_product) {
    return "cannot reshape input " + dims_to_string(in) + " (" + std::to_string(in_total) +
           " elements) to " + dims_to_string(*out);
  }
  return "";
}

class ReshapeOp final : public ViewOp {
 public:
  Status init(const InitContext& ctx) override {
    ONYX_RETURN_IF_ERROR(shape_.init(ctx));
    // allowzero: opset 14+.
    allowzero_ = ctx.opset() >= 14 && ctx.node().attr_int("allowzero", 0) != 0;
    return Status::ok();
  }

 protected:
  Status output_shape(InferContext& ctx, ValueType& out) const override {
    const bool shape_input = shape_.from_input(ctx.opset());
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(shape_input ? 2 : 1, shape_input ? 2 : 1));
    IntListArg::Known requested;
    ONYX_RETURN_IF_ERROR(shape_.infer(ctx, &requested));
    if (shape_input && ctx.input(1).has_shape && ctx.input(1).rank() != 1)
      return ctx.input_error(1,
                             "shape must be 1-D, got rank " + std::to_string(ctx.input(1).rank()));
    const bool symbolic = !requested.values && !requested.elem_dims.empty();
    if (symbolic) {  // a shape built from Shape(x) and constants: entries are dims
      requested.values = requested.elem_dims;
      for (int64_t& v : *requested.values)
        v = v == kUnknownDim ? kUnknownEntry : v == kElemMinusOne ? -1 : v;
    }
    if (!requested.values) {  // target known only at run time: at most its rank is known
      if (dim_known(requested.length)) {
        out.has_shape = true;
        out.dims.assign(static_cast<size_t>(requested.length), kUnknownDim);
      }
      return Status::ok();
    }
    const ValueType& x = ctx.input(0);
    Shape in_dims = x.dims;
    if (!x.has_shape) {
      // Rank unknown: copies (0) and the -1 stay unknown.
      in_dims.assign(requested.values->size(), kUnknownDim);
      in_dims.push_back(kUnknownDim);  // keeps the element count unknown
    }
    out.has_shape = true;
    std::string err =
        resolve_shape(in_dims, *requested.values, allowzero_, symbolic, &ctx, &out.dims);
    if (!err.empty()) return ctx.input_error(shape_.error_input(ctx.opset()), err);
    return Status::ok();
  }

  Status run_time_shape(RunContext& ctx, Shape* dims) const override {
    std::optional<std::vector<int64_t>> requested;
    ONYX_RETURN_IF_ERROR(shape_.run(ctx, &requested));
    std::string err =
        resolve_shape(ctx.input(0).shape(), *requested, allowzero_, false, nullptr, dims);
    return err.empty() ? Status::ok() : ctx.error(err);
  }

 private:
  // opset 1-4: `shape` attribute; opset 5+: input 1.
  IntListArg shape_{"shape", 1, 5, /*required=*/true};
  bool allowzero_ = false;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Reshape, ReshapeOp)
