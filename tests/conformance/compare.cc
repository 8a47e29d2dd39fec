#include "compare.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

#include "base/half.h"

namespace onyx::conformance {

namespace {

std::string index_string(const Shape& shape, int64_t flat) {
  std::vector<int64_t> idx(shape.size());
  for (size_t a = shape.size(); a-- > 0;) {
    if (shape[a] > 0) {
      idx[a] = flat % shape[a];
      flat /= shape[a];
    }
  }
  return shape_to_string(idx);
}

std::string num(double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

// Element `i` of a floating tensor as double; complex tensors are viewed as 2*numel reals.
double real_at(const Tensor& t, int64_t i) {
  switch (t.dtype()) {
    case DType::kFloat32:
      return t.data<float>()[i];
    case DType::kFloat64:
      return t.data<double>()[i];
    case DType::kFloat16:
      return half_to_float(t.data<uint16_t>()[i]);
    case DType::kBFloat16:
      return bf16_to_float(t.data<uint16_t>()[i]);
    case DType::kComplex64:
      return t.data<float>()[i];
    case DType::kComplex128:
      return t.data<double>()[i];
    default:
      return 0;
  }
}

bool is_close(double expected, double actual, double rtol, double atol) {
  if (std::isnan(expected) || std::isnan(actual)) return std::isnan(expected) && std::isnan(actual);
  if (std::isinf(expected) || std::isinf(actual)) return expected == actual;
  return std::fabs(actual - expected) <= atol + rtol * std::fabs(expected);
}

std::string compare_floats(const Tensor& e, const Tensor& a, double rtol, double atol) {
  const bool complex = e.dtype() == DType::kComplex64 || e.dtype() == DType::kComplex128;
  const int64_t n = e.numel() * (complex ? 2 : 1);
  int64_t bad = 0, worst = -1;
  double worst_diff = -1;
  for (int64_t i = 0; i < n; ++i) {
    double x = real_at(e, i), y = real_at(a, i);
    if (is_close(x, y, rtol, atol)) continue;
    ++bad;
    double diff = std::fabs(y - x);
    if (std::isnan(diff)) diff = INFINITY;
    if (diff > worst_diff) {
      worst_diff = diff;
      worst = i;
    }
  }
  if (!bad) return "";
  int64_t elem = complex ? worst / 2 : worst;
  return "max abs diff " + num(worst_diff) + " at " + index_string(e.shape(), elem) +
         (complex ? (worst % 2 ? " (imag)" : " (real)") : "") + " (expected " +
         num(real_at(e, worst)) + ", got " + num(real_at(a, worst)) + "); " + std::to_string(bad) +
         " of " + std::to_string(n) + " elements differ";
}

template <typename T>
std::string compare_exact(const Tensor& e, const Tensor& a) {
  const T* x = e.data<T>();
  const T* y = a.data<T>();
  int64_t bad = 0, first = -1;
  for (int64_t i = 0; i < e.numel(); ++i) {
    if (x[i] == y[i]) continue;
    if (!bad) first = i;
    ++bad;
  }
  if (!bad) return "";
  std::string ev, av;
  if constexpr (std::is_same_v<T, std::string>) {
    ev.append(1, '"').append(x[first], 0, 40).append(1, '"');
    av.append(1, '"').append(y[first], 0, 40).append(1, '"');
  } else {
    ev = std::to_string(x[first]);
    av = std::to_string(y[first]);
  }
  return "first mismatch at " + index_string(e.shape(), first) + " (expected " + ev + ", got " +
         av + "); " + std::to_string(bad) + " of " + std::to_string(e.numel()) + " elements differ";
}

}  // namespace

double max_abs_diff(const Tensor& expected, const Tensor& actual) {
  if (!actual.defined() || actual.dtype() != expected.dtype() || actual.shape() != expected.shape())
    return -1;
  const DType t = expected.dtype();
  auto worst_of = [&](auto value_at, int64_t n) {
    double worst = 0;
    for (int64_t i = 0; i < n; ++i) {
      const double d = std::fabs(value_at(actual, i) - value_at(expected, i));
      worst = std::isnan(d) ? INFINITY : std::max(worst, d);
    }
    return worst;
  };
  if (t == DType::kFloat32 || t == DType::kFloat64 || t == DType::kFloat16 ||
      t == DType::kBFloat16 || t == DType::kComplex64 || t == DType::kComplex128) {
    const bool complex = t == DType::kComplex64 || t == DType::kComplex128;
    return worst_of(real_at, expected.numel() * (complex ? 2 : 1));
  }
  if (t == DType::kInt64)
    return worst_of([](const Tensor& x, int64_t i) { return double(x.data<int64_t>()[i]); },
                    expected.numel());
  if (t == DType::kInt32)
    return worst_of([](const Tensor& x, int64_t i) { return double(x.data<int32_t>()[i]); },
                    expected.numel());
  return compare_tensors(expected, actual).empty() ? 0 : INFINITY;  // compared exactly
}

std::string compare_tensors(const Tensor& expected, const Tensor& actual, double rtol,
                            double atol) {
  if (!actual.defined()) return "output is undefined";
  if (actual.dtype() != expected.dtype())
    return std::string("dtype ") + dtype_name(actual.dtype()) + ", expected " +
           dtype_name(expected.dtype());
  if (actual.shape() != expected.shape())
    return "shape " + shape_to_string(actual.shape()) + ", expected " +
           shape_to_string(expected.shape());
  switch (expected.dtype()) {
    case DType::kFloat32:
    case DType::kFloat64:
    case DType::kFloat16:
    case DType::kBFloat16:
    case DType::kComplex64:
    case DType::kComplex128:
      return compare_floats(expected, actual, rtol, atol);
    case DType::kInt8:
      return compare_exact<int8_t>(expected, actual);
    case DType::kInt16:
      return compare_exact<int16_t>(expected, actual);
    case DType::kInt32:
      return compare_exact<int32_t>(expected, actual);
    case DType::kInt64:
      return compare_exact<int64_t>(expected, actual);
    case DType::kUInt8:
      return compare_exact<uint8_t>(expected, actual);
    case DType::kUInt16:
      return compare_exact<uint16_t>(expected, actual);
    case DType::kUInt32:
      return compare_exact<uint32_t>(expected, actual);
    case DType::kUInt64:
      return compare_exact<uint64_t>(expected, actual);
    case DType::kBool:
      return compare_exact<uint8_t>(expected, actual);
    case DType::kString:
      return compare_exact<std::string>(expected, actual);
    default:  // float8, 4-bit: one byte per element, compared bit for bit
      return compare_exact<uint8_t>(expected, actual);
  }
}

}  // namespace onyx::conformance
