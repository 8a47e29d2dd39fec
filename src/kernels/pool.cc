// Pooling kernels: one loop nest over a 3-D view of the spatial dims (leading dims of size 1).
#include "kernels/pool.h"

#include "kernels/pool_geometry.h"

#include <algorithm>
#include <limits>

namespace onyx::kernels {
using detail::for_planes;
using detail::Geo;
using detail::to_geo;

template <class T>
void max_pool(const PoolShape& s, const T* x, T* y, int64_t* indices, bool column_major_indices,
              ThreadPool* pool) {
  const Geo g = to_geo(s);
  const int64_t in_plane = g.in[0] * g.in[1] * g.in[2];
  const int64_t out_plane = g.out[0] * g.out[1] * g.out[2];
  for_planes(pool, s.batch * s.channels, out_plane * g.kernel[0] * g.kernel[1] * g.kernel[2],
             [&](int64_t begin, int64_t end) {
               for (int64_t p = begin; p < end; ++p) {
                 const T* xp = x + p * in_plane;
                 int64_t o = p * out_plane;
                 for (int64_t od = 0; od < g.out[0]; ++od)
                   for (int64_t oh = 0; oh < g.out[1]; ++oh)
                     for (int64_t ow = 0; ow < g.out[2]; ++ow, ++o) {
                       T best = std::numeric_limits<T>::has_infinity
                                    ? -std::numeric_limits<T>::infinity()
                                    : std::numeric_limits<T>::lowest();
                       int64_t bd = -1, bh = 0, bw = 0;
                       for (int64_t kd = 0; kd < g.kernel[0]; ++kd) {
                         const int64_t id = od * g.stride[0] - g.pb[0] + kd * g.dilation[0];
                         if (id < 0 || id >= g.in[0]) continue;
                         for (int64_t kh = 0; kh < g.kernel[1]; ++kh) {
                           const int64_t ih = oh * g.stride[1] - g.pb[1] + kh * g.dilation[1];
                           if (ih < 0 || ih >= g.in[1]) continue;
                           const T* row = xp + (id * g.in[1] + ih) * g.in[2];
                           for (int64_t kw = 0; kw < g.kernel[2]; ++kw) {
                             const int64_t iw = ow * g.stride[2] - g.pb[2] + kw * g.dilation[2];
                             if (iw < 0 || iw >= g.in[2]) continue;
                             if (row[iw] > best || bd < 0) {
                               best = row[iw];
                               bd = id;
                               bh = ih;
                               bw = iw;
                             }
                           }
                         }
                       }
                       y[o] = best;
                       if (indices) {
                         int64_t flat = 0;
                         if (bd >= 0) {
                           if (!column_major_indices)
                             flat = (bd * g.in[1] + bh) * g.in[2] + bw;
                           else if (g.rank == 1)
                             flat = bw;
                           else if (g.rank == 2)
                             flat = bw * g.in[1] + bh;
                           else
                             flat = (bw * g.in[1] + bh) * g.in[0] + bd;
                         }
                         indices[o] = p * in_plane + flat;
                       }
                     }
               }
             });
}

template void max_pool(const PoolShape&, const float*, float*, int64_t*, bool, ThreadPool*);
template void max_pool(const PoolShape&, const double*, double*, int64_t*, bool, ThreadPool*);
template void max_pool(const PoolShape&, const int8_t*, int8_t*, int64_t*, bool, ThreadPool*);
template void max_pool(const PoolShape&, const uint8_t*, uint8_t*, int64_t*, bool, ThreadPool*);

void average_pool(const PoolShape& s, const float* x, float* y, bool count_include_pad,
                  ThreadPool* pool) {
  const Geo g = to_geo(s);
  const int64_t in_plane = g.in[0] * g.in[1] * g.in[2];
  const int64_t out_plane = g.out[0] * g.out[1] * g.out[2];
  for_planes(pool, s.batch * s.channels, out_plane * g.kernel[0] * g.kernel[1] * g.kernel[2],
             [&](int64_t begin, int64_t end) {
               for (int64_t p = begin; p < end; ++p) {
                 const float* xp = x + p * in_plane;
                 float* yp = y + p * out_plane;
                 for (int64_t od = 0; od < g.out[0]; ++od)
                   for (int64_t oh = 0; oh < g.out[1]; ++oh)
                     for (int64_t ow = 0; ow < g.out[2]; ++ow) {
                       const int64_t o[3] = {od, oh, ow};
                       int64_t padded_count = 1;  // window positions inside the padded input
                       for (int d = 0; d < 3; ++d) {
                         int64_t n = 0;
                         for (int64_t k = 0; k < g.kernel[d]; ++k) {
                           const int64_t i = o[d] * g.stride[d] - g.pb[d] + k * g.dilation[d];
                           n += (i >= -g.pb[d] && i < g.in[d] + g.pe[d]) ? 1 : 0;
                         }
                         padded_count *= n;
                       }
                       double sum = 0;
                       int64_t count = 0;
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
                             sum += row[iw];
                             ++count;
                           }
                         }
                       }
                       const int64_t divisor = count_include_pad ? padded_count : count;
                       yp[(od * g.out[1] + oh) * g.out[2] + ow] =
                           divisor > 0 ? static_cast<float>(sum / static_cast<double>(divisor))
                                       : 0.0f;
                     }
               }
             });
}

void global_average_pool(int64_t planes, int64_t plane_size, const float* x, float* y,
                         ThreadPool* pool) {
  for_planes(pool, planes, plane_size, [&](int64_t begin, int64_t end) {
    for (int64_t p = begin; p < end; ++p) {
      const float* xp = x + p * plane_size;
      // 8 partial sums: vectorizable and more accurate than one running sum.
      float part[8] = {0, 0, 0, 0, 0, 0, 0, 0};
      int64_t i = 0;
      for (; i + 8 <= plane_size; i += 8)
        for (int j = 0; j < 8; ++j) part[j] += xp[i + j];
      double sum = 0;
      for (; i < plane_size; ++i) sum += xp[i];
      for (float v : part) sum += v;
      y[p] = plane_size > 0 ? static_cast<float>(sum / static_cast<double>(plane_size)) : 0.0f;
    }
  });
}

void global_max_pool(int64_t planes, int64_t plane_size, const float* x, float* y,
                     ThreadPool* pool) {
  for_planes(pool, planes, plane_size, [&](int64_t begin, int64_t end) {
    for (int64_t p = begin; p < end; ++p) {
      const float* xp = x + p * plane_size;
      float best = -std::numeric_limits<float>::infinity();
      for (int64_t i = 0; i < plane_size; ++i) best = std::max(best, xp[i]);
      y[p] = best;
    }
  });
}

}  // namespace onyx::kernels
