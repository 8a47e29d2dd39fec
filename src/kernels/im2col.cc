// im2col straight into GEMM B panels, and the direct convolution reference.
#include <algorithm>
#include <cstring>

#include "base/cpu.h"
#include "kernels/conv.h"
#include "kernels/conv_geometry.h"

namespace onyx::kernels {
namespace {

inline float activate(float x, const ConvActivation& act) {
  if (act.activation == Activation::kRelu) return x < 0.0f ? 0.0f : x;  // NaN stays NaN
  if (act.activation == Activation::kClip) return std::min(std::max(x, act.clip_min), act.clip_max);
  return x;
}

// A run of consecutive panel lanes whose output pixels share (od, oh): ow = ow0 .. ow0+len-1.
struct Segment {
  int lane, len;
  int64_t od, oh, ow0;
};

// Splits the panel's `lanes` pixels from p into row segments; returns their count (<= max).
int make_segments(const detail::Geometry3& g, int64_t p, int lanes, Segment* segs, int max) {
  const int64_t plane = g.out[1] * g.out[2];
  int nseg = 0;
  for (int lane = 0; lane < lanes && nseg < max;) {
    const int64_t q = p + lane;
    const int64_t od = q / plane, oh = (q % plane) / g.out[2], ow = q % g.out[2];
    const int len = static_cast<int>(std::min<int64_t>(lanes - lane, g.out[2] - ow));
    segs[nseg++] = Segment{lane, len, od, oh, ow};
    lane += len;
  }
  return nseg;
}

// r[t] = src[iw0 + t * stride] for t < len, 0 where iw0 + t * stride is outside [0, width).
// The valid range of t is computed once (no divisions for strides 1 and 2), so the copy loops
// carry no bounds checks. kStride 0: any stride (`stride`).
template <int kStride>
inline void copy_row(const float* src, int64_t iw0, int64_t stride, int64_t width, int len,
                     float* r) {
  if constexpr (kStride != 0) stride = kStride;
  auto ceil_div = [&](int64_t a) {  // a >= 0
    if constexpr (kStride == 1) return a;
    if constexpr (kStride == 2) return (a + 1) >> 1;
    return (a + stride - 1) / stride;
  };
  const int64_t lo = iw0 >= 0 ? 0 : std::min<int64_t>(ceil_div(-iw0), len);
  const int64_t hi = iw0 >= width ? lo : std::clamp<int64_t>(ceil_div(width - iw0), lo, len);
  std::fill(r, r + lo, 0.0f);
  if constexpr (kStride == 1) {
    for (int64_t t = lo; t < hi; ++t) r[t] = src[iw0 + t];
  } else {
    for (int64_t t = lo; t < hi; ++t) r[t] = src[iw0 + t * stride];
  }
  std::fill(r + hi, r + len, 0.0f);
}

}  // namespace

void im2col_pack_panels(const ConvShape& s, const float* x, int64_t channels, int64_t p0,
                        int64_t np, int panel, float* dst) {
  constexpr int kMaxLanes = 512, kGroupLanes = 128;
  if (force_scalar_kernels() || panel > kMaxLanes) {
    im2col_pack_panels_reference(s, x, channels, p0, np, panel, dst);
    return;
  }
  const detail::Geometry3 g = detail::to_geometry3(s);
  const int64_t K = channels * g.kernel_size();
  // Panels are packed in groups of about kGroupLanes pixels, channel-outer within a group: each
  // input row is read once for all the group's panels (sequential, prefetch-friendly reads; the
  // panel-outer order touched every channel plane per 16 pixels), writes stay in the L2-sized
  // destination block.
  Segment segs[kMaxLanes];
  int seg_begin[kMaxLanes + 1];  // panel j of the group owns segs[seg_begin[j], seg_begin[j+1])
  const float* src[kMaxLanes];   // per segment: the input row of the current (c, kd, kh)
  const int64_t group_panels = std::max<int64_t>(kGroupLanes / panel, 1);
  for (int64_t q0 = 0; q0 < np; q0 += group_panels * panel) {
    const int panels = static_cast<int>(std::min(group_panels, (np - q0 + panel - 1) / panel));
    int nseg = 0;
    for (int j = 0; j < panels; ++j) {
      const int64_t q = q0 + int64_t{j} * panel;
      const int lanes = static_cast<int>(std::min<int64_t>(panel, np - q));
      seg_begin[j] = nseg;
      nseg += make_segments(g, p0 + q, lanes, segs + nseg, kMaxLanes - nseg);
    }
    seg_begin[panels] = nseg;
    float* out = dst + q0 * K;
    int64_t kk = 0;
    for (int64_t c = 0; c < channels; ++c) {
      const float* xc = x + c * g.in_plane();
      for (int64_t kd = 0; kd < g.kernel[0]; ++kd)
        for (int64_t kh = 0; kh < g.kernel[1]; ++kh) {
          for (int si = 0; si < nseg; ++si) {
            const int64_t id = segs[si].od * g.stride[0] - g.pad[0] + kd * g.dilation[0];
            const int64_t ih = segs[si].oh * g.stride[1] - g.pad[1] + kh * g.dilation[1];
            src[si] = (id < 0 || id >= g.in[0] || ih < 0 || ih >= g.in[1])
                          ? nullptr
                          : xc + (id * g.in[1] + ih) * g.in[2];
          }
          for (int64_t kw = 0; kw < g.kernel[2]; ++kw, ++kk) {
            const int64_t dw = kw * g.dilation[2] - g.pad[2];
            for (int j = 0; j < panels; ++j) {
              float* row = out + int64_t{j} * panel * K + kk * panel;
              int filled = 0;
              for (int si = seg_begin[j]; si < seg_begin[j + 1]; ++si) {
                const Segment& sg = segs[si];
                const int64_t iw0 = sg.ow0 * g.stride[2] + dw;
                if (!src[si])
                  std::fill(row + sg.lane, row + sg.lane + sg.len, 0.0f);
                else if (g.stride[2] == 1)
                  copy_row<1>(src[si], iw0, 1, g.in[2], sg.len, row + sg.lane);
                else if (g.stride[2] == 2)
                  copy_row<2>(src[si], iw0, 2, g.in[2], sg.len, row + sg.lane);
                else
                  copy_row<0>(src[si], iw0, g.stride[2], g.in[2], sg.len, row + sg.lane);
                filled = sg.lane + sg.len;
              }
              std::fill(row + filled, row + panel, 0.0f);
            }
          }
        }
    }
  }
}

void im2col_pack_panels_reference(const ConvShape& s, const float* x, int64_t channels, int64_t p0,
                                  int64_t np, int panel, float* dst) {
  const detail::Geometry3 g = detail::to_geometry3(s);
  const int64_t K = channels * g.kernel_size();
  const int64_t plane = g.out[1] * g.out[2];
  constexpr int kMaxSegments = 256;
  Segment segs[kMaxSegments];
  for (int64_t q0 = 0; q0 < np; q0 += panel) {
    float* out = dst + q0 * K;
    const int lanes = static_cast<int>(std::min<int64_t>(panel, np - q0));
    int nseg = 0;
    for (int lane = 0; lane < lanes && nseg < kMaxSegments;) {
      const int64_t p = p0 + q0 + lane;
      const int64_t od = p / plane, oh = (p % plane) / g.out[2], ow = p % g.out[2];
      const int len = static_cast<int>(std::min<int64_t>(lanes - lane, g.out[2] - ow));
      segs[nseg++] = Segment{lane, len, od, oh, ow};
      lane += len;
    }
    int64_t kk = 0;
    for (int64_t c = 0; c < channels; ++c) {
      const float* xc = x + c * g.in_plane();
      for (int64_t kd = 0; kd < g.kernel[0]; ++kd)
        for (int64_t kh = 0; kh < g.kernel[1]; ++kh)
          for (int64_t kw = 0; kw < g.kernel[2]; ++kw, ++kk) {
            float* row = out + kk * panel;
            for (int si = 0; si < nseg; ++si) {
              const Segment& sg = segs[si];
              float* r = row + sg.lane;
              const int64_t id = sg.od * g.stride[0] - g.pad[0] + kd * g.dilation[0];
              const int64_t ih = sg.oh * g.stride[1] - g.pad[1] + kh * g.dilation[1];
              if (id < 0 || id >= g.in[0] || ih < 0 || ih >= g.in[1]) {
                std::fill(r, r + sg.len, 0.0f);
                continue;
              }
              const float* src = xc + (id * g.in[1] + ih) * g.in[2];
              const int64_t iw0 = sg.ow0 * g.stride[2] - g.pad[2] + kw * g.dilation[2];
              if (g.stride[2] == 1) {
                const int64_t lo = std::clamp<int64_t>(-iw0, 0, sg.len);
                const int64_t hi = std::clamp<int64_t>(g.in[2] - iw0, lo, sg.len);
                std::fill(r, r + lo, 0.0f);
                std::memcpy(r + lo, src + iw0 + lo, sizeof(float) * static_cast<size_t>(hi - lo));
                std::fill(r + hi, r + sg.len, 0.0f);
              } else {
                for (int t = 0; t < sg.len; ++t) {
                  const int64_t iw = iw0 + t * g.stride[2];
                  r[t] = (iw >= 0 && iw < g.in[2]) ? src[iw] : 0.0f;
                }
              }
            }
            std::fill(row + lanes, row + panel, 0.0f);
          }
    }
  }
}

void conv_reference(const ConvShape& s, const float* x, const float* w, const float* bias, float* y,
                    const ConvActivation& act) {
  const detail::Geometry3 g = detail::to_geometry3(s);
  const int64_t cg = s.in_channels / s.groups, m = s.out_channels / s.groups;
  const int64_t ksize = g.kernel_size();
  for (int64_t n = 0; n < s.batch; ++n)
    for (int64_t oc = 0; oc < s.out_channels; ++oc) {
      const int64_t grp = oc / m;
      float* yo = y + (n * s.out_channels + oc) * g.out_plane();
      for (int64_t od = 0; od < g.out[0]; ++od)
        for (int64_t oh = 0; oh < g.out[1]; ++oh)
          for (int64_t ow = 0; ow < g.out[2]; ++ow) {
            double sum = bias ? bias[oc] : 0.0;
            for (int64_t c = 0; c < cg; ++c) {
              const float* xc = x + (n * s.in_channels + grp * cg + c) * g.in_plane();
              const float* wc = w + (oc * cg + c) * ksize;
              for (int64_t kd = 0; kd < g.kernel[0]; ++kd)
                for (int64_t kh = 0; kh < g.kernel[1]; ++kh)
                  for (int64_t kw = 0; kw < g.kernel[2]; ++kw) {
                    const int64_t id = od * g.stride[0] - g.pad[0] + kd * g.dilation[0];
                    const int64_t ih = oh * g.stride[1] - g.pad[1] + kh * g.dilation[1];
                    const int64_t iw = ow * g.stride[2] - g.pad[2] + kw * g.dilation[2];
                    if (id < 0 || id >= g.in[0] || ih < 0 || ih >= g.in[1] || iw < 0 ||
                        iw >= g.in[2])
                      continue;
                    sum += double(xc[(id * g.in[1] + ih) * g.in[2] + iw]) *
                           wc[(kd * g.kernel[1] + kh) * g.kernel[2] + kw];
                  }
            }
            yo[(od * g.out[1] + oh) * g.out[2] + ow] = activate(static_cast<float>(sum), act);
          }
    }
}

}  // namespace onyx::kernels
