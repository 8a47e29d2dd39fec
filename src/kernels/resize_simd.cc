// The fused float32 2-D resize path (resize.h: resize_2d_f32) with Highway: each output row is a
// vertical blend of (up to) two source rows, w0 * r0 + w1 * r1 (MulAdd over the row), then a
// horizontal two-tap gather, y[c] = xw0[c] * row[xi0[c]] + xw1[c] * row[xi1[c]] (GatherIndex).
// Nearest tables are the same with weights (1, 0).
#include <algorithm>
#include <cstring>
#include <vector>

#include "kernels/resize.h"

// Included once per Highway target: the argument block is defined on the first pass only.
#ifndef ONYX_KERNELS_RESIZE_SIMD_ARGS_
#define ONYX_KERNELS_RESIZE_SIMD_ARGS_
namespace onyx::kernels {
// Per-output-column taps of the horizontal axis, and the plane geometry.
struct Resize2dArgs {
  const float* x;
  float* y;
  int64_t ih, iw, oh, ow;
  const ResizeAxis* ay;
  const int32_t* xi0;
  const int32_t* xi1;
  const float* xw0;
  const float* xw1;
};
}  // namespace onyx::kernels
#endif

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/resize_simd.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
// Must follow foreach_target.h.
#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace onyx::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Output rows [begin, end) of the flattened [planes * oh] row space; `tmp` holds iw floats.
void Resize2dF32Rows(const Resize2dArgs& a, int64_t begin, int64_t end, float* tmp) {
  const hn::ScalableTag<float> d;
  const hn::RebindToSigned<decltype(d)> di;
  const size_t N = hn::Lanes(d);
  const auto iw = static_cast<size_t>(a.iw), ow = static_cast<size_t>(a.ow);
  for (int64_t line = begin; line < end; ++line) {
    const int64_t p = line / a.oh, o = line % a.oh;
    const float* plane = a.x + p * a.ih * a.iw;
    const int64_t taps = a.ay->taps;
    const float* r0 = plane + a.ay->index[static_cast<size_t>(o * taps)] * a.iw;
    const auto w0 = hn::Set(d, static_cast<float>(a.ay->weight[static_cast<size_t>(o * taps)]));
    const bool two = taps == 2 && a.ay->weight[static_cast<size_t>(o * 2 + 1)] != 0;
    const float* r1 = two ? plane + a.ay->index[static_cast<size_t>(o * 2 + 1)] * a.iw : r0;
    const auto w1 =
        hn::Set(d, two ? static_cast<float>(a.ay->weight[static_cast<size_t>(o * 2 + 1)]) : 0.f);
    size_t i = 0;
    for (; i + N <= iw; i += N)
      hn::StoreU(hn::MulAdd(w1, hn::LoadU(d, r1 + i), hn::Mul(w0, hn::LoadU(d, r0 + i))), d,
                 tmp + i);
    const float s0 = hn::GetLane(w0), s1 = hn::GetLane(w1);
    for (; i < iw; ++i) tmp[i] = s1 * r1[i] + s0 * r0[i];
    float* out = a.y + line * a.ow;
    size_t c = 0;
    for (; c + N <= ow; c += N) {
      const auto v0 = hn::GatherIndex(d, tmp, hn::LoadU(di, a.xi0 + c));
      const auto v1 = hn::GatherIndex(d, tmp, hn::LoadU(di, a.xi1 + c));
      hn::StoreU(hn::MulAdd(hn::LoadU(d, a.xw1 + c), v1, hn::Mul(hn::LoadU(d, a.xw0 + c), v0)), d,
                 out + c);
    }
    for (; c < ow; ++c) out[c] = a.xw1[c] * tmp[a.xi1[c]] + a.xw0[c] * tmp[a.xi0[c]];
  }
}

}  // namespace onyx::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace onyx::kernels {

HWY_EXPORT(Resize2dF32Rows);

bool resize_2d_f32_applies(std::span<const ResizeAxis> axes) {
  if (axes.size() < 2) return false;
  for (size_t a = 0; a + 2 < axes.size(); ++a)
    if (!axes[a].identity()) return false;
  for (size_t a = axes.size() - 2; a < axes.size(); ++a)
    if (axes[a].has_outside || axes[a].taps > 2 || axes[a].in > INT32_MAX) return false;
  return true;
}

void resize_2d_f32(const float* x, float* y, int64_t planes, const ResizeAxis& ay,
                   const ResizeAxis& ax, ThreadPool* pool) {
  const auto ow = static_cast<size_t>(ax.out);
  std::vector<int32_t> xi0(ow), xi1(ow);
  std::vector<float> xw0(ow), xw1(ow);
  for (size_t o = 0; o < ow; ++o) {
    const size_t at = o * static_cast<size_t>(ax.taps);
    xi0[o] = static_cast<int32_t>(ax.index[at]);
    xw0[o] = static_cast<float>(ax.weight[at]);
    xi1[o] = ax.taps == 2 ? static_cast<int32_t>(ax.index[at + 1]) : xi0[o];
    xw1[o] = ax.taps == 2 ? static_cast<float>(ax.weight[at + 1]) : 0.f;
  }
  const Resize2dArgs args{x,   y,          ay.in,      ax.in,      ay.out,    ax.out,
                          &ay, xi0.data(), xi1.data(), xw0.data(), xw1.data()};
  const auto run = [&](int64_t begin, int64_t end) {
    std::vector<float> tmp(static_cast<size_t>(ax.in));
    HWY_DYNAMIC_DISPATCH(Resize2dF32Rows)(args, begin, end, tmp.data());
  };
  const int64_t lines = planes * ay.out;
  if (pool)
    pool->parallel_for(lines, std::max<int64_t>(1, 8192 / std::max<int64_t>(1, ax.out + ax.in)),
                       run);
  else
    run(0, lines);
}

}  // namespace onyx::kernels
#endif  // HWY_ONCE
