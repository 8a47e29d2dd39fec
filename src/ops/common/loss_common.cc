#include "ops/common/loss_common.h"

#include <limits>
#include <string>

#include "ops/common/float_widen.h"
#include "ops/common/index_common.h"

namespace onyx::ops {

Status parse_loss_attrs(const InitContext& ctx, LossAttrs* attrs) {
  const std::string reduction = ctx.node().attr_string("reduction", "mean");
  if (reduction == "none")
    attrs->reduction = LossReduction::kNone;
  else if (reduction == "sum")
    attrs->reduction = LossReduction::kSum;
  else if (reduction == "mean")
    attrs->reduction = LossReduction::kMean;
  else
    return ctx.error("reduction '" + reduction + "' is not one of none, sum, mean");
  if (ctx.node().has_attr("ignore_index"))
    attrs->ignore_index = ctx.node().attr_int("ignore_index", 0);
  return Status::ok();
}

Status infer_loss(InferContext& ctx, const LossAttrs& attrs, DTypeSet element_types) {
  ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 3));
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, element_types));
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt32, DType::kInt64}));
  const ValueType& x = ctx.input(0);
  if (ctx.has_input(2)) {
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(2, {x.dtype}));
    const ValueType& w = ctx.input(2);
    if (w.has_shape && w.rank() != 1) return ctx.input_error(2, "weight must be 1-D [C]");
    if (w.has_shape && x.has_shape && x.rank() >= 2 && dim_known(w.dims[0]) &&
        dim_known(x.dims[1]) && w.dims[0] != x.dims[1])
      return ctx.input_error(2, "weight has " + std::to_string(w.dims[0]) +
                                    " entries but input 0 has " + std::to_string(x.dims[1]) +
                                    " classes");
  }
  const ValueType& t = ctx.input(1);
  if (x.has_shape && x.rank() < 2) return ctx.input_error(0, "expected rank >= 2 [N, C, ...]");
  if (x.has_shape && t.has_shape) {
    if (t.rank() != x.rank() - 1)
      return ctx.input_error(
          1, "target must have rank " + std::to_string(x.rank() - 1) + " [N, d1, ...]");
    for (int k = 0; k < t.rank(); ++k) {
      const int64_t xd = x.dims[static_cast<size_t>(k == 0 ? 0 : k + 1)];
      const int64_t td = t.dims[static_cast<size_t>(k)];
      if (dim_known(xd) && dim_known(td) && xd != td)
        return ctx.input_error(1, "target dim " + std::to_string(k) + " is " + std::to_string(td) +
                                      " but input 0 has " + std::to_string(xd));
    }
  }
  ValueType& out = ctx.output(0);
  out = ValueType();
  out.dtype = x.dtype;
  if (attrs.reduction != LossReduction::kNone) {
    out = ValueType::tensor(x.dtype, {});
  } else if (t.has_shape) {
    out = ValueType::tensor(x.dtype, t.dims);
  } else if (x.has_shape) {
    Shape dims = x.dims;
    dims.erase(dims.begin() + 1);
    out = ValueType::tensor(x.dtype, dims);
  }
  return Status::ok();
}

LossDims loss_dims(const Shape& input_dims) {
  LossDims d;
  d.n = input_dims[0];
  d.c = input_dims[1];
  for (size_t k = 2; k < input_dims.size(); ++k) d.d *= input_dims[k];
  return d;
}

template <class T>
Status nll_loss(RunContext& ctx, const T* logp, const LossDims& dims, const Tensor& target,
                const Tensor* weight, const LossAttrs& attrs, Tensor& loss) {
  const T* w = weight ? weight->data<T>() : nullptr;
  T* out = loss.data<T>();
  double sum = 0, weight_sum = 0;
  for (int64_t n = 0; n < dims.n; ++n) {
    for (int64_t d = 0; d < dims.d; ++d) {
      const int64_t i = n * dims.d + d;
      const int64_t t = int_at(target, i);
      double value = 0, applied = 0;
      if (!(attrs.ignore_index && t == *attrs.ignore_index)) {
        if (t < 0 || t >= dims.c)
          return ctx.error("target " + std::to_string(t) + " at index " + std::to_string(i) +
                           " is outside [0, " + std::to_string(dims.c) + ")");
        applied = w ? static_cast<double>(widen(w[t])) : 1.0;
        value = -applied * static_cast<double>(widen(logp[(n * dims.c + t) * dims.d + d]));
      }
      if (attrs.reduction == LossReduction::kNone) out[i] = narrow<T>(static_cast<Wide<T>>(value));
      sum += value;
      weight_sum += applied;
    }
  }
  if (attrs.reduction == LossReduction::kSum) out[0] = narrow<T>(static_cast<Wide<T>>(sum));
  if (attrs.reduction == LossReduction::kMean) {
    const double mean =
        weight_sum != 0 ? sum / weight_sum : std::numeric_limits<double>::quiet_NaN();
    out[0] = narrow<T>(static_cast<Wide<T>>(mean));
  }
  return Status::ok();
}

template Status nll_loss<float>(RunContext&, const float*, const LossDims&, const Tensor&,
                                const Tensor*, const LossAttrs&, Tensor&);
template Status nll_loss<double>(RunContext&, const double*, const LossDims&, const Tensor&,
                                 const Tensor*, const LossAttrs&, Tensor&);
template Status nll_loss<Float16>(RunContext&, const Float16*, const LossDims&, const Tensor&,
                                  const Tensor*, const LossAttrs&, Tensor&);
template Status nll_loss<BFloat16>(RunContext&, const BFloat16*, const LossDims&, const Tensor&,
                                   const Tensor*, const LossAttrs&, Tensor&);

}  // namespace onyx::ops
