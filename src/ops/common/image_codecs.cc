#include "ops/common/image_codecs.h"

#include <cstring>

namespace onyx::ops {
namespace {

Status bad(const std::string& what) {
  return Status(StatusCode::kInvalidArgument, what);
}

uint32_t le16(const uint8_t* p) {
  return p[0] | (p[1] << 8);
}
uint32_t le32(const uint8_t* p) {
  return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<uint32_t>(p[3]) << 24);
}

// Bit position and width of a contiguous channel mask (BI_BITFIELDS).
struct Mask {
  int shift = 0, bits = 0;
  explicit Mask(uint32_t m) {
    if (!m) return;
    while (!(m & 1)) m >>= 1, ++shift;
    while (m & 1) m >>= 1, ++bits;
  }
  uint8_t extract(uint32_t v) const {
    if (bits == 0) return 0;
    const uint32_t c = (v >> shift) & ((1u << bits) - 1);
    return static_cast<uint8_t>((c * 255 + ((1u << bits) - 1) / 2) / ((1u << bits) - 1));
  }
};

}  // namespace

ImageFormat sniff_image_format(const uint8_t* d, size_t n) {
  auto starts = [&](const char* magic, size_t len) {
    return n >= len && std::memcmp(d, magic, len) == 0;
  };
  if (starts("BM", 2)) return ImageFormat::kBmp;
  if (n >= 2 && d[0] == 'P' && d[1] >= '1' && d[1] <= '6') return ImageFormat::kPnm;
  if (starts("\x89PNG\r\n\x1a\n", 8)) return ImageFormat::kPng;
  if (starts("\xff\xd8\xff", 3)) return ImageFormat::kJpeg;
  if (starts("\x00\x00\x00\x0cjP  ", 8) || starts("\xff\x4f\xff\x51", 4))
    return ImageFormat::kJpeg2000;
  if (starts("II*\x00", 4) || starts("MM\x00*", 4)) return ImageFormat::kTiff;
  if (n >= 12 && std::memcmp(d, "RIFF", 4) == 0 && std::memcmp(d + 8, "WEBP", 4) == 0)
    return ImageFormat::kWebp;
  return ImageFormat::kUnknown;
}

const char* image_format_name(ImageFormat f) {
  switch (f) {
    case ImageFormat::kBmp:
      return "BMP";
    case ImageFormat::kPnm:
      return "PNM";
    case ImageFormat::kPng:
      return "PNG";
    case ImageFormat::kJpeg:
      return "JPEG";
    case ImageFormat::kJpeg2000:
      return "JPEG 2000";
    case ImageFormat::kTiff:
      return "TIFF";
    case ImageFormat::kWebp:
      return "WebP";
    case ImageFormat::kUnknown:
      break;
  }
  return "unknown";
}

Result<RgbImage> decode_bmp(const uint8_t* d, size_t n) {
  if (n < 26 || d[0] != 'B' || d[1] != 'M') return bad("BMP: truncated file header");
  const uint32_t pixel_offset = le32(d + 10);
  const uint32_t header_size = le32(d + 14);
  if (header_size < 40 || 14 + static_cast<size_t>(header_size) > n)
    return bad("BMP: unsupported info header (size " + std::to_string(header_size) + ")");
  const auto width = static_cast<int32_t>(le32(d + 18));
  const auto signed_height = static_cast<int32_t>(le32(d + 22));
  const uint32_t bpp = le16(d + 28);
  const uint32_t compression = le32(d + 30);
  uint32_t colors = le32(d + 46);
  const bool top_down = signed_height < 0;
  const int64_t height = top_down ? -static_cast<int64_t>(signed_height) : signed_height;
  if (width <= 0 || height <= 0 || width > (1 << 16) || height > (1 << 16))
    return bad("BMP: bad size " + std::to_string(width) + "x" + std::to_string(height));
  uint32_t masks[3] = {0x00FF0000u, 0x0000FF00u, 0x000000FFu};
  if (bpp == 16) masks[0] = 0x7C00, masks[1] = 0x03E0, masks[2] = 0x001F;
  if (compression == 3 && (bpp == 16 || bpp == 32)) {  // BI_BITFIELDS: masks follow the header
    const size_t at = header_size == 40 ? 54 : 14 + 40;
    if (at + 12 > n) return bad("BMP: truncated bit masks");
    for (int c = 0; c < 3; ++c) masks[c] = le32(d + at + 4 * c);
  } else if (compression != 0) {
    return bad("BMP: compression " + std::to_string(compression) +
               " (RLE/JPEG/PNG) is not supported, only uncompressed");
  }
  if (bpp != 1 && bpp != 4 && bpp != 8 && bpp != 16 && bpp != 24 && bpp != 32)
    return bad("BMP: " + std::to_string(bpp) + " bits per pixel is not supported");
  const uint8_t* palette = d + 14 + header_size;
  if (bpp <= 8) {
    if (colors == 0) colors = 1u << bpp;
    if (14 + header_size + 4ull * colors > n) return bad("BMP: truncated palette");
  }
  const size_t stride = ((static_cast<size_t>(width) * bpp + 31) / 32) * 4;
  if (pixel_offset > n || stride * static_cast<size_t>(height) > n - pixel_offset)
    return bad("BMP: truncated pixel data");
  const Mask mr(masks[0]), mg(masks[1]), mb(masks[2]);
  RgbImage img;
  img.height = height;
  img.width = width;
  img.rgb.resize(static_cast<size_t>(height * width * 3));
  for (int64_t y = 0; y < height; ++y) {
    const uint8_t* row =
        d + pixel_offset + stride * static_cast<size_t>(top_down ? y : height - 1 - y);
    uint8_t* out = img.rgb.data() + y * width * 3;
    for (int64_t x = 0; x < width; ++x, out += 3) {
      if (bpp <= 8) {
        const size_t bit = static_cast<size_t>(x) * bpp;
        const uint32_t idx = (row[bit / 8] >> (8 - bpp - bit % 8)) & ((1u << bpp) - 1);
        if (idx >= colors) return bad("BMP: palette index out of range");
        out[0] = palette[4 * idx + 2], out[1] = palette[4 * idx + 1], out[2] = palette[4 * idx];
      } else if (bpp == 24) {
        out[0] = row[3 * x + 2], out[1] = row[3 * x + 1], out[2] = row[3 * x];
      } else {
        const uint32_t v = bpp == 16 ? le16(row + 2 * x) : le32(row + 4 * x);
        out[0] = mr.extract(v), out[1] = mg.extract(v), out[2] = mb.extract(v);
      }
    }
  }
  return img;
}

Result<RgbImage> decode_pnm(const uint8_t* d, size_t n) {
  if (n < 3 || d[0] != 'P' || d[1] < '1' || d[1] > '6') return bad("PNM: missing P1..P6 magic");
  const int kind = d[1] - '0';
  size_t pos = 2;
  // Next unsigned decimal header/ASCII token; '#' comments run to the end of the line.
  auto next_number = [&](uint32_t* v) -> bool {
    while (pos < n) {
      if (d[pos] == '#') {
        while (pos < n && d[pos] != '\n' && d[pos] != '\r') ++pos;
      } else if (d[pos] == ' ' || (d[pos] >= '\t' && d[pos] <= '\r')) {
        ++pos;
      } else {
        break;
      }
    }
    if (pos >= n || d[pos] < '0' || d[pos] > '9') return false;
    uint64_t acc = 0;
    while (pos < n && d[pos] >= '0' && d[pos] <= '9' && acc < (1u << 24))
      acc = acc * 10 + (d[pos++] - '0');
    *v = static_cast<uint32_t>(acc);
    return true;
  };
  uint32_t width = 0, height = 0, maxval = 1;
  if (!next_number(&width) || !next_number(&height)) return bad("PNM: bad header");
  const bool bitmap = kind == 1 || kind == 4;
  if (!bitmap && (!next_number(&maxval) || maxval == 0 || maxval > 65535))
    return bad("PNM: bad maxval");
  if (width == 0 || height == 0 || width > (1u << 16) || height > (1u << 16))
    return bad("PNM: bad size");
  const bool ascii = kind <= 3;
  const int channels = (kind == 3 || kind == 6) ? 3 : 1;
  if (!ascii) ++pos;  // the single whitespace byte before the raster
  const size_t samples = static_cast<size_t>(width) * height * channels;
  std::vector<uint32_t> values(samples);
  if (ascii) {
    for (size_t i = 0; i < samples; ++i) {
      if (kind == 1) {  // digits may be unseparated
        while (pos < n && (d[pos] == ' ' || (d[pos] >= '\t' && d[pos] <= '\r'))) ++pos;
        if (pos >= n || (d[pos] != '0' && d[pos] != '1')) return bad("PNM: truncated raster");
        values[i] = d[pos++] - '0';
      } else if (!next_number(&values[i]) || values[i] > maxval) {
        return bad("PNM: truncated or out-of-range raster");
      }
    }
  } else if (kind == 4) {
    const size_t row_bytes = (width + 7) / 8;
    if (pos > n || row_bytes * height > n - pos) return bad("PNM: truncated raster");
    for (size_t y = 0; y < height; ++y)
      for (size_t x = 0; x < width; ++x)
        values[y * width + x] = (d[pos + y * row_bytes + x / 8] >> (7 - x % 8)) & 1;
  } else {
    const size_t bytes = maxval > 255 ? 2 : 1;
    if (pos > n || samples * bytes > n - pos) return bad("PNM: truncated raster");
    for (size_t i = 0; i < samples; ++i) {
      const uint8_t* p = d + pos + i * bytes;
      values[i] = bytes == 2 ? (p[0] << 8 | p[1]) : p[0];
      if (values[i] > maxval) return bad("PNM: sample above maxval");
    }
  }
  RgbImage img;
  img.height = height;
  img.width = width;
  img.rgb.resize(static_cast<size_t>(width) * height * 3);
  for (size_t p = 0; p < static_cast<size_t>(width) * height; ++p)
    for (int c = 0; c < 3; ++c) {
      const uint32_t v = values[p * channels + (channels == 3 ? c : 0)];
      img.rgb[p * 3 + c] =
          bitmap ? (v ? 0 : 255) : static_cast<uint8_t>((v * 255u + maxval / 2) / maxval);
    }
  return img;
}

}  // namespace onyx::ops
