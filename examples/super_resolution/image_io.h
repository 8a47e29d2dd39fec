// Reading and writing 8-bit images with stb (Debian's libstb-dev): PNG, JPEG, BMP, TGA, ... in;
// PNG or JPEG out.
#pragma once

#include <string>

#include "onyx/status.hpp"
#include "pil_image_ops.h"

namespace sr {

// Reads an 8-bit RGB image. 16-bit images are refused; grayscale and alpha images are refused
// unless `convert_to_rgb` (then gray is replicated and alpha dropped, as PIL's convert("RGB")).
onyx::Result<Image8> read_rgb_image(const std::string& path, bool convert_to_rgb);

// Writes a 1- or 3-channel image; the format follows the extension (.png, .jpg/.jpeg).
onyx::Status write_image(const std::string& path, const Image8& image);

}  // namespace sr
