#include "ops/common/random_common.h"

#include <bit>
#include <cmath>
#include <random>

#include "kernels/random.h"
#include "ops/common/float_widen.h"

namespace onyx::ops {

void RandomStream::init(const ir::Node& node) {
  if (const ir::Attribute* seed = node.attr("seed")) {
    const double value = seed->type == ir::Attribute::Type::kFloat ? static_cast<double>(seed->f)
                                                                   : static_cast<double>(seed->i);
    key_ = kernels::mix64(std::bit_cast<uint64_t>(value));
  } else {
    std::random_device device;
    base_ = (static_cast<uint64_t>(device()) << 32) ^ device();
  }
}

uint64_t RandomStream::key_for_run() const {
  if (key_) return *key_;
  return kernels::mix64(base_ + runs_.fetch_add(1, std::memory_order_relaxed));
}

Status random_dtype_attr(const InitContext& ctx, DType fallback, DTypeSet allowed, DType* out) {
  *out = fallback;
  if (!ctx.node().has_attr("dtype")) return Status::ok();
  *out = static_cast<DType>(ctx.node().attr_int("dtype", 0));
  if (!allowed.contains(*out))
    return ctx.error("dtype " + std::to_string(ctx.node().attr_int("dtype", 0)) +
                     " is not supported (supported: " + allowed.names() + ")");
  return Status::ok();
}

namespace {

// Draws through a float buffer in chunks (no allocation) and rounds into T.
template <class T, class Draw>
void fill_half(T* out, int64_t n, uint64_t key, Draw draw) {
  constexpr int64_t kChunk = 256;  // a multiple of 4: chunks start at Philox block boundaries
  float buf[kChunk];
  for (int64_t first = 0; first < n; first += kChunk) {
    const int64_t count = std::min(kChunk, n - first);
    // Chunk c uses the stream of key mix64(key + c), so chunks are independent.
    draw(kernels::mix64(key + static_cast<uint64_t>(first / kChunk)), buf, count);
    for (int64_t i = 0; i < count; ++i) out[first + i] = narrow<T>(buf[i]);
  }
}

// The next representable float16/bfloat16 value toward -infinity (finite inputs).
template <class T>
T step_down(T v) {
  if ((v.bits & 0x7fff) == 0) return T{0x8001};  // +-0 -> smallest negative subnormal
  v.bits =
      (v.bits & 0x8000) ? static_cast<uint16_t>(v.bits + 1) : static_cast<uint16_t>(v.bits - 1);
  return v;
}

}  // namespace

void fill_uniform(Tensor& out, uint64_t key, double low, double high) {
  const int64_t n = out.numel();
  auto draw = [&](uint64_t k, float* buf, int64_t count) {
    kernels::random_uniform_f32(k, static_cast<float>(low), static_cast<float>(high), buf, count);
  };
  auto clamp_half = [&](auto* data) {
    fill_half(data, n, key, draw);
    const float hi = static_cast<float>(high);
    if (!(hi > static_cast<float>(low))) return;
    for (int64_t i = 0; i < n; ++i)
      while (widen(data[i]) >= hi) data[i] = step_down(data[i]);
  };
  switch (out.dtype()) {
    case DType::kFloat32:
      return draw(key, out.data<float>(), n);
    case DType::kFloat64:
      return kernels::random_uniform_f64(key, low, high, out.data<double>(), n);
    case DType::kFloat16:
      return clamp_half(out.data<Float16>());
    case DType::kBFloat16:
      return clamp_half(out.data<BFloat16>());
    default:
      return;
  }
}

void fill_normal(Tensor& out, uint64_t key, double mean, double scale) {
  const int64_t n = out.numel();
  auto draw = [&](uint64_t k, float* buf, int64_t count) {
    kernels::random_normal_f32(k, static_cast<float>(mean), static_cast<float>(scale), buf, count);
  };
  switch (out.dtype()) {
    case DType::kFloat32:
      return draw(key, out.data<float>(), n);
    case DType::kFloat64:
      return kernels::random_normal_f64(key, mean, scale, out.data<double>(), n);
    case DType::kFloat16:
      return fill_half(out.data<Float16>(), n, key, draw);
    case DType::kBFloat16:
      return fill_half(out.data<BFloat16>(), n, key, draw);
    default:
      return;
  }
}

Status RandomTensorOp::init(const InitContext& ctx) {
  const ir::Node& node = ctx.node();
  stream_.init(node);
  if (distribution_ == RandomDistribution::kUniform) {
    a_ = node.attr_float("low", 0.0f);
    b_ = node.attr_float("high", 1.0f);
    if (!(a_ <= b_)) return ctx.error("low must not exceed high");
  } else {
    a_ = node.attr_float("mean", 0.0f);
    b_ = node.attr_float("scale", 1.0f);
  }
  if (like_) {
    if (node.has_attr("dtype")) {
      DType dtype;
      ONYX_RETURN_IF_ERROR(random_dtype_attr(ctx, DType::kFloat32, kRandomFloatTypes, &dtype));
      dtype_ = dtype;
    }
  } else {
    DType dtype;
    ONYX_RETURN_IF_ERROR(random_dtype_attr(ctx, DType::kFloat32, kRandomFloatTypes, &dtype));
    dtype_ = dtype;
    if (!node.has_attr("shape")) return ctx.error("attribute 'shape' is required");
    for (int64_t d : node.attr_ints("shape")) {
      if (d < 0) return ctx.error("shape has a negative dim " + std::to_string(d));
      shape_.push_back(d);
    }
  }
  return Status::ok();
}

Status RandomTensorOp::infer(InferContext& ctx) const {
  if (!like_) {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(0, 0));
    ctx.output(0) = ValueType::tensor(*dtype_, shape_);
    return Status::ok();
  }
  ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, dtype_set<types::All>()));
  const ValueType& x = ctx.input(0);
  const DType dtype = dtype_.value_or(x.dtype);
  if (!kRandomFloatTypes.contains(dtype))
    return ctx.input_error(0, std::string("output type ") + dtype_name(dtype) +
                                  " is not a float type; set attribute dtype");
  ctx.output(0) = x.type_only();
  ctx.output(0).dtype = dtype;
  return Status::ok();
}

Status RandomTensorOp::run(RunContext& ctx) const {
  Tensor& out = ctx.output(0);
  if (distribution_ == RandomDistribution::kUniform)
    fill_uniform(out, stream_.key_for_run(), a_, b_);
  else
    fill_normal(out, stream_.key_for_run(), a_, b_);
  return Status::ok();
}

}  // namespace onyx::ops
