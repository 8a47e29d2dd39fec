// Norm-like window kernels: LpPool, GlobalLpPool and cross-channel LRN.
#include <cmath>
#include <vector>

#include "kernels/pool.h"
#include "kernels/pool_geometry.h"

namespace onyx::kernels {
namespace {

// |v|^p with the common exponents exact and fast.
inline double abs_pow(double v, double p) {
  const double a = std::fabs(v);
  if (p == 1.0) return a;
  if (p == 2.0) return a * a;
  return std::pow(a, p);
}

inline float root(double sum, double p) {
  if (p == 1.0) return static_cast<float>(sum);
  if (p == 2.0) return static_cast<float>(std::sqrt(sum));
  return static_cast<float>(std::pow(sum, 1.0 / p));
}

}  // namespace

void lp_pool(const PoolShape& s, const float* x, float* y, float p, ThreadPool* pool) {
  const detail::Geo g = detail::to_geo(s);
  const int64_t in_plane = g.in[0] * g.in[1] * g.in[2];
  const int64_t out_plane = g.out[0] * g.out[1] * g.out[2];
  const double pd = p;
  detail::for_planes(
      pool, s.batch * s.channels, out_plane * g.kernel[0] * g.kernel[1] * g.kernel[2],
      [&](int64_t begin, int64_t end) {
        for (int64_t plane = begin; plane < end; ++plane) {
          const float* xp = x + plane * in_plane;
          float* yp = y + plane * out_plane;
          for (int64_t od = 0; od < g.out[0]; ++od)
            for (int64_t oh = 0; oh < g.out[1]; ++oh)
              for (int64_t ow = 0; ow < g.out[2]; ++ow) {
                double sum = 0;
                for (int64_t kd = 0; kd < g.kernel[0]; ++kd) {
                  const int64_t id = od * g.stride[0] - g.pb[0] + kd * g.dilation[0];
                  if (id < 0 || id >= g.in[0]) continue;
                  for (int64_t kh = 0; kh < g.kernel[1]; ++kh) {
                    const int64_t ih = oh * g.stride[1] - g.pb[1] + kh * g.dilation[1];
                    if (ih < 0 || ih >= g.in[1]) continue;
                    const float* row = xp + (id * g.in[1] + ih) * g.in[2];
                    for (int64_t kw = 0; kw < g.kernel[2]; ++kw) {
                      const int64_t iw = ow * g.stride[2] - g.pb[2] + kw * g.dilation[2];
                      if (iw < 0 || iw >= g.in[2]) continue;
                      sum += abs_pow(row[iw], pd);
                    }
                  }
                }
                yp[(od * g.out[1] + oh) * g.out[2] + ow] = root(sum, pd);
              }
        }
      });
}

void global_lp_pool(int64_t planes, int64_t plane_size, float p, const float* x, float* y,
                    ThreadPool* pool) {
  const double pd = p;
  detail::for_planes(pool, planes, plane_size, [&](int64_t begin, int64_t end) {
    for (int64_t plane = begin; plane < end; ++plane) {
      const float* xp = x + plane * plane_size;
      double sum = 0;
      for (int64_t i = 0; i < plane_size; ++i) sum += abs_pow(xp[i], pd);
      y[plane] = root(sum, pd);
    }
  });
}

void lrn(int64_t batch, int64_t channels, int64_t plane_size, const LrnParams& prm, const float* x,
         float* y, ThreadPool* pool) {
  const int64_t before = (prm.size - 1) / 2, after = prm.size - 1 - before;
  const double scale = static_cast<double>(prm.alpha) / static_cast<double>(prm.size);
  detail::for_planes(
      pool, batch * channels, plane_size * prm.size, [&](int64_t begin, int64_t end) {
        for (int64_t plane = begin; plane < end; ++plane) {
          const int64_t n = plane / channels, c = plane % channels;
          const int64_t c0 = std::max<int64_t>(0, c - before);
          const int64_t c1 = std::min<int64_t>(channels - 1, c + after);
          const float* xc = x + plane * plane_size;
          float* yc = y + plane * plane_size;
          for (int64_t i = 0; i < plane_size; ++i) {
            double sq = 0;
            for (int64_t k = c0; k <= c1; ++k) {
              const double v = x[(n * channels + k) * plane_size + i];
              sq += v * v;
            }
            yc[i] = static_cast<float>(xc[i] / std::pow(prm.bias + scale * sq, prm.beta));
          }
        }
      });
}

}  // namespace onyx::kernels
