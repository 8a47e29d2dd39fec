// GridSample reference kernel; see grid_sample.h. Follows onnx/reference/ops/op_grid_sample.py:
// a coordinate outside the valid range is first clamped (border) or reflected (reflection), then
// every tap index is mapped again by the padding mode.
#include "kernels/grid_sample.h"

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <vector>

namespace onyx::kernels {
namespace {

double reflect(double v, double lo, double hi) {
  const double range = hi - lo;
  if (range <= 0) return lo;
  if (v < lo) {
    const double d = lo - v;
    const auto k = static_cast<int64_t>(d / range);
    const double r = d - static_cast<double>(k) * range;
    return k % 2 == 0 ? lo + r : hi - r;
  }
  if (v > hi) {
    const double d = v - hi;
    const auto k = static_cast<int64_t>(d / range);
    const double r = d - static_cast<double>(k) * range;
    return k % 2 == 0 ? hi - r : lo + r;
  }
  return v;
}

double cubic(double t) {
  constexpr double a = -0.75;
  t = std::abs(t);
  if (t <= 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
  if (t < 2) return ((a * t - 5 * a) * t + 8 * a) * t - 4 * a;
  return 0.0;
}

template <class T>
double load(T v) {
  if constexpr (std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>)
    return to_float(v);
  else
    return static_cast<double>(v);
}

template <class T>
T store(double v) {
  if constexpr (std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>)
    return from_float<T>(static_cast<float>(v));
  else
    return static_cast<T>(v);
}

struct Tap {
  int64_t index;  // per axis: -1 = outside (zeros padding); combined: flat offset
  double weight;
};

}  // namespace

template <class T>
void grid_sample(const T* x, const double* grid, T* y, const GridSampleShape& s,
                 GridSampleMode mode, GridSamplePadding padding, bool align_corners,
                 ThreadPool* pool) {
  const auto r = static_cast<int64_t>(s.in.size());
  int64_t plane = 1;
  for (int64_t d : s.in) plane *= d;
  const int64_t per_axis = mode == GridSampleMode::kNearest  ? 1
                           : mode == GridSampleMode::kLinear ? 2
                                                             : 4;
  auto work = [&](int64_t begin, int64_t end) {
    std::vector<Tap> taps(static_cast<size_t>(r * per_axis));
    std::vector<int64_t> pick(static_cast<size_t>(r));
    std::vector<Tap> combos;  // (flat offset into a channel, product weight)
    for (int64_t job = begin; job < end; ++job) {
      const int64_t b = job / s.points, p = job % s.points;
      const double* g = grid + (b * s.points + p) * r;
      for (int64_t a = 0; a < r; ++a) {
        const int64_t dim = s.in[static_cast<size_t>(a)];
        const double norm = g[r - 1 - a];
        double v = align_corners ? (norm + 1) / 2 * static_cast<double>(dim - 1)
                                 : ((norm + 1) * static_cast<double>(dim) - 1) / 2;
        const double lo = align_corners ? 0.0 : -0.5;
        const double hi = align_corners ? static_cast<double>(dim - 1) : dim - 0.5;
        if (mode == GridSampleMode::kNearest) v = std::nearbyint(v);
        if (v < lo || v > hi) {
          if (padding == GridSamplePadding::kBorder)
            v = std::clamp(v, 0.0, static_cast<double>(dim - 1));
          else if (padding == GridSamplePadding::kReflection)
            v = reflect(v, lo, hi);
        }
        auto map_index = [&](int64_t i) -> int64_t {
          if (padding == GridSamplePadding::kZeros) return i >= 0 && i < dim ? i : -1;
          if (padding == GridSamplePadding::kBorder) return std::clamp<int64_t>(i, 0, dim - 1);
          const auto m = static_cast<int64_t>(reflect(static_cast<double>(i), lo, hi));
          return std::clamp<int64_t>(m, 0, dim - 1);
        };
        Tap* t = &taps[static_cast<size_t>(a * per_axis)];
        if (mode == GridSampleMode::kNearest) {
          t[0] = {map_index(static_cast<int64_t>(v)), 1.0};
          continue;
        }
        const double f = std::floor(v);
        const double frac = v - f;
        const auto i0 = static_cast<int64_t>(f);
        if (mode == GridSampleMode::kLinear) {
          t[0] = {map_index(i0), 1 - frac};
          t[1] = {map_index(i0 + 1), frac};
        } else {
          for (int64_t k = 0; k < 4; ++k)
            t[k] = {map_index(i0 - 1 + k), cubic(frac + 1 - static_cast<double>(k))};
        }
      }
      // Every in-range combination of taps (odometer over the r axes), once per point.
      combos.clear();
      std::fill(pick.begin(), pick.end(), 0);
      while (true) {
        double w = 1;
        int64_t off = 0;
        bool inside = true;
        for (int64_t a = 0; a < r; ++a) {
          const Tap& t = taps[static_cast<size_t>(a * per_axis + pick[static_cast<size_t>(a)])];
          if (t.index < 0) {
            inside = false;
            break;
          }
          w *= t.weight;
          off = off * s.in[static_cast<size_t>(a)] + t.index;
        }
        if (inside && w != 0) combos.push_back({off, w});
        int64_t a = r - 1;
        for (; a >= 0; --a) {
          if (++pick[static_cast<size_t>(a)] < per_axis) break;
          pick[static_cast<size_t>(a)] = 0;
        }
        if (a < 0) break;
      }
      for (int64_t ch = 0; ch < s.c; ++ch) {
        const T* xp = x + (b * s.c + ch) * plane;
        double acc = 0;
        for (const Tap& t : combos) acc += t.weight * load(xp[t.index]);
        y[(b * s.c + ch) * s.points + p] = store<T>(acc);
      }
    }
  };
  const int64_t jobs = s.n * s.points;
  if (pool)
    pool->parallel_for(jobs, std::max<int64_t>(1, 4096 / std::max<int64_t>(1, s.c)), work);
  else
    work(0, jobs);
}

#define ONYX_GRID_SAMPLE(T)                                                         \
  template void grid_sample<T>(const T*, const double*, T*, const GridSampleShape&, \
                               GridSampleMode, GridSamplePadding, bool, ThreadPool*);
ONYX_GRID_SAMPLE(float)
ONYX_GRID_SAMPLE(double)
ONYX_GRID_SAMPLE(Float16)
ONYX_GRID_SAMPLE(BFloat16)
#undef ONYX_GRID_SAMPLE

}  // namespace onyx::kernels
