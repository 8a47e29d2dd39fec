// Bounded protobuf wire-format reader and writer.
//
// The reader never reads outside the buffer it is given: every varint, fixed-width value and
// length-delimited payload is bounds-checked, and errors are returned as short reasons ("truncated
// varint", "length past end of buffer") that callers prefix with a field path. Groups (wire types
// 3/4, deprecated in protobuf and unused by ONNX) are rejected. Values are little-endian on the
// wire; this code assumes a little-endian host (x86, ARM) when copying fixed-width values.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace onyx::proto {

enum class WireType : uint8_t {
  kVarint = 0,
  kFixed64 = 1,
  kLen = 2,
  kStartGroup = 3,
  kEndGroup = 4,
  kFixed32 = 5,
};

// One decoded field. For kVarint/kFixed32/kFixed64 `value` holds the bits (fixed32 zero-extended);
// for kLen `bytes` is the payload, a view into the reader's buffer.
struct WireField {
  uint32_t number = 0;
  WireType type = WireType::kVarint;
  uint64_t value = 0;
  std::string_view bytes;
};

// Decodes a varint at [*p, end). On success advances *p and returns nullptr; on failure returns a
// reason ("truncated varint" / "varint longer than 10 bytes") and leaves *p unspecified.
const char* read_varint(const char** p, const char* end, uint64_t* out);

// Sequential reader over one message's bytes.
class WireReader {
 public:
  explicit WireReader(std::string_view buf) : p_(buf.data()), end_(buf.data() + buf.size()) {}
  bool done() const { return p_ >= end_; }
  // Reads the next field (tag and payload). Returns nullptr on success or a reason on failure.
  const char* next(WireField* field);

 private:
  const char* p_;
  const char* end_;
};

// Counts the varints in a packed payload; returns nullptr or a reason.
const char* count_packed_varints(std::string_view payload, size_t* count);

inline uint32_t load_le32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
inline uint64_t load_le64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// Appends protobuf encodings to a string. Field numbers must be in [1, 2^29).
class WireWriter {
 public:
  explicit WireWriter(std::string* out) : out_(out) {}

  void raw_varint(uint64_t v);
  void tag(uint32_t field, WireType type) { raw_varint((uint64_t{field} << 3) | uint8_t(type)); }
  // int32/int64/enum/bool fields: negative values are sign-extended to 10 bytes as protobuf does.
  void varint(uint32_t field, uint64_t v) {
    tag(field, WireType::kVarint);
    raw_varint(v);
  }
  void int64(uint32_t field, int64_t v) { varint(field, static_cast<uint64_t>(v)); }
  void fixed32(uint32_t field, uint32_t v);
  void fixed64(uint32_t field, uint64_t v);
  void float32(uint32_t field, float v);
  // Length-delimited payload: bytes, string, a packed array or an already-encoded sub-message.
  void bytes(uint32_t field, std::string_view payload);
  // Skips empty strings (proto2 "optional" fields left unset).
  void string_if_set(uint32_t field, std::string_view s) {
    if (!s.empty()) bytes(field, s);
  }

 private:
  std::string* out_;
};

}  // namespace onyx::proto
