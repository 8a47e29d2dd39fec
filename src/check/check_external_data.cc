// External data references (TensorProto.data_location = EXTERNAL). Keys: "location" (required),
// "offset", "length" (decimal byte counts), "checksum". The location is a relative path without
// ".." components. When checking a file, the referenced file must exist inside the model's folder
// (after resolving symlinks), be a regular file, and hold offset + length bytes, and length must
// equal the tensor's size. The file rules beyond existence are stricter than onnx 1.12.
#include <sys/stat.h>

#include <filesystem>

#include "check/tensor_rules.h"

namespace onyx::check {
namespace {

namespace fs = std::filesystem;

bool parse_size(std::string_view text, int64_t* out) {
  if (text.empty() || text.size() > 18) return false;
  int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

bool has_dotdot(std::string_view path) {
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find_first_of("/\\", start);
    if (end == std::string_view::npos) end = path.size();
    if (path.substr(start, end - start) == "..") return true;
    start = end + 1;
  }
  return false;
}

bool inside(const fs::path& child, const fs::path& dir) {
  auto [d, c] = std::mismatch(dir.begin(), dir.end(), child.begin(), child.end());
  return d == dir.end();
}

void check_file(const proto::TensorView& t, const Context& ctx, const std::string& loc,
                std::string_view location, int64_t offset, int64_t length, bool has_length) {
  std::error_code ec;
  const fs::path dir = fs::canonical(ctx.model_dir.empty() ? "." : ctx.model_dir, ec);
  if (ec) return;  // the model file itself was readable; nothing sensible to compare against
  const fs::path path = dir / fs::path(std::string(location));
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    ctx.error(
        "tensor.external_missing", loc,
        "external data file " + quote_name(path.string()) + " does not exist or cannot be read");
    return;
  }
  const fs::path real = fs::canonical(path, ec);
  if (ec || !inside(real, dir)) {
    ctx.error("tensor.external_escapes", loc,
              "external data " + quote_name(location) + " resolves to " +
                  quote_name(real.string()) + ", outside the model's folder");
    return;
  }
  if (!S_ISREG(st.st_mode)) {
    ctx.error("tensor.external_not_file", loc,
              "external data " + quote_name(location) + " is not a regular file");
    return;
  }
  const int64_t size = static_cast<int64_t>(st.st_size);
  if (offset > size || (has_length && length > size - offset)) {
    ctx.error("tensor.external_range", loc,
              "bytes [" + std::to_string(offset) + ", " +
                  (has_length ? std::to_string(offset + length) : std::string("end")) +
                  ") are not inside " + quote_name(location) + " (" + std::to_string(size) +
                  " bytes)");
    return;
  }
  int64_t elements = 0;
  std::string problem;
  if (!element_count(t.dims, &elements, &problem)) return;
  const int64_t expected = stored_bytes(t.data_type, elements);
  const int64_t available = has_length ? length : size - offset;
  if (expected >= 0 && (has_length ? available != expected : available < expected))
    ctx.error("tensor.external_size", loc,
              (has_length ? "length is " : "the file holds ") + std::to_string(available) +
                  " bytes after the offset; the tensor needs " + std::to_string(expected));
}

}  // namespace

void check_external_data(const proto::TensorView& t, const Context& ctx, const std::string& loc) {
  std::string_view location;
  bool has_location = false, has_length = false, bad = false;
  int64_t offset = 0, length = 0;
  for (const proto::StringStringEntryView& e : t.external_data) {
    if (e.key == "location") {
      has_location = true;
      location = e.value;
    } else if (e.key == "offset" || e.key == "length") {
      int64_t* slot = e.key == "offset" ? &offset : &length;
      if (!parse_size(e.value, slot)) {
        ctx.error("tensor.external_bad_number", loc,
                  "external data '" + std::string(e.key) + "' is " + quote_name(e.value) +
                      " (expected a non-negative decimal byte count)");
        bad = true;
      }
      has_length |= e.key == "length";
    } else if (e.key != "checksum") {
      ctx.warn("tensor.external_unknown_key", loc,
               "external data key " + quote_name(e.key) +
                   " is not one of location, offset, length, checksum");
    }
  }
  if (!has_location) {
    ctx.error("tensor.external_location_missing", loc,
              "the data is marked as external but no 'location' entry is given");
    return;
  }
  if (location.empty() || location.front() == '/' || location.front() == '\\' ||
      (location.size() > 1 && location[1] == ':')) {
    ctx.error("tensor.external_location_form", loc,
              "external data location " + quote_name(location) +
                  " must be a non-empty path relative to the model's folder");
    return;
  }
  if (has_dotdot(location)) {
    ctx.error("tensor.external_location_form", loc,
              "external data location " + quote_name(location) + " may not contain '..'");
    return;
  }
  if (ctx.files && !bad) check_file(t, ctx, loc, location, offset, length, has_length);
}

}  // namespace onyx::check
