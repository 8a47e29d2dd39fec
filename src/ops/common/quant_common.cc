#include "ops/common/quant_common.h"

#include <algorithm>
#include <cmath>

#include "kernels/gemm_int.h"
#include "ops/common/cast_common.h"

namespace onyx::ops {

QuantLayout quant_layout(const Shape& x_dims, const Shape& scale_dims, int64_t axis,
                         int64_t block_size) {
  QuantLayout l;
  int64_t scale_numel = 1;
  for (int64_t d : scale_dims) scale_numel *= d;
  const int64_t rank = static_cast<int64_t>(x_dims.size());
  if (scale_dims.empty() || (scale_numel == 1 && block_size <= 0) || rank == 0) {
    l.inner = 1;
    for (int64_t d : x_dims) l.inner *= d;
    return l;
  }
  const int64_t ax = axis < 0 ? axis + rank : axis;
  l.per_tensor = false;
  for (int64_t i = 0; i < ax; ++i) l.outer *= x_dims[static_cast<size_t>(i)];
  l.axis_len = x_dims[static_cast<size_t>(ax)];
  for (int64_t i = ax + 1; i < rank; ++i) l.inner *= x_dims[static_cast<size_t>(i)];
  if (block_size > 0) {
    l.block = block_size;
    l.param_axis_len = scale_dims[static_cast<size_t>(ax)];
  }
  return l;
}

Status quant_layout(const InferContext& ctx, int scale_input, const Shape& x_dims,
                    const Shape& scale_dims, int64_t axis, int64_t block_size, QuantLayout* out) {
  const int64_t rank = static_cast<int64_t>(x_dims.size());
  int64_t scale_numel = 1;
  bool known = true;
  for (int64_t d : scale_dims) {
    known = known && dim_known(d);
    scale_numel *= d;
  }
  for (int64_t d : x_dims) known = known && dim_known(d);
  const bool per_tensor = scale_dims.empty() || (known && scale_numel == 1 && block_size <= 0);
  if (!per_tensor) {
    if (!normalize_axis(axis, rank))
      return ctx.error("axis " + std::to_string(axis) + " is out of range for rank " +
                       std::to_string(rank));
    const int64_t ax = *normalize_axis(axis, rank);
    if (block_size > 0) {
      if (static_cast<int64_t>(scale_dims.size()) != rank)
        return ctx.input_error(scale_input, "blocked quantization needs x's rank");
      for (int64_t i = 0; known && i < rank; ++i) {
        const int64_t want = i == ax
                                 ? (x_dims[static_cast<size_t>(i)] + block_size - 1) / block_size
                                 : x_dims[static_cast<size_t>(i)];
        if (scale_dims[static_cast<size_t>(i)] != want)
          return ctx.input_error(scale_input, "shape " + shape_to_string(scale_dims) +
                                                  " does not match x " + shape_to_string(x_dims) +
                                                  " blocked by " + std::to_string(block_size) +
                                                  " along axis " + std::to_string(ax));
      }
    } else {
      if (scale_dims.size() != 1)
        return ctx.input_error(scale_input, "must be a scalar or 1-D (per-axis), got shape " +
                                                shape_to_string(scale_dims));
      const int64_t d = x_dims[static_cast<size_t>(ax)];
      if (known && scale_dims[0] != d)
        return ctx.input_error(scale_input, "has " + std::to_string(scale_dims[0]) +
                                                " entries but x has " + std::to_string(d) +
                                                " along axis " + std::to_string(ax));
    }
  }
  if (known && out) *out = quant_layout(x_dims, scale_dims, axis, block_size);
  return Status::ok();
}

float scale_at(const Tensor& t, int64_t j) {
  float v = 0;
  visit_dtype<types::Float>(t.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>)
      v = to_float(t.data<T>()[j]);
    else
      v = static_cast<float>(t.data<T>()[j]);
  });
  return v;
}

int32_t zero_point_at(const Tensor* t, int64_t j) {
  if (t == nullptr) return 0;
  return static_cast<int32_t>(element_as_double(*t, j));
}

bool is_quant_integer(DType t) {
  switch (t) {
    case DType::kUInt8:
    case DType::kInt8:
    case DType::kUInt16:
    case DType::kInt16:
    case DType::kUInt4:
    case DType::kInt4:
    case DType::kUInt2:
    case DType::kInt2:
      return true;
    default:
      return false;
  }
}

void quant_range(DType t, int64_t* lo, int64_t* hi) {
  switch (t) {
    case DType::kUInt8:
      *lo = 0, *hi = 255;
      break;
    case DType::kInt8:
      *lo = -128, *hi = 127;
      break;
    case DType::kUInt16:
      *lo = 0, *hi = 65535;
      break;
    case DType::kInt16:
      *lo = -32768, *hi = 32767;
      break;
    case DType::kUInt4:
      *lo = 0, *hi = 15;
      break;
    case DType::kInt4:
      *lo = -8, *hi = 7;
      break;
    case DType::kUInt2:
      *lo = 0, *hi = 3;
      break;
    case DType::kInt2:
      *lo = -2, *hi = 1;
      break;
    default:
      *lo = INT32_MIN, *hi = INT32_MAX;
  }
}

double requant_multiplier(const Tensor& a_scale, const Tensor& b_scale, const Tensor& y_scale) {
  const float a = scale_at(a_scale, 0), b = scale_at(b_scale, 0), y = scale_at(y_scale, 0);
  auto round_to = [&](float v) {
    if (a_scale.dtype() == DType::kFloat16) return to_float(from_float<Float16>(v));
    if (a_scale.dtype() == DType::kBFloat16) return to_float(from_float<BFloat16>(v));
    return v;
  };
  return static_cast<double>(round_to(round_to(a * b) / y));
}

void store_requantized(Tensor& y, int64_t i, double value) {
  int64_t lo = 0, hi = 0;
  quant_range(y.dtype(), &lo, &hi);
  const double r =
      std::clamp(std::nearbyint(value), static_cast<double>(lo), static_cast<double>(hi));
  store_element(y, i, r);
}

Status infer_matmul_dims(InferContext& ctx, int a_input, int b_input, Shape* out) {
  const ValueType& a = ctx.input(a_input);
  const ValueType& b = ctx.input(b_input);
  if (a.rank() < 1) return ctx.input_error(a_input, "needs rank >= 1");
  if (b.rank() < 1) return ctx.input_error(b_input, "needs rank >= 1");
  Shape ad = a.dims, bd = b.dims;
  if (ad.size() == 1) ad.insert(ad.begin(), 1);
  if (bd.size() == 1) bd.push_back(1);
  const int64_t ka = ad.back(), kb = bd[bd.size() - 2];
  if (dim_known(ka) && dim_known(kb) && ka != kb)
    return ctx.input_error(b_input, "inner dimension " + std::to_string(kb) + " differs from A's " +
                                        std::to_string(ka));
  const size_t batch_rank = std::max(ad.size(), bd.size()) - 2;
  Shape dims(batch_rank);
  for (size_t i = 0; i < batch_rank; ++i) {
    const size_t from_end = batch_rank - i;
    const int64_t da = from_end <= ad.size() - 2 ? ad[ad.size() - 2 - from_end] : 1;
    const int64_t db = from_end <= bd.size() - 2 ? bd[bd.size() - 2 - from_end] : 1;
    if (da == db || db == 1) {
      dims[i] = da;
    } else if (da == 1) {
      dims[i] = db;
    } else if (dim_known(da) && dim_known(db)) {
      return ctx.input_error(b_input, "batch dims of " + shape_to_string(b.dims) +
                                          " do not broadcast with A's " + shape_to_string(a.dims));
    } else {
      dims[i] = kUnknownDim;
    }
  }
  if (a.rank() > 1) dims.push_back(ad[ad.size() - 2]);
  if (b.rank() > 1) dims.push_back(bd.back());
  *out = dims;
  return Status::ok();
}

Status int_matmul(const RunContext& ctx, const Tensor& a, const Tensor& b, const Tensor* a_zero,
                  const Tensor* b_zero, int32_t* c) {
  Shape ad = a.shape(), bd = b.shape();
  if (ad.size() == 1) ad.insert(ad.begin(), 1);
  if (bd.size() == 1) bd.push_back(1);
  const int64_t m = ad[ad.size() - 2], k = ad.back(), n = bd.back();
  const size_t batch_rank = std::max(ad.size(), bd.size()) - 2;
  std::vector<int64_t> a_batch(batch_rank, 1), b_batch(batch_rank, 1);
  std::copy(ad.begin(), ad.end() - 2, a_batch.end() - static_cast<int64_t>(ad.size() - 2));
  std::copy(bd.begin(), bd.end() - 2, b_batch.end() - static_cast<int64_t>(bd.size() - 2));
  int64_t batches = 1;
  for (size_t i = 0; i < batch_rank; ++i) batches *= std::max(a_batch[i], b_batch[i]);
  // Zero points: per-tensor or per-row (A) / per-column (B).
  auto expand = [&](const Tensor* z, int64_t len, std::vector<int32_t>* out) -> bool {
    const int64_t count = z ? z->numel() : 1;
    if (count != 1 && count != len) return false;
    out->resize(static_cast<size_t>(len));
    for (int64_t i = 0; i < len; ++i)
      (*out)[static_cast<size_t>(i)] = zero_point_at(z, count == 1 ? 0 : i);
    return true;
  };
  std::vector<int32_t> az, bz;
  if (!expand(a_zero, m, &az))
    return ctx.error("a_zero_point must have 1 or M = " + std::to_string(m) + " entries");
  if (!expand(b_zero, n, &bz))
    return ctx.error("b_zero_point must have 1 or N = " + std::to_string(n) + " entries");
  for (int64_t batch = 0; batch < batches; ++batch) {
    int64_t rem = batch, a_off = 0, b_off = 0, a_stride = 1, b_stride = 1;
    for (size_t i = batch_rank; i-- > 0;) {
      const int64_t size = std::max(a_batch[i], b_batch[i]);
      const int64_t idx = rem % size;
      rem /= size;
      if (a_batch[i] != 1) a_off += idx * a_stride;
      if (b_batch[i] != 1) b_off += idx * b_stride;
      a_stride *= a_batch[i];
      b_stride *= b_batch[i];
    }
    int32_t* cb = c + batch * m * n;
    auto call = [&](auto ta, auto tb) {
      using TA = typename decltype(ta)::type;
      using TB = typename decltype(tb)::type;
      kernels::gemm_int<TA, TB>(m, n, k, a.data<TA>() + a_off * m * k, k, az.data(),
                                b.data<TB>() + b_off * k * n, n, bz.data(), cb, n, ctx.pool());
    };
    using Int8 = TypeList<uint8_t, int8_t>;
    visit_dtype<Int8>(
        a.dtype(), [&](auto ta) { visit_dtype<Int8>(b.dtype(), [&](auto tb) { call(ta, tb); }); });
  }
  return Status::ok();
}

Status QuantConvBase::init_conv(const InitContext& ctx) {
  ONYX_RETURN_IF_ERROR(parse_window_attrs(ctx, &attrs_));
  group_ = ctx.node().attr_int("group", 1);
  if (group_ <= 0) return ctx.error("group must be positive");
  return Status::ok();
}

Status QuantConvBase::infer_conv(InferContext& ctx, int x_input, int w_input,
                                 DType out_dtype) const {
  const ValueType& x = ctx.input(x_input);
  const ValueType& w = ctx.input(w_input);
  ValueType& y = ctx.output(0);
  y.dtype = out_dtype;
  if (!x.has_shape || !w.has_shape) return Status::ok();
  if (x.rank() < 3) return ctx.input_error(x_input, "expected rank >= 3 [N, C, spatial...]");
  if (w.rank() != x.rank()) return ctx.input_error(w_input, "rank differs from X's rank");
  std::vector<int64_t> kernel(w.dims.begin() + 2, w.dims.end());
  if (!attrs_.kernel_shape.empty() && attrs_.kernel_shape != kernel)
    return ctx.input_error(w_input, "spatial dims do not match kernel_shape");
  for (int64_t k : kernel)
    if (!dim_known(k)) return ctx.input_error(w_input, "kernel spatial dims must be known");
  if (dim_known(w.dims[0]) && w.dims[0] % group_ != 0)
    return ctx.input_error(w_input, "output channels are not divisible by group");
  if (dim_known(x.dims[1]) && dim_known(w.dims[1]) && x.dims[1] != w.dims[1] * group_)
    return ctx.input_error(w_input, "input channels per group do not match X's channels");
  WindowGeometry g;
  ONYX_RETURN_IF_ERROR(resolve_window(
      ctx, attrs_, std::vector<int64_t>(x.dims.begin() + 2, x.dims.end()), kernel, &g));
  Shape dims = {x.dims[0], w.dims[0]};
  dims.insert(dims.end(), g.out.begin(), g.out.end());
  y.has_shape = true;
  y.dims = dims;
  return Status::ok();
}

Status QuantConvBase::prepare_conv(PrepareContext& ctx, int x_input, int w_input) {
  const ValueType& x = ctx.input(x_input);
  const ValueType& w = ctx.input(w_input);
  const int r = x.rank() - 2;
  if (r < 1 || r > kernels::kConvMaxSpatialRank)
    return ctx.not_implemented(std::to_string(r) + "-D convolution is not supported (1-3 " +
                               "spatial dims)");
  std::vector<ValueType> outs(1);
  std::vector<const ValueType*> ins = {&x, &w};
  InferContext ictx(ctx.node(), ctx.opset(), ins, &outs);
  std::vector<int64_t> kernel(w.dims.begin() + 2, w.dims.end());
  WindowGeometry g;
  ONYX_RETURN_IF_ERROR(resolve_window(
      ictx, attrs_, std::vector<int64_t>(x.dims.begin() + 2, x.dims.end()), kernel, &g));
  kernels::ConvShape& s = shape_;
  s.batch = x.dims[0];
  s.in_channels = x.dims[1];
  s.out_channels = w.dims[0];
  s.groups = group_;
  s.spatial_rank = r;
  for (int d = 0; d < r; ++d) {
    const auto i = static_cast<size_t>(d);
    s.in[d] = x.dims[i + 2];
    s.kernel[d] = kernel[i];
    s.out[d] = g.out[i];
    s.stride[d] = g.strides[i];
    s.dilation[d] = g.dilations[i];
    s.pad_begin[d] = g.pad_begin[i];
  }
  return Status::ok();
}

}  // namespace onyx::ops
