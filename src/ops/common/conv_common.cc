#include "ops/common/conv_common.h"

#include "ops/common/float_widen.h"

namespace onyx::ops {

Status parse_group(const InitContext& ctx, int64_t* group) {
  *group = ctx.node().attr_int("group", 1);
  if (*group <= 0) return ctx.error("group must be positive, got " + std::to_string(*group));
  return Status::ok();
}

Status expect_conv_dtypes(const InferContext& ctx, int n) {
  constexpr DTypeSet kTypes = dtype_set<ConvTypes>();
  for (int i = 0; i < n && i < ctx.num_inputs(); ++i) {
    if (!ctx.has_input(i)) continue;
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(i, kTypes));
    if (ctx.input(i).dtype != ctx.input(0).dtype)
      return ctx.input_error(i, std::string("element type ") + dtype_name(ctx.input(i).dtype) +
                                    " differs from input 0's " + dtype_name(ctx.input(0).dtype));
  }
  return Status::ok();
}

const float* float32_input(const Tensor& t, float* staging) {
  if (t.dtype() == DType::kFloat32) return t.data<float>();
  const int64_t n = t.numel();
  visit_dtype<ConvTypes>(t.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* src = t.data<T>();
    for (int64_t i = 0; i < n; ++i) staging[i] = static_cast<float>(widen(src[i]));
  });
  return staging;
}

float* float32_output(Tensor& t, float* staging) {
  return t.dtype() == DType::kFloat32 ? t.data<float>() : staging;
}

void finish_float32_output(const float* staging, Tensor& t) {
  if (t.dtype() == DType::kFloat32) return;
  const int64_t n = t.numel();
  visit_dtype<ConvTypes>(t.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* dst = t.data<T>();
    for (int64_t i = 0; i < n; ++i) dst[i] = narrow<T>(static_cast<Wide<T>>(staging[i]));
  });
}

}  // namespace onyx::ops
