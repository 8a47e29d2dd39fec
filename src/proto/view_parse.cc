#include "proto/view_parse.h"

namespace onyx::proto {

std::vector<int64_t> RepeatedScalar::to_int64() const {
  std::vector<int64_t> v;
  v.reserve(count);
  for_each([&](uint64_t bits) { v.push_back(static_cast<int64_t>(bits)); });
  return v;
}

namespace detail {

Status wire_error(std::string_view reason) {
  return Status(StatusCode::kInvalidProtobuf, ": " + std::string(reason));
}

Status nest(const Status& s, std::string_view field, int64_t index) {
  std::string path(field);
  if (index >= 0) {
    path += '[';
    path += std::to_string(index);
    path += ']';
  }
  const std::string& msg = s.message();
  // A message starting with ':' has no path yet; otherwise it starts with a child field name.
  if (msg.empty() || msg[0] != ':') path += '.';
  return Status(s.code(), path + msg);
}

Status check_depth(int depth) {
  if (depth > kMaxNestingDepth)
    return wire_error("messages nested deeper than " + std::to_string(kMaxNestingDepth));
  return Status::ok();
}

static const char* wire_type_name(WireType t) {
  switch (t) {
    case WireType::kVarint:
      return "varint";
    case WireType::kFixed64:
      return "fixed64";
    case WireType::kLen:
      return "length-delimited";
    case WireType::kStartGroup:
      return "start-group";
    case WireType::kEndGroup:
      return "end-group";
    case WireType::kFixed32:
      return "fixed32";
  }
  return "invalid";
}

Status want(const WireField& f, WireType type, std::string_view name) {
  if (f.type == type) return Status::ok();
  return nest(wire_error(std::string("wire type ") + wire_type_name(f.type) + ", expected " +
                         wire_type_name(type)),
              name);
}

Status get_bytes(const WireField& f, std::string_view name, std::string_view* out) {
  ONYX_RETURN_IF_ERROR(want(f, WireType::kLen, name));
  *out = f.bytes;
  return Status::ok();
}

Status add_bytes(const WireField& f, std::string_view name, std::vector<std::string_view>* out) {
  ONYX_RETURN_IF_ERROR(want(f, WireType::kLen, name));
  out->push_back(f.bytes);
  return Status::ok();
}

Status get_int64(const WireField& f, std::string_view name, int64_t* out) {
  ONYX_RETURN_IF_ERROR(want(f, WireType::kVarint, name));
  *out = static_cast<int64_t>(f.value);
  return Status::ok();
}

Status get_int32(const WireField& f, std::string_view name, int32_t* out) {
  ONYX_RETURN_IF_ERROR(want(f, WireType::kVarint, name));
  *out = static_cast<int32_t>(static_cast<uint32_t>(f.value));  // protobuf truncates int32
  return Status::ok();
}

Status get_float(const WireField& f, std::string_view name, float* out) {
  ONYX_RETURN_IF_ERROR(want(f, WireType::kFixed32, name));
  uint32_t bits = static_cast<uint32_t>(f.value);
  std::memcpy(out, &bits, 4);
  return Status::ok();
}

Status add_scalar(const WireField& f, std::string_view name, RepeatedScalar* out) {
  using Enc = RepeatedScalar::Encoding;
  WireType element = out->encoding == Enc::kVarint    ? WireType::kVarint
                     : out->encoding == Enc::kFixed32 ? WireType::kFixed32
                                                      : WireType::kFixed64;
  if (f.type == element) {
    out->chunks.push_back({{}, f.value, false});
    ++out->count;
    return Status::ok();
  }
  ONYX_RETURN_IF_ERROR(want(f, WireType::kLen, name));
  size_t n = 0;
  if (out->encoding == Enc::kVarint) {
    if (const char* err = count_packed_varints(f.bytes, &n)) return nest(wire_error(err), name);
  } else {
    size_t width = out->encoding == Enc::kFixed32 ? 4 : 8;
    if (f.bytes.size() % width != 0)
      return nest(wire_error("packed payload of " + std::to_string(f.bytes.size()) +
                             " bytes is not a multiple of " + std::to_string(width)),
                  name);
    n = f.bytes.size() / width;
  }
  if (n == 0) return Status::ok();
  out->chunks.push_back({f.bytes, 0, true});
  out->count += n;
  return Status::ok();
}

}  // namespace detail
}  // namespace onyx::proto
