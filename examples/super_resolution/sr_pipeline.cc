#include "sr_pipeline.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace sr {

onyx::Result<Image8> run_model_on_plane(onyx::Session& session, const Image8& plane, int runs,
                                        Timing* timing) {
  onyx::Tensor input =
      onyx::Tensor::empty(onyx::DType::kFloat32, {1, 1, plane.height, plane.width});
  float* x = input.data<float>();
  for (size_t i = 0; i < plane.pixels.size(); ++i) x[i] = plane.pixels[i] / 255.0f;

  std::vector<double> times_ms;
  onyx::Result<std::vector<onyx::Tensor>> outputs =
      onyx::Status(onyx::StatusCode::kFail, "model not run");
  for (int r = 0; r < std::max(runs, 1) + 1; ++r) {
    const auto start = std::chrono::steady_clock::now();
    outputs = session.run({{"input", input}});
    const auto stop = std::chrono::steady_clock::now();
    if (!outputs.is_ok()) return outputs.status();
    if (r > 0) times_ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
  }
  const onyx::Tensor& out = outputs.value().at(0);
  const onyx::Shape expected = {1, 1, int64_t{plane.height} * kUpscale,
                                int64_t{plane.width} * kUpscale};
  if (out.dtype() != onyx::DType::kFloat32 || out.shape() != expected) {
    return onyx::Status(onyx::StatusCode::kInvalidGraph,
                        "model output has shape " + onyx::shape_to_string(out.shape()) +
                            ", expected float32 " + onyx::shape_to_string(expected));
  }
  if (timing != nullptr) {
    std::sort(times_ms.begin(), times_ms.end());
    timing->runs = static_cast<int>(times_ms.size());
    const size_t n = times_ms.size();
    timing->median_ms = n % 2 ? times_ms[n / 2] : 0.5 * (times_ms[n / 2 - 1] + times_ms[n / 2]);
  }
  Image8 y(plane.width * kUpscale, plane.height * kUpscale, 1);
  const float* v = out.data<float>();
  for (size_t i = 0; i < y.pixels.size(); ++i) {
    const float scaled = std::clamp(v[i] * 255.0f, 0.0f, 255.0f);
    y.pixels[i] = static_cast<uint8_t>(std::nearbyint(scaled));
  }
  return y;
}

Image8 merge_with_chroma(const Image8& y_up, const Image8& ycbcr_small) {
  const Image8 cb = pil_resize(extract_channel(ycbcr_small, 1), y_up.width, y_up.height,
                               ResampleFilter::kBicubic);
  const Image8 cr = pil_resize(extract_channel(ycbcr_small, 2), y_up.width, y_up.height,
                               ResampleFilter::kBicubic);
  return ycbcr_to_rgb(merge_channels({&y_up, &cb, &cr}));
}

Image8 side_by_side(const Image8& left, const Image8& right, int gap) {
  Image8 out(left.width + gap + right.width, std::max(left.height, right.height), 3);
  std::fill(out.pixels.begin(), out.pixels.end(), uint8_t{255});
  for (int y = 0; y < left.height; ++y)
    for (int x = 0; x < left.width; ++x)
      for (int c = 0; c < 3; ++c) out.at(x, y, c) = left.at(x, y, c);
  for (int y = 0; y < right.height; ++y)
    for (int x = 0; x < right.width; ++x)
      for (int c = 0; c < 3; ++c) out.at(left.width + gap + x, y, c) = right.at(x, y, c);
  return out;
}

double psnr(const Image8& reference, const Image8& test, int shave) {
  double sum = 0;
  int64_t count = 0;
  for (int y = shave; y < reference.height - shave; ++y) {
    for (int x = shave; x < reference.width - shave; ++x) {
      const double d = static_cast<double>(reference.at(x, y, 0)) - test.at(x, y, 0);
      sum += d * d;
      ++count;
    }
  }
  if (sum == 0) return std::numeric_limits<double>::infinity();
  return 10.0 * std::log10(255.0 * 255.0 / (sum / static_cast<double>(count)));
}

}  // namespace sr
