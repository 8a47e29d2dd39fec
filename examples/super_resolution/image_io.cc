#include "image_io.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <memory>

// stb is compiled here, in this file only; its own code is not held to our warning flags.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wall"
#pragma GCC diagnostic ignored "-Wextra"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image.h>
#include <stb/stb_image_write.h>
#pragma GCC diagnostic pop

namespace sr {
namespace {

onyx::Status invalid(const std::string& message) {
  return onyx::Status(onyx::StatusCode::kInvalidArgument, message);
}

const char* channel_layout_name(int channels) {
  switch (channels) {
    case 1:
      return "grayscale";
    case 2:
      return "grayscale+alpha";
    case 4:
      return "RGBA";
    default:
      return "RGB";
  }
}

std::string lower_extension(const std::string& path) {
  const size_t dot = path.rfind('.');
  std::string ext = dot == std::string::npos ? "" : path.substr(dot);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

}  // namespace

onyx::Result<Image8> read_rgb_image(const std::string& path, bool convert_to_rgb) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) return onyx::Status(onyx::StatusCode::kNoSuchFile, "cannot open image '" + path + "'");
  int width = 0, height = 0, channels = 0;
  if (!stbi_info_from_file(file.get(), &width, &height, &channels)) {
    return invalid("cannot read image '" + path + "': " + stbi_failure_reason() +
                   " (supported: 8-bit PNG, JPEG, BMP, TGA, GIF, PSD, PNM)");
  }
  if (stbi_is_16_bit_from_file(file.get())) {
    return invalid("image '" + path + "' has 16 bits per channel; only 8-bit images are " +
                   "supported (convert it to 8-bit RGB first)");
  }
  if (channels != 3 && !convert_to_rgb) {
    return invalid("image '" + path + "' is " + channel_layout_name(channels) +
                   ", not RGB; convert it to RGB or pass --convert (gray is replicated, "
                   "alpha dropped)");
  }
  std::unique_ptr<stbi_uc, void (*)(void*)> data(
      stbi_load_from_file(file.get(), &width, &height, &channels, 3), &stbi_image_free);
  if (!data)
    return invalid("cannot decode image '" + path + "' (truncated or corrupt?): stb says '" +
                   stbi_failure_reason() + "'");
  Image8 image(width, height, 3);
  std::copy(data.get(), data.get() + image.pixels.size(), image.pixels.begin());
  return image;
}

onyx::Status write_image(const std::string& path, const Image8& image) {
  const std::string ext = lower_extension(path);
  int ok = 0;
  if (ext == ".png") {
    ok = stbi_write_png(path.c_str(), image.width, image.height, image.channels,
                        image.pixels.data(), image.width * image.channels);
  } else if (ext == ".jpg" || ext == ".jpeg") {
    ok = stbi_write_jpg(path.c_str(), image.width, image.height, image.channels,
                        image.pixels.data(), /*quality=*/95);
  } else {
    return invalid("cannot write '" + path + "': use a .png or .jpg file name");
  }
  if (!ok) return onyx::Status(onyx::StatusCode::kFail, "cannot write '" + path + "'");
  return onyx::Status::ok();
}

}  // namespace sr
