// Image operations that reproduce Pillow's results bit for bit (checked against Pillow 9.4):
// Image.resize with BILINEAR/BICUBIC (antialiased two-pass convolution, 8-bit fixed point) and
// the RGB <-> YCbCr conversions of Image.convert (JPEG/JFIF, 6-bit fixed-point tables).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sr {

// 8-bit interleaved image: pixel (x, y) channel c is at pixels[(y * width + x) * channels + c].
struct Image8 {
  int width = 0;
  int height = 0;
  int channels = 0;
  std::vector<uint8_t> pixels;

  Image8() = default;
  Image8(int w, int h, int c)
      : width(w), height(h), channels(c), pixels(static_cast<size_t>(w) * h * c) {}
  uint8_t& at(int x, int y, int c) {
    return pixels[(static_cast<size_t>(y) * width + x) * channels + c];
  }
  uint8_t at(int x, int y, int c) const {
    return pixels[(static_cast<size_t>(y) * width + x) * channels + c];
  }
};

enum class ResampleFilter { kBilinear, kBicubic };

// Image.resize((width, height), filter) for 8-bit images with any channel count: a horizontal
// pass, then a vertical pass, each skipped when that dimension is unchanged. When reducing,
// the filter support is widened by the scale (antialiasing), as Pillow does.
Image8 pil_resize(const Image8& in, int width, int height, ResampleFilter filter);

// Image.convert("YCbCr") of an RGB image: 3 channels Y, Cb, Cr.
Image8 rgb_to_ycbcr(const Image8& rgb);
// Image.convert("RGB") of a YCbCr image.
Image8 ycbcr_to_rgb(const Image8& ycbcr);

// One channel of an interleaved image as a 1-channel image, and the reverse.
Image8 extract_channel(const Image8& in, int channel);
Image8 merge_channels(const std::vector<const Image8*>& planes);

}  // namespace sr
