#include "ops/common/norm_common.h"

#include <string>

#include "kernels/norm.h"
#include "ops/common/broadcast.h"
#include "ops/common/float_compute.h"

namespace onyx::ops {

bool broadcasts_to(const Shape& from, const Shape& to) {
  if (from.size() > to.size()) return false;
  const size_t off = to.size() - from.size();
  for (size_t k = 0; k < from.size(); ++k)
    if (from[k] != 1 && from[k] != to[off + k]) return false;
  return true;
}

template <class C>
void broadcast_into(const C* src, const Shape& from, const Shape& to, C* dst) {
  // Per element: walk the target index from the last axis, accumulating the source offset
  // (broadcast axes contribute nothing). No allocation: this runs inside run().
  const size_t rank = to.size(), off = rank - from.size();
  const int64_t total = shape_numel(to);
  for (int64_t e = 0; e < total; ++e) {
    int64_t rest = e, at = 0, src_stride = 1;
    for (size_t k = rank; k-- > off;) {
      const int64_t i = rest % to[k];
      rest /= to[k];
      const int64_t d = from[k - off];
      if (d != 1) at += i * src_stride;
      src_stride *= d;
    }
    dst[e] = src[at];
  }
}
template void broadcast_into(const float*, const Shape&, const Shape&, float*);
template void broadcast_into(const double*, const Shape&, const Shape&, double*);

Status RowNormOp::init(const InitContext& ctx) {
  axis_ = ctx.node().attr_int("axis", -1);
  epsilon_ = ctx.node().attr_float("epsilon", 1e-5f);
  const int64_t stash = ctx.node().attr_int("stash_type", 1);
  // ONNX allows float (1) and, since the 1.16 schemas, bfloat16 (16) for the statistics type.
  if (stash == 1)
    stash_type_ = DType::kFloat32;
  else if (stash == 16)
    stash_type_ = DType::kBFloat16;
  else if (stash == 11)
    stash_type_ = DType::kFloat64;
  else
    return ctx.not_implemented("stash_type " + std::to_string(stash) +
                               " (supported: 1 float, 11 double, 16 bfloat16)");
  return Status::ok();
}

Status RowNormOp::infer(InferContext& ctx) const {
  ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, centered_ ? 3 : 2));
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, kElementTypes));
  if (ctx.has_input(2)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(2, kElementTypes));
  const ValueType& x = ctx.input(0);
  ctx.output(0) = x.type_only();
  if (!x.has_shape) {
    for (int i = 1; i < ctx.num_outputs(); ++i) ctx.output(i).dtype = stash_type_;
    return Status::ok();
  }
  const int64_t rank = x.rank();
  const auto axis = normalize_axis(axis_, rank);
  if (!axis)
    return ctx.error("axis " + std::to_string(axis_) + " is out of range for rank " +
                     std::to_string(rank));
  const Shape row_dims(x.dims.begin() + *axis, x.dims.end());
  bool row_known = true;
  for (int64_t d : row_dims) row_known = row_known && dim_known(d);
  for (int i = 1; i < ctx.num_inputs(); ++i) {
    if (!ctx.has_input(i) || !ctx.input(i).has_shape || !row_known) continue;
    bool known = true;
    for (int64_t d : ctx.input(i).dims) known = known && dim_known(d);
    if (known && !broadcasts_to(ctx.input(i).dims, row_dims))
      return ctx.input_error(i, "shape " + dims_to_string(ctx.input(i).dims) +
                                    " does not broadcast to the normalized dims " +
                                    dims_to_string(row_dims));
  }
  // Mean and InvStdDev: X.dims[:axis] followed by ones.
  Shape stat_dims(x.dims.begin(), x.dims.begin() + *axis);
  stat_dims.resize(static_cast<size_t>(rank), 1);
  for (int i = 1; i < ctx.num_outputs(); ++i)
    ctx.output(i) = ValueType::tensor(stash_type_, stat_dims);
  return Status::ok();
}

Status RowNormOp::prepare(PrepareContext& ctx) {
  const ValueType& x = ctx.input(0);
  const int64_t axis = *normalize_axis(axis_, x.rank());
  geometry_.row_dims.assign(x.dims.begin() + axis, x.dims.end());
  geometry_.n = shape_numel(geometry_.row_dims);
  geometry_.rows = geometry_.n == 0 ? 0 : shape_numel(x.dims) / geometry_.n;
  auto needs_expansion = [&](int i) {
    return ctx.has_input(i) && shape_numel(ctx.input(i).dims) != geometry_.n;
  };
  expand_scale_ = needs_expansion(1);
  expand_bias_ = needs_expansion(2);
  const size_t elem = dtype_size(compute_dtype(x.dtype));
  const size_t extra = (expand_scale_ ? align64(static_cast<size_t>(geometry_.n) * elem) : 0) +
                       (expand_bias_ ? align64(static_cast<size_t>(geometry_.n) * elem) : 0);
  ctx.request_scratch(compute_copy_bytes(ctx) + extra);
  return Status::ok();
}

Status RowNormOp::run(RunContext& ctx) const {
  return run_in_compute_type(ctx, [&](auto& t) -> Status {
    using C = typename std::remove_reference_t<decltype(t)>::Compute;
    char* extra = static_cast<char*>(t.extra);
    auto operand = [&](int i, bool expand) -> const C* {
      if (!ctx.has_input(i)) return nullptr;
      if (!expand) return t.in[static_cast<size_t>(i)];
      C* dst = reinterpret_cast<C*>(extra);
      extra += align64(static_cast<size_t>(geometry_.n) * sizeof(C));
      broadcast_into(t.in[static_cast<size_t>(i)], ctx.input(i).shape(), geometry_.row_dims, dst);
      return dst;
    };
    kernels::NormRows<C> p;
    p.rows = geometry_.rows;
    p.n = geometry_.n;
    p.epsilon = static_cast<C>(epsilon_);
    p.centered = centered_;
    p.scale = operand(1, expand_scale_);
    p.bias = operand(2, expand_bias_);
    p.mean = t.out[1];
    p.inv_std = t.out[2];
    kernels::normalize_rows(t.in[0], t.out[0], p, ctx.pool());
    return Status::ok();
  });
}

}  // namespace onyx::ops
