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
  const Bytes jpeg = {0xFF, 0xD8, 0xFF, 0xE0, 0, 0};
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
