// Separable resampling tables and passes; see resize.h. Coordinates and weights are computed in
// double, following the ONNX reference (onnx/reference/ops/op_resize.py) exactly: the transform
// uses the real-valued output length scale * in, an integer input coordinate takes the left
// neighbour pair (ratio 1), and antialiased kernels are stretched by 1 / min(scale, 1).
#include "kernels/resize.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <type_traits>

namespace onyx::kernels {
namespace {

// Input coordinate of output position `o`, or NaN when tf_crop_and_resize samples outside.
double input_coordinate(const ResizeAxisParams& p, int64_t o) {
  const double x = static_cast<double>(o);
  const double in = static_cast<double>(p.in);
  const double out_len = p.scale * in;  // real-valued output length, as the reference
  switch (p.coord) {
    case ResizeCoord::kHalfPixel:
      return (x + 0.5) / p.scale - 0.5;
    case ResizeCoord::kHalfPixelSymmetric: {
      const double adjustment = static_cast<double>(p.out) / out_len;
      const double offset = in / 2 * (1 - adjustment);
      return offset + (x + 0.5) / p.scale - 0.5;
    }
    case ResizeCoord::kPytorchHalfPixel:
      return out_len == 1 ? -0.5 : (x + 0.5) / p.scale - 0.5;
    case ResizeCoord::kAlignCorners:
      return out_len == 1 ? 0.0 : x * (in - 1) / (out_len - 1);
    case ResizeCoord::kAsymmetric:
      return x / p.scale;
    case ResizeCoord::kTfHalfPixelForNn:
      return (x + 0.5) / p.scale;
    case ResizeCoord::kTfCropAndResize: {
      const double span = p.roi_end - p.roi_start;
      double c = out_len == 1 ? span * (in - 1) / 2 : x * span * (in - 1) / (out_len - 1);
      c += p.roi_start * (in - 1);
      if (c < 0 || c > in - 1) return std::numeric_limits<double>::quiet_NaN();
      return c;
    }
  }
  return 0.0;
}

int64_t nearest_index(const ResizeAxisParams& p, double c) {
  const double f = std::floor(c);
  if (f == c) return static_cast<int64_t>(f);
  const double r = c - f;
  switch (p.nearest) {
    case ResizeNearest::kRoundPreferFloor:
      return static_cast<int64_t>(r <= 0.5 ? f : f + 1);
    case ResizeNearest::kRoundPreferCeil:
      return static_cast<int64_t>(r < 0.5 ? f : f + 1);
    case ResizeNearest::kFloor:
      return static_cast<int64_t>(f);
    case ResizeNearest::kCeil:
      return static_cast<int64_t>(f + 1);
    case ResizeNearest::kSimple:
      return static_cast<int64_t>(p.scale < 1 ? f + 1 : f);
  }
  return static_cast<int64_t>(f);
}

// Keys' cubic convolution kernel with parameter a.
double cubic_kernel(double x, double a) {
  x = std::abs(x);
  if (x <= 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
  return 0.0;
}

// Taps relative to `base` (= ceil(c) - 1) for ratio = c - base in (0, 1]: first offset and
// weights.
int64_t filter_taps(const ResizeAxisParams& p, double ratio, std::vector<double>* w) {
  w->clear();
  if (!p.antialias) {
    if (p.mode == ResizeMode::kLinear) {
      *w = {1 - ratio, ratio};
      return 0;
    }
    const double a = p.cubic_a;
    *w = {cubic_kernel(ratio + 1, a), cubic_kernel(ratio, a), cubic_kernel(1 - ratio, a),
          cubic_kernel(2 - ratio, a)};
    return -1;
  }
  const double s = std::min(p.scale, 1.0);
  const double support = p.mode == ResizeMode::kLinear ? 1.0 : 2.0;
  const auto start = static_cast<int64_t>(std::floor(-support / s) + 1);
  const int64_t n = 2 - 2 * start;
  double sum = 0;
  for (int64_t k = 0; k < n; ++k) {
    const double arg = s * (static_cast<double>(start + k) - ratio);
    const double v = p.mode == ResizeMode::kLinear ? std::clamp(1 - std::abs(arg), 0.0, 1.0)
                                                   : cubic_kernel(arg, p.cubic_a);
    w->push_back(v);
    sum += v;
  }
  for (double& v : *w) v /= sum;
  return start;
}

template <class T>
using Acc = std::conditional_t<std::is_same_v<T, double>, double, float>;

template <class T>
Acc<T> load(T v) {
  if constexpr (std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>)
    return to_float(v);
  else
    return static_cast<Acc<T>>(v);
}

template <class T>
T store(Acc<T> v) {
  if constexpr (std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>) {
    return from_float<T>(v);
  } else if constexpr (std::is_integral_v<T>) {
    const Acc<T> r = std::nearbyint(v);
    if (!(r >= static_cast<Acc<T>>(std::numeric_limits<T>::min())))
      return std::numeric_limits<T>::min();
    if (r >= static_cast<Acc<T>>(std::numeric_limits<T>::max()))
      return std::numeric_limits<T>::max();
    return static_cast<T>(r);
  } else {
    return static_cast<T>(v);
  }
}

// dst [outer, t.out, inner] = src [outer, t.in, inner] resampled along the middle axis.
template <class A>
void resize_pass(const A* src, A* dst, int64_t outer, int64_t inner, const ResizeAxis& t,
                 A extrapolation) {
  for (int64_t line = 0; line < outer * t.out; ++line) {
    const int64_t b = line / t.out, o = line % t.out;
    A* d = dst + line * inner;
    if (t.has_outside && t.outside[static_cast<size_t>(o)]) {
      std::fill(d, d + inner, extrapolation);
      continue;
    }
    std::fill(d, d + inner, A(0));
    for (int64_t k = 0; k < t.taps; ++k) {
      const auto at = static_cast<size_t>(o * t.taps + k);
      const A w = static_cast<A>(t.weight[at]);
      if (w == A(0)) continue;
      const A* s = src + (b * t.in + t.index[at]) * inner;
      for (int64_t i = 0; i < inner; ++i) d[i] += w * s[i];
    }
  }
}

}  // namespace

bool ResizeAxis::identity() const {
  if (in != out || has_outside) return false;
  for (int64_t o = 0; o < out; ++o)
    for (int64_t k = 0; k < taps; ++k) {
      const auto at = static_cast<size_t>(o * taps + k);
      if (weight[at] != 0 && (weight[at] != 1 || index[at] != o)) return false;
    }
  return true;
}

ResizeAxis make_resize_axis(const ResizeAxisParams& p) {
  ResizeAxis t;
  t.in = p.in;
  t.out = p.out;
  std::vector<double> w;
  std::vector<std::vector<double>> weights(static_cast<size_t>(p.out));
  std::vector<int64_t> first(static_cast<size_t>(p.out), 0);
  t.outside.assign(static_cast<size_t>(p.out), 0);
  for (int64_t o = 0; o < p.out; ++o) {
    const double c = input_coordinate(p, o);
    auto& wo = weights[static_cast<size_t>(o)];
    if (std::isnan(c)) {
      t.outside[static_cast<size_t>(o)] = 1;
      t.has_outside = true;
      continue;
    }
    if (p.mode == ResizeMode::kNearest) {
      first[static_cast<size_t>(o)] = nearest_index(p, c);
      wo = {1.0};
      continue;
    }
    double base = std::ceil(c) - 1;
    const double ratio = c - base;  // (0, 1]
    const int64_t start = filter_taps(p, ratio, &wo);
    first[static_cast<size_t>(o)] = static_cast<int64_t>(base) + start;
    if (p.exclude_outside) {
      double sum = 0;
      for (size_t k = 0; k < wo.size(); ++k) {
        const int64_t idx = first[static_cast<size_t>(o)] + static_cast<int64_t>(k);
        if (idx < 0 || idx >= p.in) wo[k] = 0;
        sum += wo[k];
      }
      if (sum != 0)
        for (double& v : wo) v /= sum;
    }
  }
  for (const auto& wo : weights) t.taps = std::max(t.taps, static_cast<int64_t>(wo.size()));
  t.index.assign(static_cast<size_t>(p.out * t.taps), 0);
  t.weight.assign(static_cast<size_t>(p.out * t.taps), 0.0);
  for (int64_t o = 0; o < p.out; ++o) {
    const auto& wo = weights[static_cast<size_t>(o)];
    for (size_t k = 0; k < wo.size(); ++k) {
      const auto at = static_cast<size_t>(o * t.taps) + k;
      t.index[at] =
          std::clamp<int64_t>(first[static_cast<size_t>(o)] + static_cast<int64_t>(k), 0, p.in - 1);
      t.weight[at] = wo[k];
    }
  }
  return t;
}

template <class T>
void resize_reference(const T* x, T* y, std::span<const ResizeAxis> axes, double extrapolation) {
  using A = Acc<T>;
  std::vector<int64_t> dims;
  int64_t n = 1;
  for (const ResizeAxis& t : axes) {
    dims.push_back(t.in);
    n *= t.in;
  }
  std::vector<A> cur(static_cast<size_t>(n)), next;
  for (int64_t i = 0; i < n; ++i) cur[static_cast<size_t>(i)] = load(x[i]);
  for (size_t a = axes.size(); a-- > 0;) {
    const ResizeAxis& t = axes[a];
    if (t.identity()) continue;
    int64_t outer = 1, inner = 1;
    for (size_t i = 0; i < a; ++i) outer *= dims[i];
    for (size_t i = a + 1; i < dims.size(); ++i) inner *= dims[i];
    next.assign(static_cast<size_t>(outer * t.out * inner), A(0));
    resize_pass<A>(cur.data(), next.data(), outer, inner, t, static_cast<A>(extrapolation));
    dims[a] = t.out;
    cur.swap(next);
  }
  for (size_t i = 0; i < cur.size(); ++i) y[i] = store<T>(cur[i]);
}

bool resize_is_gather(std::span<const ResizeAxis> axes) {
  for (const ResizeAxis& t : axes)
    if (t.taps != 1 || t.has_outside) return false;
  return true;
}

template <class S>
void resize_gather(const S* x, S* y, std::span<const ResizeAxis> axes) {
  const size_t r = axes.size();
  // Input stride of each axis; the output is walked row-major with an odometer.
  std::vector<int64_t> stride(r, 1), pos(r, 0);
  for (size_t a = r; a-- > 1;) stride[a - 1] = stride[a] * axes[a].in;
  int64_t total = 1;
  for (const ResizeAxis& t : axes) total *= t.out;
  if (total == 0) return;
  if (r == 0) {
    y[0] = x[0];
    return;
  }
  const ResizeAxis& last = axes[r - 1];
  for (int64_t done = 0; done < total; done += last.out) {
    int64_t base = 0;
    for (size_t a = 0; a + 1 < r; ++a)
      base += axes[a].index[static_cast<size_t>(pos[a])] * stride[a];
    for (int64_t o = 0; o < last.out; ++o) *y++ = x[base + last.index[static_cast<size_t>(o)]];
    for (size_t a = r - 1; a-- > 0;) {
      if (++pos[a] < axes[a].out) break;
      pos[a] = 0;
    }
  }
}

template void resize_gather<uint8_t>(const uint8_t*, uint8_t*, std::span<const ResizeAxis>);
template void resize_gather<uint16_t>(const uint16_t*, uint16_t*, std::span<const ResizeAxis>);
template void resize_gather<uint32_t>(const uint32_t*, uint32_t*, std::span<const ResizeAxis>);
template void resize_gather<uint64_t>(const uint64_t*, uint64_t*, std::span<const ResizeAxis>);
template void resize_gather<std::string>(const std::string*, std::string*,
                                         std::span<const ResizeAxis>);

template void resize_reference<float>(const float*, float*, std::span<const ResizeAxis>, double);
template void resize_reference<double>(const double*, double*, std::span<const ResizeAxis>, double);
template void resize_reference<Float16>(const Float16*, Float16*, std::span<const ResizeAxis>,
                                        double);
template void resize_reference<BFloat16>(const BFloat16*, BFloat16*, std::span<const ResizeAxis>,
                                         double);
template void resize_reference<int8_t>(const int8_t*, int8_t*, std::span<const ResizeAxis>, double);
template void resize_reference<uint8_t>(const uint8_t*, uint8_t*, std::span<const ResizeAxis>,
                                        double);

}  // namespace onyx::kernels
