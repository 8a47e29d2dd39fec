// Softmax family kernels: scalar reference, Highway SIMD per target, threaded entry points.
#include "kernels/softmax.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/softmax.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
// Must follow foreach_target.h.
#include "hwy/contrib/math/math-inl.h"
#include "hwy/highway.h"
#include "kernels/elementwise-inl.h"
#include "kernels/unary_math-inl.h"

HWY_BEFORE_NAMESPACE();
namespace onyx::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// One contiguous row of n values.
HWY_INLINE void SoftmaxRow(const float* x, float* y, size_t n) {
  const hn::ScalableTag<float> d;
  const float max = Reduce1(
      d, x, n, [](auto a, auto b) { return hn::Max(a, b); }, -HUGE_VALF);
  const auto vmax = hn::Set(d, max);
  // e = exp(x - max) stored and summed; two vectors per step keep two exp chains in flight. Lanes
  // whose input is -inf get exactly 0 (ExpNoOverflowFtz(-inf) = 0), also the -inf-padded tail. A
  // NaN input, or max = +-inf, makes x - max NaN in some lane, so the sum and the row are NaN.
  const size_t N = hn::Lanes(d);
  auto sum0 = hn::Zero(d), sum1 = hn::Zero(d);
  size_t i = 0;
  for (; i + 2 * N <= n; i += 2 * N) {
    const auto e0 = ExpNoOverflowFtz(d, hn::Sub(hn::LoadU(d, x + i), vmax));
    const auto e1 = ExpNoOverflowFtz(d, hn::Sub(hn::LoadU(d, x + i + N), vmax));
    hn::StoreU(e0, d, y + i);
    hn::StoreU(e1, d, y + i + N);
    sum0 = hn::Add(sum0, e0);
    sum1 = hn::Add(sum1, e1);
  }
  Map1(
      d, x + i, y + i, n - i,
      [&](auto v) {
        const auto e = ExpNoOverflowFtz(d, hn::Sub(v, vmax));
        sum0 = hn::Add(sum0, e);
        return e;
      },
      -HUGE_VALF);
  const auto sum = hn::Add(sum0, sum1);
  const auto scale = hn::Set(d, 1.0f / hn::GetLane(hn::SumOfLanes(d, sum)));
  Map1(d, y, y, n, [&](auto v) { return hn::Mul(v, scale); });
}

// Columns [0, m) of one [n, inner] slab (row stride `inner`); `mx`/`sum` hold m floats.
HWY_INLINE void SoftmaxColumns(const float* x, float* y, size_t n, size_t inner, size_t m,
                               float* mx, float* sum) {
  const hn::ScalableTag<float> d;
  for (size_t i = 0; i < m; ++i) mx[i] = -HUGE_VALF, sum[i] = 0.0f;
  for (size_t k = 0; k < n; ++k)
    Map2(d, mx, x + k * inner, mx, m, [](auto a, auto b) { return hn::Max(a, b); });
  for (size_t k = 0; k < n; ++k) {
    Map2(d, x + k * inner, mx, y + k * inner, m,
         [&](auto v, auto vmax) { return ExpNoOverflowFtz(d, hn::Sub(v, vmax)); });
    Map2(d, sum, y + k * inner, sum, m, [](auto a, auto b) { return hn::Add(a, b); });
  }
  const auto one = hn::Set(d, 1.0f);
  Map1(
      d, sum, sum, m, [&](auto s) { return hn::Div(one, s); }, 1.0f);
  for (size_t k = 0; k < n; ++k)
    Map2(d, y + k * inner, sum, y + k * inner, m, [](auto v, auto s) { return hn::Mul(v, s); });
}

// Work items [begin, end): rows when inner == 1, else columns of the flattened [outer, inner]
// column space (column j is slab j / inner, offset j % inner).
void SoftmaxF32Range(const float* x, float* y, int64_t n, int64_t inner, int64_t begin,
                     int64_t end) {
  if (inner == 1) {
    for (int64_t r = begin; r < end; ++r) SoftmaxRow(x + r * n, y + r * n, static_cast<size_t>(n));
    return;
  }
  constexpr int64_t kBlock = 256;  // columns per pass; keeps mx/sum on the stack
  alignas(HWY_MAX_BYTES) float mx[kBlock], sum[kBlock];
  for (int64_t j = begin; j < end;) {
    const int64_t o = j / inner, c = j % inner;
    const int64_t m = std::min({kBlock, inner - c, end - j});
    const int64_t off = o * n * inner + c;
    SoftmaxColumns(x + off, y + off, static_cast<size_t>(n), static_cast<size_t>(inner),
                   static_cast<size_t>(m), mx, sum);
    j += m;
  }
}

// sum_i exp(x[i] - max) over one row, reading x only (so y may alias x afterwards). Lanes whose
// input is -inf contribute exactly 0.
HWY_INLINE float SumExpRow(const float* x, size_t n, float max) {
  const hn::ScalableTag<float> d;
  const size_t N = hn::Lanes(d);
  const auto vmax = hn::Set(d, max), ninf = hn::Set(d, -HUGE_VALF);
  auto sum = hn::Zero(d);
  auto add = [&](auto v) {
    sum = hn::Add(sum, hn::IfThenElseZero(hn::Gt(v, ninf), ExpNoOverflowFtz(d, hn::Sub(v, vmax))));
  };
  size_t i = 0;
  for (; i + N <= n; i += N) add(hn::LoadU(d, x + i));
  if (i < n) {
    alignas(HWY_MAX_BYTES) float buf[HWY_MAX_BYTES / sizeof(float)];
    for (size_t j = 0; j < N; ++j) buf[j] = -HUGE_VALF;
    std::memcpy(buf, x + i, (n - i) * sizeof(float));
    add(hn::Load(d, buf));
  }
  return hn::GetLane(hn::SumOfLanes(d, sum));
}

// log_softmax of one contiguous row: y = (x - max) - log(sum exp(x - max)) (subtracting max
// first keeps full precision for large x).
HWY_INLINE void LogSoftmaxRow(const float* x, float* y, size_t n) {
  const hn::ScalableTag<float> d;
  const float max = Reduce1(
      d, x, n, [](auto a, auto b) { return hn::Max(a, b); }, -HUGE_VALF);
  const auto vmax = hn::Set(d, max), log_sum = hn::Set(d, std::log(SumExpRow(x, n, max)));
  Map1(d, x, y, n, [&](auto v) { return hn::Sub(hn::Sub(v, vmax), log_sum); });
}

// log_softmax over columns [0, m) of one [n, inner] slab; `mx`, `sum`, `tmp` hold m floats.
HWY_INLINE void LogSoftmaxColumns(const float* x, float* y, size_t n, size_t inner, size_t m,
                                  float* mx, float* sum, float* tmp) {
  const hn::ScalableTag<float> d;
  const auto ninf = hn::Set(d, -HUGE_VALF);
  for (size_t i = 0; i < m; ++i) mx[i] = -HUGE_VALF, sum[i] = 0.0f;
  for (size_t k = 0; k < n; ++k)
    Map2(d, mx, x + k * inner, mx, m, [](auto a, auto b) { return hn::Max(a, b); });
  for (size_t k = 0; k < n; ++k) {
    Map2(d, x + k * inner, mx, tmp, m, [&](auto v, auto vmax) {
      return hn::IfThenElseZero(hn::Gt(v, ninf), ExpNoOverflowFtz(d, hn::Sub(v, vmax)));
    });
    Map2(d, sum, tmp, sum, m, [](auto a, auto b) { return hn::Add(a, b); });
  }
  for (size_t i = 0; i < m; ++i) sum[i] = std::log(sum[i]);
  for (size_t k = 0; k < n; ++k) {
    Map2(d, x + k * inner, mx, y + k * inner, m,
         [](auto v, auto vmax) { return hn::Sub(v, vmax); });
    Map2(d, y + k * inner, sum, y + k * inner, m, [](auto v, auto s) { return hn::Sub(v, s); });
  }
}

void LogSoftmaxF32Range(const float* x, float* y, int64_t n, int64_t inner, int64_t begin,
                        int64_t end) {
  if (inner == 1) {
    for (int64_t r = begin; r < end; ++r)
      LogSoftmaxRow(x + r * n, y + r * n, static_cast<size_t>(n));
    return;
  }
  constexpr int64_t kBlock = 256;
  alignas(HWY_MAX_BYTES) float mx[kBlock], sum[kBlock], tmp[kBlock];
  for (int64_t j = begin; j < end;) {
    const int64_t o = j / inner, c = j % inner;
    const int64_t m = std::min({kBlock, inner - c, end - j});
    const int64_t off = o * n * inner + c;
    LogSoftmaxColumns(x + off, y + off, static_cast<size_t>(n), static_cast<size_t>(inner),
                      static_cast<size_t>(m), mx, sum, tmp);
    j += m;
  }
}

}  // namespace onyx::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include <algorithm>
#include <cmath>

#include "base/cpu.h"
#include "kernels/elementwise_parallel.h"

namespace onyx::kernels {

HWY_EXPORT(SoftmaxF32Range);
HWY_EXPORT(LogSoftmaxF32Range);

namespace reference {
namespace {
// Items [begin, end) of the flattened [outer, inner] column space (column j: slab j / inner,
// offset j % inner).
template <class T>
void softmax_range(const T* x, T* y, int64_t n, int64_t inner, int64_t begin, int64_t end) {
  for (int64_t j = begin; j < end; ++j) {
    const int64_t off = (j / inner) * n * inner + j % inner;
    const T* xs = x + off;
    T* ys = y + off;
    T max = -T(HUGE_VAL);
    for (int64_t k = 0; k < n; ++k) max = std::max(max, xs[k * inner]);
    T sum = 0;
    for (int64_t k = 0; k < n; ++k) {
      ys[k * inner] = std::exp(xs[k * inner] - max);
      sum += ys[k * inner];
    }
    const T scale = T(1) / sum;
    for (int64_t k = 0; k < n; ++k) ys[k * inner] *= scale;
  }
}

template <class T>
void log_softmax_range(const T* x, T* y, int64_t n, int64_t inner, int64_t begin, int64_t end) {
  for (int64_t j = begin; j < end; ++j) {
    const int64_t off = (j / inner) * n * inner + j % inner;
    const T* xs = x + off;
    T* ys = y + off;
    T max = -T(HUGE_VAL);
    for (int64_t k = 0; k < n; ++k) max = std::max(max, xs[k * inner]);
    T sum = 0;
    for (int64_t k = 0; k < n; ++k)
      if (xs[k * inner] > -T(HUGE_VAL)) sum += std::exp(xs[k * inner] - max);
    const T log_sum = std::log(sum);
    for (int64_t k = 0; k < n; ++k) ys[k * inner] = (xs[k * inner] - max) - log_sum;
  }
}

// First index of the maximum gets 1, every other element 0 (NaN never compares greater).
template <class T>
void hardmax_range(const T* x, T* y, int64_t n, int64_t inner, int64_t begin, int64_t end) {
  for (int64_t j = begin; j < end; ++j) {
    const int64_t off = (j / inner) * n * inner + j % inner;
    const T* xs = x + off;
    T* ys = y + off;
    int64_t best = 0;
    for (int64_t k = 1; k < n; ++k)
      if (xs[k * inner] > xs[best * inner]) best = k;
    for (int64_t k = 0; k < n; ++k) ys[k * inner] = k == best ? T(1) : T(0);
  }
}
}  // namespace

void softmax_f32(const float* x, float* y, int64_t outer, int64_t n, int64_t inner) {
  if (outer > 0 && n > 0 && inner > 0) softmax_range(x, y, n, inner, 0, outer * inner);
}
void log_softmax_f32(const float* x, float* y, int64_t outer, int64_t n, int64_t inner) {
  if (outer > 0 && n > 0 && inner > 0) log_softmax_range(x, y, n, inner, 0, outer * inner);
}
}  // namespace reference

namespace simd {
void softmax_f32(const float* x, float* y, int64_t outer, int64_t n, int64_t inner) {
  if (outer > 0 && n > 0 && inner > 0)
    HWY_DYNAMIC_DISPATCH(SoftmaxF32Range)(x, y, n, inner, 0, outer * inner);
}
void log_softmax_f32(const float* x, float* y, int64_t outer, int64_t n, int64_t inner) {
  if (outer > 0 && n > 0 && inner > 0)
    HWY_DYNAMIC_DISPATCH(LogSoftmaxF32Range)(x, y, n, inner, 0, outer * inner);
}
}  // namespace simd

void softmax_f32(const float* x, float* y, int64_t outer, int64_t n, int64_t inner,
                 ThreadPool* pool) {
  if (outer <= 0 || n <= 0 || inner <= 0) return;
  auto* fn = force_scalar_kernels() ? &reference::softmax_range<float>
                                    : &HWY_DYNAMIC_DISPATCH(SoftmaxF32Range);
  // Work items are rows (inner == 1) or columns, each costing n exps.
  parallel_ranges(pool, outer * inner, std::max<int64_t>(1, kTranscendentalGrain / n),
                  [&](int64_t b, int64_t e) { fn(x, y, n, inner, b, e); });
}

void softmax_f64(const double* x, double* y, int64_t outer, int64_t n, int64_t inner,
                 ThreadPool* pool) {
  if (outer <= 0 || n <= 0 || inner <= 0) return;
  parallel_ranges(pool, outer * inner, std::max<int64_t>(1, kTranscendentalGrain / n),
                  [&](int64_t b, int64_t e) { reference::softmax_range(x, y, n, inner, b, e); });
}

namespace {
// Runs range(x, y, n, inner, begin, end) over the [outer, inner] work items, n exps each.
template <class T, class Range>
void run_items(const T* x, T* y, int64_t outer, int64_t n, int64_t inner, ThreadPool* pool,
               Range range) {
  if (outer <= 0 || n <= 0 || inner <= 0) return;
  parallel_ranges(pool, outer * inner, std::max<int64_t>(1, kTranscendentalGrain / n),
                  [&](int64_t b, int64_t e) { range(x, y, n, inner, b, e); });
}
}  // namespace

void log_softmax_f32(const float* x, float* y, int64_t outer, int64_t n, int64_t inner,
                     ThreadPool* pool) {
  run_items(x, y, outer, n, inner, pool,
            force_scalar_kernels() ? &reference::log_softmax_range<float>
                                   : &HWY_DYNAMIC_DISPATCH(LogSoftmaxF32Range));
}

void log_softmax_f64(const double* x, double* y, int64_t outer, int64_t n, int64_t inner,
                     ThreadPool* pool) {
  run_items(x, y, outer, n, inner, pool, &reference::log_softmax_range<double>);
}

void hardmax_f32(const float* x, float* y, int64_t outer, int64_t n, int64_t inner,
                 ThreadPool* pool) {
  run_items(x, y, outer, n, inner, pool, &reference::hardmax_range<float>);
}

void hardmax_f64(const double* x, double* y, int64_t outer, int64_t n, int64_t inner,
                 ThreadPool* pool) {
  run_items(x, y, outer, n, inner, pool, &reference::hardmax_range<double>);
}

}  // namespace onyx::kernels
#endif  // HWY_ONCE
