#include "kernels/roi_align.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace onyx::kernels {

namespace {

// The four neighbours (flat offsets in one map) and weights of one sample.
struct Sample {
  int64_t pos[4] = {0, 0, 0, 0};
  double w[4] = {0, 0, 0, 0};
};

Sample bilinear_sample(double y, double x, int64_t height, int64_t width) {
  Sample s;
  if (y < -1.0 || y > double(height) || x < -1.0 || x > double(width)) return s;
  y = std::max(y, 0.0);
  x = std::max(x, 0.0);
  int64_t y_low = static_cast<int64_t>(y), x_low = static_cast<int64_t>(x), y_high, x_high;
  if (y_low >= height - 1) {
    y_high = y_low = height - 1;
    y = double(y_low);
  } else {
    y_high = y_low + 1;
  }
  if (x_low >= width - 1) {
    x_high = x_low = width - 1;
    x = double(x_low);
  } else {
    x_high = x_low + 1;
  }
  const double ly = y - double(y_low), lx = x - double(x_low), hy = 1.0 - ly, hx = 1.0 - lx;
  s.pos[0] = y_low * width + x_low;
  s.pos[1] = y_low * width + x_high;
  s.pos[2] = y_high * width + x_low;
  s.pos[3] = y_high * width + x_high;
  s.w[0] = hy * hx;
  s.w[1] = hy * lx;
  s.w[2] = ly * hx;
  s.w[3] = ly * lx;
  return s;
}

}  // namespace

template <class T>
void roi_align(const T* x, const T* rois, const int64_t* batch_index, int64_t num_rois,
               const RoiAlignParams& p, T* y) {
  const int64_t oh = p.output_height, ow = p.output_width, map = p.height * p.width;
  std::vector<Sample> samples;
  for (int64_t r = 0; r < num_rois; ++r) {
    const T* roi = rois + r * 4;
    const double offset = p.half_pixel ? 0.5 : 0.0;
    const double start_w = double(roi[0]) * p.spatial_scale - offset;
    const double start_h = double(roi[1]) * p.spatial_scale - offset;
    double roi_w = double(roi[2]) * p.spatial_scale - offset - start_w;
    double roi_h = double(roi[3]) * p.spatial_scale - offset - start_h;
    if (!p.half_pixel) {
      roi_w = std::max(roi_w, 1.0);
      roi_h = std::max(roi_h, 1.0);
    }
    const double bin_h = roi_h / double(oh), bin_w = roi_w / double(ow);
    const int64_t grid_h = p.sampling_ratio > 0
                               ? p.sampling_ratio
                               : static_cast<int64_t>(std::ceil(roi_h / double(oh)));
    const int64_t grid_w = p.sampling_ratio > 0
                               ? p.sampling_ratio
                               : static_cast<int64_t>(std::ceil(roi_w / double(ow)));
    const double count = double(std::max<int64_t>(grid_h * grid_w, 1));
    // Sample positions are the same for every channel: computed once per roi.
    samples.clear();
    for (int64_t ph = 0; ph < oh; ++ph)
      for (int64_t pw = 0; pw < ow; ++pw)
        for (int64_t iy = 0; iy < grid_h; ++iy) {
          const double yy =
              start_h + double(ph) * bin_h + (double(iy) + 0.5) * bin_h / double(grid_h);
          for (int64_t ix = 0; ix < grid_w; ++ix) {
            const double xx =
                start_w + double(pw) * bin_w + (double(ix) + 0.5) * bin_w / double(grid_w);
            samples.push_back(bilinear_sample(yy, xx, p.height, p.width));
          }
        }
    const int64_t per_bin = grid_h * grid_w;
    for (int64_t c = 0; c < p.channels; ++c) {
      const T* src = x + (batch_index[r] * p.channels + c) * map;
      T* dst = y + (r * p.channels + c) * oh * ow;
      for (int64_t bin = 0; bin < oh * ow; ++bin) {
        double out = 0.0;
        bool first = true;
        for (int64_t k = 0; k < per_bin; ++k) {
          const Sample& s = samples[size_t(bin * per_bin + k)];
          if (p.max_mode) {
            double v = s.w[0] * double(src[s.pos[0]]);
            for (int q = 1; q < 4; ++q) v = std::max(v, s.w[q] * double(src[s.pos[q]]));
            out = first ? v : std::max(out, v);
            first = false;
          } else {
            for (int q = 0; q < 4; ++q) out += s.w[q] * double(src[s.pos[q]]);
          }
        }
        dst[bin] = static_cast<T>(p.max_mode ? out : out / count);
      }
    }
  }
}

template void roi_align<float>(const float*, const float*, const int64_t*, int64_t,
                               const RoiAlignParams&, float*);
template void roi_align<double>(const double*, const double*, const int64_t*, int64_t,
                                const RoiAlignParams&, double*);

}  // namespace onyx::kernels
