#include "ops/common/float_compute.h"

#include "ops/common/float_widen.h"

namespace onyx::ops {

size_t compute_copy_bytes(const PrepareContext& ctx) {
  const DType compute = compute_dtype(ctx.input(0).dtype);
  const size_t elem = dtype_size(compute);
  size_t bytes = 0;
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    if (!ctx.has_input(i)) continue;
    const ValueType& v = ctx.input(i);
    if (v.dtype != compute && is_float_dtype(v.dtype))
      bytes += align64(static_cast<size_t>(shape_numel(v.dims)) * elem);
  }
  // Absent outputs cannot be told apart here; counting them only over-allocates.
  for (int i = 0; i < ctx.num_outputs(); ++i) {
    const ValueType& v = ctx.output(i);
    if (v.dtype != compute && is_float_dtype(v.dtype) && v.has_shape)
      bytes += align64(static_cast<size_t>(shape_numel(v.dims)) * elem);
  }
  return bytes;
}

void convert_floats(const void* src, DType src_type, void* dst, DType dst_type, int64_t n) {
  using Floats = types::Float;
  visit_dtype<Floats>(src_type, [&](auto src_tag) {
    using S = typename decltype(src_tag)::type;
    visit_dtype<Floats>(dst_type, [&](auto dst_tag) {
      using D = typename decltype(dst_tag)::type;
      const S* s = static_cast<const S*>(src);
      D* d = static_cast<D*>(dst);
      for (int64_t i = 0; i < n; ++i) {
        // Through double so float64 <-> float32 keeps every bit the narrower type can hold.
        const double v = static_cast<double>(widen(s[i]));
        if constexpr (kIsHalfFloat<D>)
          d[i] = narrow<D>(static_cast<float>(v));
        else
          d[i] = static_cast<D>(v);
      }
    });
  });
}

}  // namespace onyx::ops
