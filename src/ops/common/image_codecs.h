// Image file decoders of ImageDecoder (ops/image_decoder.cc), written for onyx (no external
// library): BMP and PNM (P1..P6), plus format sniffing so unsupported formats are named in errors.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "onyx/status.hpp"

namespace onyx::ops {

enum class ImageFormat { kUnknown, kBmp, kPnm, kPng, kJpeg, kJpeg2000, kTiff, kWebp };

// The format of an encoded image from its leading magic bytes.
ImageFormat sniff_image_format(const uint8_t* data, size_t size);
const char* image_format_name(ImageFormat f);

// A decoded image: height x width pixels of 8-bit R, G, B, row-major (HWC).
struct RgbImage {
  int64_t height = 0, width = 0;
  std::vector<uint8_t> rgb;
};

// BMP: BITMAPINFOHEADER (and later) files, uncompressed 1/4/8-bit palettized, 16-bit (5-5-5),
// 24-bit and 32-bit (BI_RGB, or BI_BITFIELDS with 8-bit masks); bottom-up or top-down rows.
// Errors (InvalidArgument) name what is malformed or unsupported (e.g. RLE compression).
Result<RgbImage> decode_bmp(const uint8_t* data, size_t size);
// PNM: P1/P4 (bitmap, 1 = black), P2/P5 (gray), P3/P6 (RGB); maxval up to 65535, samples scaled
// to 0..255 with rounding.
Result<RgbImage> decode_pnm(const uint8_t* data, size_t size);

// PNG: every standard color type and bit depth (gray 1..16, RGB 8/16, palette 1..8, gray+alpha,
// RGBA), Adam7 interlacing. Alpha and tRNS are dropped (no compositing); 16-bit samples keep their
// high byte. Chunk CRCs are not checked; the zlib adler-32 is.
Result<RgbImage> decode_png(const uint8_t* data, size_t size);

// ITU-R BT.601 luma as 8-bit integer arithmetic: (19595 R + 38470 G + 7471 B + 32768) >> 16.
inline uint8_t rgb_to_gray(uint8_t r, uint8_t g, uint8_t b) {
  return static_cast<uint8_t>((19595u * r + 38470u * g + 7471u * b + 32768u) >> 16);
}

}  // namespace onyx::ops
