#include "proto/wire.h"

namespace onyx::proto {

const char* read_varint(const char** p, const char* end, uint64_t* out) {
  const char* q = *p;
  uint64_t result = 0;
  for (int i = 0; i < 10; ++i) {
    if (q >= end) return "truncated varint";
    uint8_t byte = static_cast<uint8_t>(*q++);
    // The 10th byte may only contribute the top bit of a 64-bit value.
    if (i == 9 && (byte & 0x80u)) return "varint longer than 10 bytes";
    if (i == 9 && byte > 1) return "varint overflows 64 bits";
    result |= uint64_t{byte & 0x7fu} << (7 * i);
    if (!(byte & 0x80u)) {
      *p = q;
      *out = result;
      return nullptr;
    }
  }
  return "varint longer than 10 bytes";
}

const char* WireReader::next(WireField* field) {
  uint64_t key;
  if (const char* err = read_varint(&p_, end_, &key)) return err;
  uint64_t number = key >> 3;
  if (number == 0 || number > 0x1fffffff) return "invalid field number";
  field->number = static_cast<uint32_t>(number);
  field->type = static_cast<WireType>(key & 7);
  field->value = 0;
  field->bytes = {};
  size_t left = static_cast<size_t>(end_ - p_);
  switch (field->type) {
    case WireType::kVarint:
      return read_varint(&p_, end_, &field->value);
    case WireType::kFixed64:
      if (left < 8) return "truncated fixed64";
      field->value = load_le64(p_);
      p_ += 8;
      return nullptr;
    case WireType::kFixed32:
      if (left < 4) return "truncated fixed32";
      field->value = load_le32(p_);
      p_ += 4;
      return nullptr;
    case WireType::kLen: {
      uint64_t len;
      if (const char* err = read_varint(&p_, end_, &len)) return err;
      if (len > static_cast<uint64_t>(end_ - p_)) return "length past end of buffer";
      field->bytes = std::string_view(p_, static_cast<size_t>(len));
      p_ += len;
      return nullptr;
    }
    case WireType::kStartGroup:
    case WireType::kEndGroup:
      return "groups are not supported";
  }
  return "invalid wire type";
}

const char* count_packed_varints(std::string_view payload, size_t* count) {
  const char* p = payload.data();
  const char* end = p + payload.size();
  size_t n = 0;
  while (p < end) {
    uint64_t v;
    if (const char* err = read_varint(&p, end, &v)) return err;
    ++n;
  }
  *count = n;
  return nullptr;
}

void WireWriter::raw_varint(uint64_t v) {
  char buf[10];
  int n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<char>(v);
  out_->append(buf, static_cast<size_t>(n));
}

void WireWriter::fixed32(uint32_t field, uint32_t v) {
  tag(field, WireType::kFixed32);
  char buf[4];
  std::memcpy(buf, &v, 4);
  out_->append(buf, 4);
}

void WireWriter::fixed64(uint32_t field, uint64_t v) {
  tag(field, WireType::kFixed64);
  char buf[8];
  std::memcpy(buf, &v, 8);
  out_->append(buf, 8);
}

void WireWriter::float32(uint32_t field, float v) {
  uint32_t bits;
  std::memcpy(&bits, &v, 4);
  fixed32(field, bits);
}

void WireWriter::bytes(uint32_t field, std::string_view payload) {
  tag(field, WireType::kLen);
  raw_varint(payload.size());
  out_->append(payload.data(), payload.size());
}

}  // namespace onyx::proto
