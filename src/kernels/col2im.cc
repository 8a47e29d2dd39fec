// Col2Im reference kernel; see col2im.h.
#include "kernels/col2im.h"

#include <algorithm>
#include <vector>

namespace onyx::kernels {

template <class T>
void col2im(const T* x, T* y, int64_t planes, const Col2ImGeometry& g, ThreadPool* pool) {
  const size_t r = g.image.size();
  int64_t k_total = 1, l_total = 1, plane = 1;
  for (size_t d = 0; d < r; ++d) {
    k_total *= g.block[d];
    l_total *= g.count[d];
    plane *= g.image[d];
  }
  auto work = [&](int64_t begin, int64_t end) {
    std::vector<int64_t> kk(r), ll(r);
    for (int64_t p = begin; p < end; ++p) {
      T* out = y + p * plane;
      std::fill(out, out + plane, T(0));
      const T* in = x + p * k_total * l_total;
      for (int64_t k = 0; k < k_total; ++k) {
        for (int64_t rest = k, d = static_cast<int64_t>(r) - 1; d >= 0; --d) {
          kk[static_cast<size_t>(d)] = rest % g.block[static_cast<size_t>(d)];
          rest /= g.block[static_cast<size_t>(d)];
        }
        for (int64_t l = 0; l < l_total; ++l) {
          int64_t rest = l, off = 0, mul = 1;
          bool inside = true;
          for (int64_t d = static_cast<int64_t>(r) - 1; d >= 0; --d) {
            const auto u = static_cast<size_t>(d);
            const int64_t pos =
                (rest % g.count[u]) * g.strides[u] - g.pad_begin[u] + kk[u] * g.dilations[u];
            rest /= g.count[u];
            if (pos < 0 || pos >= g.image[u]) {
              inside = false;
              break;
            }
            off += pos * mul;
            mul *= g.image[u];
          }
          if (inside) out[off] += in[k * l_total + l];
        }
      }
    }
  };
  if (pool)
    pool->parallel_for(planes, 1, work);
  else
    work(0, planes);
}

template void col2im<float>(const float*, float*, int64_t, const Col2ImGeometry&, ThreadPool*);
template void col2im<double>(const double*, double*, int64_t, const Col2ImGeometry&, ThreadPool*);
template void col2im<int32_t>(const int32_t*, int32_t*, int64_t, const Col2ImGeometry&,
                              ThreadPool*);
template void col2im<int64_t>(const int64_t*, int64_t*, int64_t, const Col2ImGeometry&,
                              ThreadPool*);

}  // namespace onyx::kernels
