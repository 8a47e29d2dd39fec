// External tensor data (TensorProto.data_location = EXTERNAL).
//
// Keys: "location" (required, a path relative to the model's folder), "offset" and "length"
// (decimal byte counts; length defaults to the rest of the file), "checksum" (SHA-1, not verified).
// The location is refused when absolute, or when its canonical path (symlinks resolved) is not
// inside the canonical model folder. Files are mapped once per load and the tensor borrows the
// mapping.
#include <climits>
#include <cstdlib>

#include "import/import_internal.h"

namespace onyx::import {
namespace {

Status refuse(const std::string& why) {
  return Status(StatusCode::kInvalidGraph, "external data refused: " + why);
}

bool parse_decimal(std::string_view s, uint64_t* out) {
  if (s.empty() || s.size() > 19) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  *out = v;
  return true;
}

Result<std::string> canonical(const std::string& path) {
  char buf[PATH_MAX];
  if (!realpath(path.c_str(), buf))
    return Status(StatusCode::kNoSuchFile, "external data file '" + path + "' not found");
  return std::string(buf);
}

}  // namespace

Result<ExternalBytes> read_external_data(const proto::TensorView& v, ImportContext& ctx) {
  std::string location;
  uint64_t offset = 0, length = 0;
  bool has_length = false;
  for (const proto::StringStringEntryView& e : v.external_data) {
    if (e.key == "location") {
      location = std::string(e.value);
    } else if (e.key == "offset") {
      if (!parse_decimal(e.value, &offset))
        return Status(StatusCode::kInvalidGraph,
                      "external data offset '" + std::string(e.value) + "' is not a number");
    } else if (e.key == "length") {
      if (!parse_decimal(e.value, &length))
        return Status(StatusCode::kInvalidGraph,
                      "external data length '" + std::string(e.value) + "' is not a number");
      has_length = true;
    }
  }
  if (location.empty())
    return Status(StatusCode::kInvalidGraph, "external data without a location");
  if (location.find('\0') != std::string::npos) return refuse("location contains a NUL byte");
  if (ctx.base_dir.empty()) return refuse("model was not loaded from a file, '" + location + "'");
  if (location[0] == '/') return refuse("absolute path '" + location + "'");

  ONYX_ASSIGN_OR_RETURN(std::string base, canonical(ctx.base_dir));
  ONYX_ASSIGN_OR_RETURN(std::string path, canonical(ctx.base_dir + "/" + location));
  std::string prefix = base == "/" ? base : base + "/";
  if (path.compare(0, prefix.size(), prefix) != 0)
    return refuse("'" + location + "' resolves outside the model folder");

  std::shared_ptr<MappedFile>& file = ctx.external_files[path];
  if (!file) {
    Result<std::shared_ptr<MappedFile>> mapped = MappedFile::open(path);
    if (!mapped) {
      ctx.external_files.erase(path);
      return mapped.status();
    }
    file = *mapped;
  }
  uint64_t size = file->size();
  if (offset > size)
    return Status(StatusCode::kInvalidGraph, "external data offset " + std::to_string(offset) +
                                                 " is past the end of '" + location + "' (" +
                                                 std::to_string(size) + " bytes)");
  if (!has_length) length = size - offset;
  if (length > size - offset)
    return Status(StatusCode::kInvalidGraph, "external data range [" + std::to_string(offset) +
                                                 ", +" + std::to_string(length) + ") exceeds '" +
                                                 location + "' (" + std::to_string(size) +
                                                 " bytes)");
  ExternalBytes out;
  out.bytes = std::string_view(file->data() + offset, static_cast<size_t>(length));
  if (length == 0) out.bytes = {};
  out.owner = file;
  return out;
}

}  // namespace onyx::import
