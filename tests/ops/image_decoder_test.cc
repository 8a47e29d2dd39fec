// ImageDecoder and its codecs (ops/common/image_codecs.h): BMP and PNM decoded from bytes built
// here, pixel formats, and the NotImplemented error naming other formats.
#include <gtest/gtest.h>

#include <string>

#include "common/op_test_builder.h"
#include "ops/common/image_codecs.h"

namespace onyx::ops {
namespace {

using testing::OpTest;
using Bytes = std::vector<uint8_t>;

Bytes bytes_of(const std::string& s) {
  return Bytes(s.begin(), s.end());
}

void put32(Bytes& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = static_cast<uint8_t>(v >> (8 * i));
}

// A 24-bit BMP of `w` x `h` RGB pixels (row-major, top row first), stored bottom-up
// (or top-down with a negative height).
Bytes make_bmp24(int w, int h, const Bytes& rgb, bool top_down = false) {
  const size_t stride = (static_cast<size_t>(w) * 3 + 3) / 4 * 4;
  Bytes b(54 + stride * h, 0);
  b[0] = 'B', b[1] = 'M';
  put32(b, 2, static_cast<uint32_t>(b.size()));
  put32(b, 10, 54);
  put32(b, 14, 40);
  put32(b, 18, static_cast<uint32_t>(w));
  put32(b, 22, static_cast<uint32_t>(top_down ? -h : h));
  b[26] = 1, b[28] = 24;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const size_t row = static_cast<size_t>(top_down ? y : h - 1 - y);
      for (int c = 0; c < 3; ++c)
        b[54 + row * stride + x * 3 + c] = rgb[(y * w + x) * 3 + (2 - c)];  // stored B, G, R
    }
  return b;
}

const Bytes kPixels = {255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 200, 100, 50, 1, 2, 3};  // 3x2

Tensor decode(const Bytes& file, const std::string& format) {
  OpTest t("ImageDecoder", 20);
  t.attr("pixel_format", format).input<uint8_t>({static_cast<int64_t>(file.size())}, file);
  Result<std::vector<Tensor>> r = t.run_eager(false);
  EXPECT_TRUE(r.is_ok()) << r.status().to_string();
  return r.is_ok() ? r.value()[0] : Tensor();
}

Bytes values(const Tensor& t) {
  return Bytes(t.data<uint8_t>(), t.data<uint8_t>() + t.numel());
}

TEST(ImageDecoderOp, Bmp24BottomUpAndTopDownWithRowPadding) {
  for (bool top_down : {false, true}) {
    const Bytes file = make_bmp24(3, 2, kPixels, top_down);
    OpTest("ImageDecoder", 20)
        .input<uint8_t>({static_cast<int64_t>(file.size())}, file)
        .output<uint8_t>({2, 3, 3}, kPixels)
        .run();
  }
}

TEST(ImageDecoderOp, BgrAndGrayscale) {
  const Bytes file = make_bmp24(3, 2, kPixels);
  const Tensor bgr = decode(file, "BGR");
  ASSERT_EQ(bgr.shape(), (Shape{2, 3, 3}));
  EXPECT_EQ(values(bgr)[0], 0);
  EXPECT_EQ(values(bgr)[2], 255);
  const Tensor gray = decode(file, "Grayscale");
  ASSERT_EQ(gray.shape(), (Shape{2, 3, 1}));
  // (19595 R + 38470 G + 7471 B + 32768) >> 16
  EXPECT_EQ(values(gray), (Bytes{76, 150, 29, 18, 124, 2}));
}

TEST(ImageDecoderOp, PnmAsciiBinaryAndBitmap) {
  const Bytes p3 =
      bytes_of("P3\n# comment\n3 2\n255\n255 0 0  0 255 0  0 0 255\n10 20 30 200 100 50 1 2 3\n");
  EXPECT_EQ(values(decode(p3, "RGB")), kPixels);
  std::string p6 = "P6 3 2 255\n";
  p6.append(kPixels.begin(), kPixels.end());
  EXPECT_EQ(values(decode(bytes_of(p6), "RGB")), kPixels);
  // P5 16-bit, maxval 1000: 0, 500 -> 128 (127.5 rounds up), 1000 -> 255.
  const std::string p5 = std::string("P5 3 1 1000\n") + std::string("\x00\x00\x01\xF4\x03\xE8", 6);
  EXPECT_EQ(values(decode(bytes_of(p5), "Grayscale")), (Bytes{0, 128, 255}));
  // P1 and P4: 1 is black.
  const Tensor p1 = decode(bytes_of("P1 3 1\n101"), "RGB");
  EXPECT_EQ(values(p1), (Bytes{0, 0, 0, 255, 255, 255, 0, 0, 0}));
  const Tensor p4 = decode(Bytes{'P', '4', ' ', '3', ' ', '1', '\n', 0x40}, "Grayscale");
  EXPECT_EQ(values(p4), (Bytes{255, 0, 255}));
}

TEST(ImageDecoderOp, UnsupportedAndCorruptInputs) {
  const Bytes jpeg = {0xFF, 0xD8, 0xFF, 0xE0, 0, 0};  // JPEG: recognized, not decoded
  OpTest("ImageDecoder", 20)
      .input<uint8_t>({6}, jpeg)
      .expect_error(StatusCode::kNotImplemented, "JPEG");
  Bytes bmp = make_bmp24(3, 2, kPixels);
  bmp.resize(60);
  OpTest("ImageDecoder", 20)
      .input<uint8_t>({60}, bmp)
      .expect_error(StatusCode::kRuntimeException, "truncated");
  OpTest("ImageDecoder", 20)
      .input<uint8_t>({3}, Bytes{1, 2, 3})
      .expect_error(StatusCode::kRuntimeException, "known format");
  OpTest("ImageDecoder", 20)
      .attr("pixel_format", "RGBA")
      .input<uint8_t>({3}, Bytes{1, 2, 3})
      .expect_error(StatusCode::kInvalidGraph, "pixel_format");
}

// PNG files written by a small Python encoder (zlib + hand-built chunks).
// 3x2, 2-bit palette, indices {0 1 2 / 3 0 1}.
const Bytes kPngPalette = {
    137, 80, 78,  71,  13, 10, 26, 10,  0,   0,   0,   13,  73,  72,  68, 82,  0,   0,  0,
    3,   0,  0,   0,   2,  2,  3,  0,   0,   0,   224, 26,  142, 137, 0,  0,   0,   12, 80,
    76,  84, 69,  255, 0,  0,  0,  255, 0,   0,   0,   255, 9,   8,   7,  162, 210, 98, 192,
    0,   0,  0,   12,  73, 68, 65, 84,  120, 156, 99,  144, 96,  56,  2,  0,   1,   16, 0,
    221, 17, 229, 15,  34, 0,  0,  0,   0,   73,  69,  78,  68,  174, 66, 96,  130};
// 2x2 RGBA, 16 bits per sample: high bytes kept, alpha dropped.
const Bytes kPngRgba16 = {
    137, 80,  78,  71,  13,  10, 26, 10,  0,   0,   0,   13,  73,  72,  68,  82, 0,  0,   0,
    2,   0,   0,   0,   2,   16, 6,  0,   0,   0,   34,  38,  209, 103, 0,   0,  0,  34,  73,
    68,  65,  84,  120, 156, 99, 96, 126, 193, 126, 129, 123, 199, 127, 32,  96, 96, 96,  100,
    0,   2,   38,  6,   102, 6,  22, 48,  27,  36,  196, 192, 10,  0,   189, 73, 8,  144, 132,
    127, 117, 125, 0,   0,   0,  0,  73,  69,  78,  68,  174, 66,  96,  130};
// 3x5 RGB, rows filtered None, Sub, Up, Average, Paeth.
const Bytes kPngFilters = {
    137, 80,  78,  71,  13,  10,  26,  10,  0, 0,   0,   13,  73,  72,  68,  82,  0,   0,   0,  3,
    0,   0,   0,   5,   8,   2,   0,   0,   0, 15,  19,  193, 245, 0,   0,   0,   61,  73,  68, 65,
    84,  120, 156, 1,   50,  0,   205, 255, 0, 68,  32,  130, 60,  253, 230, 241, 194, 107, 1,  48,
    249, 14,  151, 228, 243, 29,  171, 116, 2, 4,   169, 1,   68,  48,  3,   223, 230, 99,  3,  244,
    32,  217, 241, 56,  62,  150, 254, 39,  4, 134, 154, 245, 54,  84,  231, 10,  75,  237, 67, 65,
    23,  51,  64,  185, 168, 178, 0,   0,   0, 0,   73,  69,  78,  68,  174, 66,  96,  130};
const Bytes kPngFiltersPixels = {68,  32,  130, 60,  253, 230, 241, 194, 107, 48,  249, 14,
                                 199, 221, 1,   228, 136, 117, 52,  162, 15,  11,  13,  4,
                                 195, 110, 216, 14,  113, 224, 253, 119, 176, 118, 112, 235,
                                 148, 11,  213, 51,  95,  151, 61,  170, 216};
// 5x5 8-bit gray, Adam7 interlaced, pixel (x, y) = 10 y + x.
const Bytes kPngAdam7 = {137, 80,  78,  71,  13,  10,  26,  10,  0,   0,   0,   13,  73,  72, 68,
                         82,  0,   0,   0,   5,   0,   0,   0,   5,   8,   0,   0,   0,   1,  223,
                         3,   73,  175, 0,   0,   0,   44,  73,  68,  65,  84,  120, 156, 99, 96,
                         96,  96,  97,  208, 208, 97,  96,  98,  208, 98,  16,  17,  147, 96, 96,
                         100, 102, 16,  21,  103, 208, 212, 102, 224, 226, 230, 225, 229, 99, 144,
                         147, 87,  80,  84,  2,   0,   32,  133, 2,   39,  72,  104, 99,  71, 0,
                         0,   0,   0,   73,  69,  78,  68,  174, 66,  96,  130};

TEST(ImageDecoderOp, PngColorTypesFiltersAndInterlace) {
  EXPECT_EQ(values(decode(kPngPalette, "RGB")),
            (Bytes{255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 8, 7, 255, 0, 0, 0, 255, 0}));
  EXPECT_EQ(values(decode(kPngRgba16, "RGB")), (Bytes{3, 7, 11, 255, 0, 1, 2, 3, 4, 0, 255, 0}));
  const Tensor filtered = decode(kPngFilters, "RGB");
  EXPECT_EQ(filtered.shape(), (Shape{5, 3, 3}));
  EXPECT_EQ(values(filtered), kPngFiltersPixels);
  Bytes gray;
  for (int y = 0; y < 5; ++y)
    for (int x = 0; x < 5; ++x) gray.push_back(static_cast<uint8_t>(10 * y + x));
  EXPECT_EQ(values(decode(kPngAdam7, "Grayscale")), gray);
}

TEST(ImageDecoderOp, CorruptPngIsAnError) {
  Bytes png = kPngFilters;
  png[60] ^= 0xFF;  // a compressed pixel byte: the adler-32 check fails
  OpTest("ImageDecoder", 20)
      .input<uint8_t>({static_cast<int64_t>(png.size())}, png)
      .expect_error(StatusCode::kRuntimeException, "PNG");
}

TEST(ImageCodecs, SniffsFormats) {
  auto sniff = [](const std::string& s) {
    return sniff_image_format(reinterpret_cast<const uint8_t*>(s.data()), s.size());
  };
  EXPECT_EQ(sniff("\x89PNG\r\n\x1a\n...."), ImageFormat::kPng);
  EXPECT_EQ(sniff(std::string("II*\0", 4)), ImageFormat::kTiff);
  EXPECT_EQ(sniff("RIFF\1\1\1\1WEBPVP8 "), ImageFormat::kWebp);
  EXPECT_EQ(sniff(std::string("\0\0\0\x0cjP  ", 8)), ImageFormat::kJpeg2000);
  EXPECT_EQ(sniff("P5"), ImageFormat::kPnm);
  EXPECT_EQ(sniff("BM"), ImageFormat::kBmp);
  EXPECT_EQ(sniff("xx"), ImageFormat::kUnknown);
}

}  // namespace
}  // namespace onyx::ops
