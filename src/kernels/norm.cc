// Normalization kernels: scalar reference, Highway float32 row normalization, threaded entry
// points, and the scalar Lp / mean-variance kernels.
#include "kernels/norm.h"

#include <cmath>
#include <cstddef>

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/norm.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
// Must follow foreach_target.h.
#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace onyx::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// One row of n values: statistics in vector lanes (scalar tail), then the scaled output.
HWY_INLINE void NormalizeRowF32(const float* x, float* y, size_t n, float epsilon, bool centered,
                                const float* scale, const float* bias, float* mean_out,
                                float* inv_std_out) {
  const hn::ScalableTag<float> d;
  const size_t N = hn::Lanes(d);
  float mean = 0.0f;
  if (centered) {
    auto acc = hn::Zero(d);
    size_t i = 0;
    for (; i + N <= n; i += N) acc = hn::Add(acc, hn::LoadU(d, x + i));
    float sum = hn::GetLane(hn::SumOfLanes(d, acc));
    for (; i < n; ++i) sum += x[i];
    mean = sum / static_cast<float>(n);
  }
  const auto vmean = hn::Set(d, mean);
  auto acc = hn::Zero(d);
  size_t i = 0;
  for (; i + N <= n; i += N) {
    const auto t = hn::Sub(hn::LoadU(d, x + i), vmean);
    acc = hn::MulAdd(t, t, acc);
  }
  float sq = hn::GetLane(hn::SumOfLanes(d, acc));
  for (; i < n; ++i) sq += (x[i] - mean) * (x[i] - mean);
  const float inv_std = 1.0f / std::sqrt(sq / static_cast<float>(n) + epsilon);
  if (mean_out != nullptr) *mean_out = mean;
  if (inv_std_out != nullptr) *inv_std_out = inv_std;

  const auto vr = hn::Set(d, inv_std);
  i = 0;
  for (; i + N <= n; i += N) {
    auto v = hn::Mul(hn::Sub(hn::LoadU(d, x + i), vmean), vr);
    if (scale != nullptr) v = hn::Mul(v, hn::LoadU(d, scale + i));
    if (bias != nullptr) v = hn::Add(v, hn::LoadU(d, bias + i));
    hn::StoreU(v, d, y + i);
  }
  for (; i < n; ++i) {
    float v = (x[i] - mean) * inv_std;
    if (scale != nullptr) v *= scale[i];
    if (bias != nullptr) v += bias[i];
    y[i] = v;
  }
}

void NormalizeRowsF32(const float* x, float* y, int64_t n, float epsilon, bool centered,
                      const float* scale, const float* bias, float* mean, float* inv_std,
                      int64_t begin, int64_t end) {
  for (int64_t r = begin; r < end; ++r)
    NormalizeRowF32(x + r * n, y + r * n, static_cast<size_t>(n), epsilon, centered, scale, bias,
                    mean != nullptr ? mean + r : nullptr,
                    inv_std != nullptr ? inv_std + r : nullptr);
}

}  // namespace onyx::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include <algorithm>

#include "base/cpu.h"
#include "kernels/elementwise_parallel.h"

namespace onyx::kernels {

HWY_EXPORT(NormalizeRowsF32);

namespace {

// Scalar rows [begin, end), same arithmetic order as the SIMD path up to summation order.
template <class T>
void normalize_rows_range(const T* x, T* y, const NormRows<T>& p, int64_t begin, int64_t end) {
  const int64_t n = p.n;
  for (int64_t r = begin; r < end; ++r) {
    const T* xr = x + r * n;
    T* yr = y + r * n;
    T mean = T(0);
    if (p.centered) {
      T sum = T(0);
      for (int64_t j = 0; j < n; ++j) sum += xr[j];
      mean = sum / static_cast<T>(n);
    }
    T sq = T(0);
    for (int64_t j = 0; j < n; ++j) sq += (xr[j] - mean) * (xr[j] - mean);
    const T inv_std = T(1) / std::sqrt(sq / static_cast<T>(n) + p.epsilon);
    if (p.mean != nullptr) p.mean[r] = mean;
    if (p.inv_std != nullptr) p.inv_std[r] = inv_std;
    for (int64_t j = 0; j < n; ++j) {
      T v = (xr[j] - mean) * inv_std;
      if (p.scale != nullptr) v *= p.scale[j];
      if (p.bias != nullptr) v += p.bias[j];
      yr[j] = v;
    }
  }
}

template <class T, class Range>
void run_rows(const NormRows<T>& p, ThreadPool* pool, Range range) {
  if (p.rows <= 0 || p.n <= 0) return;
  parallel_ranges(pool, p.rows, std::max<int64_t>(1, kElementwiseGrain / p.n),
                  [&](int64_t b, int64_t e) { range(b, e); });
}

// Rows [begin, end) of add_normalize_rows, a few rows at a time (summed, then normalized by
// normalize(s, y, rows) while they are in L1).
template <class Normalize>
void add_rows_range(const float* a, const float* b, float* sum, float* y, int64_t n, int64_t begin,
                    int64_t end, const Normalize& normalize) {
  constexpr int64_t kBlockRows = 4;
  float* s = sum != nullptr ? sum : y;
  for (int64_t r = begin; r < end; r += kBlockRows) {
    const int64_t rows = std::min(kBlockRows, end - r);
    for (int64_t i = r * n; i < (r + rows) * n; ++i) s[i] = a[i] + b[i];
    normalize(s + r * n, y + r * n, rows);
  }
}

}  // namespace

namespace reference {
void normalize_rows(const float* x, float* y, const NormRows<float>& p) {
  if (p.rows > 0 && p.n > 0) normalize_rows_range(x, y, p, 0, p.rows);
}
void add_normalize_rows(const float* a, const float* b, float* sum, float* y,
                        const NormRows<float>& p) {
  if (p.rows <= 0 || p.n <= 0) return;
  add_rows_range(a, b, sum, y, p.n, 0, p.rows, [&](const float* s, float* out, int64_t rows) {
    NormRows<float> q = p;
    q.rows = rows;
    q.mean = q.inv_std = nullptr;
    normalize_rows_range(s, out, q, 0, rows);
  });
}
}  // namespace reference

namespace simd {
void normalize_rows(const float* x, float* y, const NormRows<float>& p) {
  if (p.rows > 0 && p.n > 0) HWY_DYNAMIC_DISPATCH(NormalizeRowsF32)
  (x, y, p.n, p.epsilon, p.centered, p.scale, p.bias, p.mean, p.inv_std, 0, p.rows);
}
}  // namespace simd

void normalize_rows(const float* x, float* y, const NormRows<float>& p, ThreadPool* pool) {
  const bool scalar = force_scalar_kernels();
  run_rows(p, pool, [&](int64_t b, int64_t e) {
    if (scalar)
      normalize_rows_range(x, y, p, b, e);
    else
      HWY_DYNAMIC_DISPATCH(NormalizeRowsF32)
    (x, y, p.n, p.epsilon, p.centered, p.scale, p.bias, p.mean, p.inv_std, b, e);
  });
}

void add_normalize_rows(const float* a, const float* b, float* sum, float* y,
                        const NormRows<float>& p, ThreadPool* pool) {
  if (force_scalar_kernels()) return reference::add_normalize_rows(a, b, sum, y, p);
  run_rows(p, pool, [&](int64_t begin, int64_t end) {
    add_rows_range(a, b, sum, y, p.n, begin, end, [&](const float* s, float* out, int64_t rows) {
      HWY_DYNAMIC_DISPATCH(NormalizeRowsF32)
      (s, out, p.n, p.epsilon, p.centered, p.scale, p.bias, nullptr, nullptr, 0, rows);
    });
  });
}

void normalize_rows(const double* x, double* y, const NormRows<double>& p, ThreadPool* pool) {
  run_rows(p, pool, [&](int64_t b, int64_t e) { normalize_rows_range(x, y, p, b, e); });
}

template <class T>
void channel_affine(T* y, int64_t outer, int64_t channels, int64_t inner, const T* scale,
                    const T* bias) {
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t c = 0; c < channels; ++c) {
      const T s = scale != nullptr ? scale[c] : T(1);
      const T b = bias != nullptr ? bias[c] : T(0);
      T* row = y + (o * channels + c) * inner;
      for (int64_t i = 0; i < inner; ++i) row[i] = row[i] * s + b;
    }
}

template <class T>
void lp_normalize(const T* x, T* y, int64_t outer, int64_t n, int64_t inner, int p) {
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < inner; ++i) {
      const T* xs = x + o * n * inner + i;
      T* ys = y + o * n * inner + i;
      T norm = T(0);
      for (int64_t k = 0; k < n; ++k) {
        const T v = xs[k * inner];
        norm += p == 1 ? std::abs(v) : v * v;
      }
      if (p == 2) norm = std::sqrt(norm);
      for (int64_t k = 0; k < n; ++k) ys[k * inner] = norm == T(0) ? T(0) : xs[k * inner] / norm;
    }
}

int64_t mean_variance_workspace(const int64_t* dims, const uint8_t* reduced, int rank) {
  int64_t groups = 1;
  for (int k = 0; k < rank; ++k)
    if (!reduced[k]) groups *= dims[k];
  return 2 * groups;
}

namespace {
// Index of element e's statistics: its coordinates over the kept axes, row-major.
int64_t stats_slot(int64_t e, const int64_t* dims, const uint8_t* reduced, int rank) {
  int64_t slot = 0, scale = 1;
  for (int k = rank - 1; k >= 0; --k) {
    const int64_t i = e % dims[k];
    e /= dims[k];
    if (!reduced[k]) {
      slot += i * scale;
      scale *= dims[k];
    }
  }
  return slot;
}
}  // namespace

template <class T>
void mean_variance_normalize(const T* x, T* y, const int64_t* dims, const uint8_t* reduced,
                             int rank, double epsilon, double* workspace) {
  int64_t total = 1;
  for (int k = 0; k < rank; ++k) total *= dims[k];
  if (total == 0) return;
  const int64_t groups = mean_variance_workspace(dims, reduced, rank) / 2;
  const auto count = static_cast<double>(total / groups);
  double* mean = workspace;
  double* denom = workspace + groups;
  std::fill(workspace, workspace + 2 * groups, 0.0);
  for (int64_t e = 0; e < total; ++e)
    mean[stats_slot(e, dims, reduced, rank)] += static_cast<double>(x[e]);
  for (int64_t g = 0; g < groups; ++g) mean[g] /= count;
  for (int64_t e = 0; e < total; ++e) {
    const int64_t g = stats_slot(e, dims, reduced, rank);
    const double t = static_cast<double>(x[e]) - mean[g];
    denom[g] += t * t;
  }
  for (int64_t g = 0; g < groups; ++g) denom[g] = std::sqrt(denom[g] / count) + epsilon;
  for (int64_t e = 0; e < total; ++e) {
    const int64_t g = stats_slot(e, dims, reduced, rank);
    y[e] = static_cast<T>((static_cast<double>(x[e]) - mean[g]) / denom[g]);
  }
}

template void channel_affine(float*, int64_t, int64_t, int64_t, const float*, const float*);
template void channel_affine(double*, int64_t, int64_t, int64_t, const double*, const double*);
template void lp_normalize(const float*, float*, int64_t, int64_t, int64_t, int);
template void lp_normalize(const double*, double*, int64_t, int64_t, int64_t, int);
template void mean_variance_normalize(const float*, float*, const int64_t*, const uint8_t*, int,
                                      double, double*);
template void mean_variance_normalize(const double*, double*, const int64_t*, const uint8_t*, int,
                                      double, double*);

}  // namespace onyx::kernels
#endif  // HWY_ONCE
