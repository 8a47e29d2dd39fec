#include "ops/common/cast_common.h"

#include <strings.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>
#include "kernels/cast.h"
#include "kernels/minifloat.h"

namespace onyx::ops {
namespace {

template <class T>
constexpr bool kIsHalf = std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>;

// Float-like value as double (float16/bfloat16 widened).
template <class T>
double as_double(T v) {
  if constexpr (kIsHalf<T>)
    return to_float(v);
  else
    return static_cast<double>(v);
}

template <class To>
To float_to(double v) {
  if constexpr (std::is_same_v<To, bool>) {
    return v != 0.0;  // NaN != 0
  } else if constexpr (kIsHalf<To>) {
    return from_float<To>(static_cast<float>(v));
  } else if constexpr (std::is_floating_point_v<To>) {
    return static_cast<To>(v);
  } else {
    if (std::isnan(v)) return To(0);
    if (v <= static_cast<double>(std::numeric_limits<To>::min()))
      return std::numeric_limits<To>::min();
    // 2^63 and 2^64 are exact doubles; anything at or above the type's max + 1 saturates.
    if (v >= static_cast<double>(std::numeric_limits<To>::max()))
      return std::numeric_limits<To>::max();
    return static_cast<To>(v);
  }
}

template <class To, class From>
To integer_to(From v) {
  if constexpr (std::is_same_v<To, bool>)
    return v != 0;
  else if constexpr (kIsHalf<To>)
    return from_float<To>(static_cast<float>(v));
  else
    return static_cast<To>(v);
}

template <class From>
std::string to_text(From v) {
  if constexpr (std::is_same_v<From, bool>)
    return v ? "True" : "False";
  else if constexpr (kIsHalf<From> || std::is_same_v<From, float>)
    return float_to_text(as_double(v), DTypeOf<From>::value);
  else if constexpr (std::is_same_v<From, double>)
    return float_to_text(v, DType::kFloat64);
  else
    return std::to_string(v);
}

template <class To>
Status from_text(const std::string& s, To* out) {
  auto bad = [&] {
    return Status(StatusCode::kInvalidArgument,
                  "cannot cast string '" + s + "' to " + dtype_name(DTypeOf<To>::value));
  };
  const char* begin = s.c_str();
  char* end = nullptr;
  if constexpr (std::is_same_v<To, bool>) {
    if (strcasecmp(begin, "true") == 0) return *out = true, Status::ok();
    if (strcasecmp(begin, "false") == 0) return *out = false, Status::ok();
    const double v = std::strtod(begin, &end);
    if (end == begin) return bad();
    *out = v != 0.0;
  } else if constexpr (std::is_integral_v<To>) {
    if constexpr (std::is_signed_v<To>) {
      const long long v = std::strtoll(begin, &end, 10);
      if (end == begin) return bad();
      *out = integer_to<To>(v);
    } else {
      const unsigned long long v = std::strtoull(begin, &end, 10);
      if (end == begin) return bad();
      *out = integer_to<To>(v);
    }
  } else {
    const double v = std::strtod(begin, &end);
    if (end == begin) return bad();
    *out = float_to<To>(v);
  }
  return Status::ok();
}

template <class To, class From>
Status convert(const From* in, To* out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    if constexpr (std::is_same_v<To, From>) {
      out[i] = in[i];
    } else if constexpr (std::is_same_v<To, std::string>) {
      out[i] = to_text(in[i]);
    } else if constexpr (std::is_same_v<From, std::string>) {
      ONYX_RETURN_IF_ERROR(from_text(in[i], &out[i]));
    } else if constexpr (kIsHalf<From> || std::is_floating_point_v<From>) {
      out[i] = float_to<To>(as_double(in[i]));
    } else {
      out[i] = integer_to<To>(in[i]);
    }
  }
  return Status::ok();
}

// The minifloat format of a float8/float4 dtype.
std::optional<kernels::MiniFloat> minifloat_of(DType t) {
  switch (t) {
    case DType::kFloat8E4M3FN:
      return kernels::MiniFloat::kE4M3FN;
    case DType::kFloat8E4M3FNUZ:
      return kernels::MiniFloat::kE4M3FNUZ;
    case DType::kFloat8E5M2:
      return kernels::MiniFloat::kE5M2;
    case DType::kFloat8E5M2FNUZ:
      return kernels::MiniFloat::kE5M2FNUZ;
    case DType::kFloat4E2M1:
      return kernels::MiniFloat::kE2M1;
    default:
      return std::nullopt;
  }
}

// Bits of the small integer types (int4/uint4: 4, int2/uint2: 2); 0 for the others.
int small_int_bits(DType t) {
  if (t == DType::kInt4 || t == DType::kUInt4) return 4;
  if (t == DType::kInt2 || t == DType::kUInt2) return 2;
  return 0;
}

bool is_small_type(DType t) {
  return minifloat_of(t).has_value() || small_int_bits(t) != 0 || t == DType::kFloat8E8M0;
}

// Element i of `t` as double (strings parsed; errors name the text).
Status read_wide(const Tensor& t, int64_t i, double* v) {
  if (std::optional<kernels::MiniFloat> f = minifloat_of(t.dtype())) {
    *v = kernels::minifloat_to_float(t.data<uint8_t>()[i], *f);
  } else if (t.dtype() == DType::kFloat8E8M0) {
    *v = kernels::e8m0_to_float(t.data<uint8_t>()[i]);
  } else if (t.dtype() == DType::kInt4 || t.dtype() == DType::kInt2) {
    *v = t.data<int8_t>()[i];
  } else if (small_int_bits(t.dtype()) != 0) {
    *v = t.data<uint8_t>()[i] & ((1 << small_int_bits(t.dtype())) - 1);
  } else if (t.dtype() == DType::kString) {
    return from_text(t.data<std::string>()[i], v);
  } else {
    visit_dtype<types::Pod>(t.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (kIsHalf<T>)
        *v = as_double(t.data<T>()[i]);
      else
        *v = static_cast<double>(t.data<T>()[i]);
    });
  }
  return Status::ok();
}

// `bits`-bit integer code of v (4 or 2): truncated toward zero, wrapped modulo 2^bits; signed
// codes sign-extended to the byte.
uint8_t small_int_code(double v, int bits, bool is_signed) {
  if (std::isnan(v) || std::isinf(v)) return 0;
  const int mask = (1 << bits) - 1;
  const auto low = static_cast<uint8_t>(
      static_cast<int64_t>(std::fmod(std::trunc(v), static_cast<double>(1 << bits))) & mask);
  const auto sign = static_cast<uint8_t>(1 << (bits - 1));
  return is_signed && (low & sign) ? static_cast<uint8_t>(low | ~mask) : low;
}

void write_wide(Tensor& t, int64_t i, double v, bool saturate, kernels::E8M0Round e8m0_round) {
  if (std::optional<kernels::MiniFloat> f = minifloat_of(t.dtype())) {
    t.data<uint8_t>()[i] = kernels::float_to_minifloat(static_cast<float>(v), *f, saturate);
  } else if (t.dtype() == DType::kFloat8E8M0) {
    t.data<uint8_t>()[i] = kernels::float_to_e8m0(static_cast<float>(v), saturate, e8m0_round);
  } else if (const int bits = small_int_bits(t.dtype())) {
    t.data<uint8_t>()[i] =
        small_int_code(v, bits, t.dtype() == DType::kInt4 || t.dtype() == DType::kInt2);
  } else if (t.dtype() == DType::kString) {
    t.data<std::string>()[i] = float_to_text(v, DType::kFloat32);
  } else {
    visit_dtype<CastTypes>(t.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (!std::is_same_v<T, std::string>) t.data<T>()[i] = float_to<T>(v);
    });
  }
}

// Casts involving float8/float4/int4/int2 types, element by element through double.
Status cast_small_types(const Tensor& in, Tensor& out, bool saturate,
                        kernels::E8M0Round e8m0_round) {
  for (int64_t i = 0; i < in.numel(); ++i) {
    double v = 0;
    ONYX_RETURN_IF_ERROR(read_wide(in, i, &v));
    write_wide(out, i, v, saturate, e8m0_round);
  }
  return Status::ok();
}

}  // namespace

double element_as_double(const Tensor& t, int64_t i) {
  double v = 0;
  (void)read_wide(t, i, &v);
  return v;
}

void store_element(Tensor& t, int64_t i, double v, bool saturate, kernels::E8M0Round e8m0_round) {
  write_wide(t, i, v, saturate, e8m0_round);
}

Status parse_e8m0_round_mode(const InitContext& ctx, kernels::E8M0Round* out) {
  const std::string mode = ctx.node().attr_string("round_mode", "up");
  if (mode == "up")
    *out = kernels::E8M0Round::kUp;
  else if (mode == "down")
    *out = kernels::E8M0Round::kDown;
  else if (mode == "nearest")
    *out = kernels::E8M0Round::kNearest;
  else
    return ctx.error("attribute round_mode must be \"up\", \"down\" or \"nearest\", got \"" + mode +
                     "\"");
  return Status::ok();
}

std::string float_to_text(double v, DType source) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  // Shortest round-trip digits (in the source type) in scientific form: "-d.ddde[+-]x".
  char buf[64];
  std::string sci;
  if (source == DType::kFloat16 || source == DType::kBFloat16) {
    const float f = static_cast<float>(v);
    auto same = [&](float g) {
      return source == DType::kFloat16 ? float_to_half(g) == float_to_half(f)
                                       : float_to_bf16(g) == float_to_bf16(f);
    };
    for (int digits = 0; digits < 9; ++digits) {
      std::snprintf(buf, sizeof(buf), "%.*e", digits, v);
      if (same(std::strtof(buf, nullptr))) break;
    }
    sci = buf;
  } else {
    std::to_chars_result r =
        source == DType::kFloat64
            ? std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific)
            : std::to_chars(buf, buf + sizeof(buf), static_cast<float>(v),
                            std::chars_format::scientific);
    sci.assign(buf, r.ptr);
  }
  const size_t e = sci.find('e');
  const int exponent = std::atoi(sci.c_str() + e + 1);
  std::string sign = sci[0] == '-' ? "-" : "";
  std::string digits;
  for (size_t i = sign.size(); i < e; ++i)
    if (sci[i] != '.') digits += sci[i];
  const double mag = std::fabs(v);
  if (mag >= 1e-4 && mag < 1e16) {
    // Positional: point after exponent + 1 digits, at least one digit after it.
    const int point = exponent + 1;
    std::string s;
    if (point <= 0) {
      s = "0." + std::string(static_cast<size_t>(-point), '0') + digits;
    } else if (static_cast<size_t>(point) >= digits.size()) {
      s = digits + std::string(static_cast<size_t>(point) - digits.size(), '0') + ".0";
    } else {
      s = digits.substr(0, static_cast<size_t>(point)) + "." +
          digits.substr(static_cast<size_t>(point));
    }
    return sign + s;
  }
  std::string mant = digits.substr(0, 1);
  if (digits.size() > 1) mant += "." + digits.substr(1);
  std::string exp = std::to_string(std::abs(exponent));
  if (exp.size() < 2) exp = "0" + exp;
  return sign + mant + "e" + (exponent < 0 ? "-" : "+") + exp;
}

Status cast_tensor(const Tensor& in, Tensor& out, ThreadPool* pool, bool saturate,
                   kernels::E8M0Round e8m0_round) {
  if (is_small_type(in.dtype()) || is_small_type(out.dtype()))
    return cast_small_types(in, out, saturate, e8m0_round);
  if (in.dtype() == DType::kFloat32 && out.dtype() == DType::kFloat16) {
    kernels::f32_to_f16(in.data<float>(), out.data<uint16_t>(), in.numel(), pool);
    return Status::ok();
  }
  if (in.dtype() == DType::kFloat16 && out.dtype() == DType::kFloat32) {
    kernels::f16_to_f32(in.data<uint16_t>(), out.data<float>(), in.numel(), pool);
    return Status::ok();
  }
  Status status = Status::ok();
  const bool visited = visit_dtype<CastTypes>(in.dtype(), [&](auto from) {
    using From = typename decltype(from)::type;
    const bool ok = visit_dtype<CastTypes>(out.dtype(), [&](auto to) {
      using To = typename decltype(to)::type;
      status = convert<To, From>(in.data<From>(), out.data<To>(), in.numel());
    });
    if (!ok)
      status = Status(StatusCode::kNotImplemented,
                      "cast to " + unsupported_dtype_message(out.dtype(), dtype_set<CastTypes>()));
  });
  if (!visited)
    return Status(StatusCode::kNotImplemented,
                  "cast from " + unsupported_dtype_message(in.dtype(), dtype_set<CastTypes>()));
  return status;
}

}  // namespace onyx::ops
