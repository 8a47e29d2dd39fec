#include "ops/common/image_codecs.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "kernels/inflate.h"

namespace onyx::ops {
namespace {

Status bad(const std::string& what) {
  return Status(StatusCode::kInvalidArgument, what);
}

uint32_t be32(const uint8_t* p) {
  return (static_cast<uint32_t>(p[0]) << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
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

namespace {

uint8_t paeth(int a, int b, int c) {
  const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  return static_cast<uint8_t>(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
}

// Reverses the PNG row filters of one (sub)image of `rows` rows of `row_bytes` bytes, in place in
// `data` (each row preceded by its filter byte); `bpp` = bytes per complete pixel (>= 1).
bool unfilter(uint8_t* data, size_t rows, size_t row_bytes, size_t bpp) {
  const uint8_t* prev = nullptr;
  for (size_t y = 0; y < rows; ++y) {
    const uint8_t filter = data[0];
    uint8_t* row = data + 1;
    for (size_t i = 0; i < row_bytes; ++i) {
      const int a = i >= bpp ? row[i - bpp] : 0, b = prev ? prev[i] : 0,
                c = prev && i >= bpp ? prev[i - bpp] : 0;
      switch (filter) {
        case 0:
          break;
        case 1:
          row[i] = static_cast<uint8_t>(row[i] + a);
          break;
        case 2:
          row[i] = static_cast<uint8_t>(row[i] + b);
          break;
        case 3:
          row[i] = static_cast<uint8_t>(row[i] + (a + b) / 2);
          break;
        case 4:
          row[i] = static_cast<uint8_t>(row[i] + paeth(a, b, c));
          break;
        default:
          return false;
      }
    }
    prev = row;
    data += row_bytes + 1;
  }
  return true;
}

}  // namespace

Result<RgbImage> decode_png(const uint8_t* d, size_t n) {
  if (n < 8 || std::memcmp(d, "\x89PNG\r\n\x1a\n", 8) != 0) return bad("PNG: bad signature");
  uint32_t width = 0, height = 0;
  int depth = 0, color = -1, interlace = 0;
  std::vector<uint8_t> palette, idat;
  for (size_t pos = 8;;) {
    if (pos + 12 > n) return bad("PNG: truncated chunk");
    const uint32_t len = be32(d + pos);
    const uint8_t* type = d + pos + 4;
    const uint8_t* body = d + pos + 8;
    if (len > n - pos - 12) return bad("PNG: truncated chunk");
    if (std::memcmp(type, "IHDR", 4) == 0) {
      if (len < 13) return bad("PNG: short IHDR");
      width = be32(body), height = be32(body + 4), depth = body[8], color = body[9];
      interlace = body[12];
      if (body[10] != 0 || body[11] != 0 || interlace > 1)
        return bad("PNG: unknown compression, filter or interlace method");
    } else if (std::memcmp(type, "PLTE", 4) == 0) {
      palette.assign(body, body + len);
    } else if (std::memcmp(type, "IDAT", 4) == 0) {
      idat.insert(idat.end(), body, body + len);
    } else if (std::memcmp(type, "IEND", 4) == 0) {
      break;
    }
    pos += 12 + static_cast<size_t>(len);
  }
  if (width == 0 || height == 0 || width > (1u << 16) || height > (1u << 16))
    return bad("PNG: bad size");
  const int channels = color == 0   ? 1
                       : color == 2 ? 3
                       : color == 3 ? 1
                       : color == 4 ? 2
                       : color == 6 ? 4
                                    : 0;
  const bool depth_ok = color == 0
                            ? (depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16)
                        : color == 3 ? (depth == 1 || depth == 2 || depth == 4 || depth == 8)
                                     : (depth == 8 || depth == 16);
  if (channels == 0 || !depth_ok)
    return bad("PNG: color type " + std::to_string(color) + " with bit depth " +
               std::to_string(depth) + " is invalid");
  if (color == 3 && (palette.empty() || palette.size() % 3 != 0))
    return bad("PNG: missing palette");
  const size_t bits_pp = static_cast<size_t>(channels) * depth;
  const size_t bpp = std::max<size_t>(1, bits_pp / 8);
  // Adam7 passes (x0, y0, dx, dy); one pass covering everything when not interlaced.
  struct Pass {
    uint32_t x0, y0, dx, dy;
  };
  static constexpr Pass kAdam7[7] = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4},
                                     {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};
  static constexpr Pass kWhole[1] = {{0, 0, 1, 1}};
  const Pass* passes = interlace ? kAdam7 : kWhole;
  const int num_passes = interlace ? 7 : 1;
  size_t total = 0;
  for (int p = 0; p < num_passes; ++p) {
    const size_t pw = (width + passes[p].dx - 1 - passes[p].x0) / passes[p].dx;
    const size_t ph = (height + passes[p].dy - 1 - passes[p].y0) / passes[p].dy;
    if (width > passes[p].x0 && height > passes[p].y0) total += ph * (1 + (pw * bits_pp + 7) / 8);
  }
  std::vector<uint8_t> raw;
  raw.reserve(total);
  const std::string err = kernels::zlib_decompress(idat.data(), idat.size(), total, &raw);
  if (!err.empty()) return bad("PNG: image data: " + err);
  if (raw.size() != total) return bad("PNG: image data has the wrong size");
  RgbImage img;
  img.height = height;
  img.width = width;
  img.rgb.resize(static_cast<size_t>(width) * height * 3);
  const uint32_t max_sample = (1u << std::min(depth, 8)) - 1;
  size_t offset = 0;
  for (int p = 0; p < num_passes; ++p) {
    const Pass& ps = passes[p];
    if (width <= ps.x0 || height <= ps.y0) continue;
    const size_t pw = (width + ps.dx - 1 - ps.x0) / ps.dx;
    const size_t ph = (height + ps.dy - 1 - ps.y0) / ps.dy;
    const size_t row_bytes = (pw * bits_pp + 7) / 8;
    uint8_t* data = raw.data() + offset;
    if (!unfilter(data, ph, row_bytes, bpp)) return bad("PNG: unknown row filter");
    for (size_t y = 0; y < ph; ++y) {
      const uint8_t* row = data + y * (row_bytes + 1) + 1;
      for (size_t x = 0; x < pw; ++x) {
        uint8_t s[4] = {0, 0, 0, 0};  // the first 1..4 channels, 8-bit
        for (int c = 0; c < channels; ++c) {
          if (depth == 16) {
            s[c] = row[(x * channels + c) * 2];
          } else if (depth == 8) {
            s[c] = row[x * channels + c];
          } else {
            const size_t bit = x * depth;
            const uint32_t v = (row[bit / 8] >> (8 - depth - bit % 8)) & max_sample;
            s[c] =
                color == 3 ? static_cast<uint8_t>(v) : static_cast<uint8_t>(v * 255 / max_sample);
          }
        }
        uint8_t* out = img.rgb.data() + ((ps.y0 + y * ps.dy) * width + ps.x0 + x * ps.dx) * 3;
        if (color == 3) {
          if (3u * s[0] + 2 >= palette.size()) return bad("PNG: palette index out of range");
          std::memcpy(out, palette.data() + 3 * s[0], 3);
        } else if (channels <= 2) {
          out[0] = out[1] = out[2] = s[0];
        } else {
          std::memcpy(out, s, 3);
        }
      }
    }
    offset += ph * (row_bytes + 1);
  }
  return img;
}

}  // namespace onyx::ops
