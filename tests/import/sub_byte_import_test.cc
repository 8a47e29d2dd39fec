// 2-bit tensors (int2/uint2, packed four per byte, lowest bits first) and float8e8m0 codes:
// decoding from raw_data and int32_data, sign extension, and serialize/parse round trips.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "import/loader.h"
#include "proto/wire.h"

namespace onyx::import {
namespace {

using proto::WireWriter;

std::string tensor_proto(DType t, int64_t n, int field, const std::string& payload) {
  std::string dims;
  WireWriter(&dims).raw_varint(static_cast<uint64_t>(n));
  std::string s;
  WireWriter w(&s);
  w.bytes(1, dims);
  w.varint(2, static_cast<uint64_t>(t));
  w.bytes(field, payload);
  return s;
}

std::vector<int8_t> parse_bytes(const std::string& bytes, DType want) {
  Result<Tensor> t = parse_tensor(bytes.data(), bytes.size());
  EXPECT_TRUE(t.is_ok()) << t.status().to_string();
  if (!t.is_ok()) return {};
  EXPECT_EQ(t->dtype(), want);
  return std::vector<int8_t>(t->data<int8_t>(), t->data<int8_t>() + t->numel());
}

TEST(SubByteImport, Int2AndUInt2FromRawData) {
  // 0x39 = 00 11 10 01 -> codes 1, 2, 3, 0; the second byte holds element 4 (code 2).
  const std::string raw = std::string("\x39\x02", 2);
  EXPECT_EQ(parse_bytes(tensor_proto(DType::kInt2, 5, 9, raw), DType::kInt2),
            (std::vector<int8_t>{1, -2, -1, 0, -2}));
  EXPECT_EQ(parse_bytes(tensor_proto(DType::kUInt2, 5, 9, raw), DType::kUInt2),
            (std::vector<int8_t>{1, 2, 3, 0, 2}));
}

TEST(SubByteImport, WrongPackedSizeIsAnError) {
  const std::string raw = std::string("\x39", 1);  // 5 elements need 2 bytes
  const std::string bytes = tensor_proto(DType::kUInt2, 5, 9, raw);
  EXPECT_FALSE(parse_tensor(bytes.data(), bytes.size()).is_ok());
}

TEST(SubByteImport, Int2FromInt32Data) {
  std::string packed;
  WireWriter(&packed).raw_varint(0x39);
  EXPECT_EQ(parse_bytes(tensor_proto(DType::kInt2, 4, 5, packed), DType::kInt2),
            (std::vector<int8_t>{1, -2, -1, 0}));
}

TEST(SubByteImport, RoundTrips) {
  for (DType dt : {DType::kInt2, DType::kUInt2, DType::kFloat8E8M0}) {
    Tensor t = Tensor::empty(dt, {7});
    for (int i = 0; i < 7; ++i)
      t.data<int8_t>()[i] = static_cast<int8_t>(dt == DType::kInt2    ? (i % 4) - 2
                                                : dt == DType::kUInt2 ? i % 4
                                                                      : i * 30);
    const std::string bytes = serialize_tensor(t, "x");
    Result<Tensor> back = parse_tensor(bytes.data(), bytes.size());
    ASSERT_TRUE(back.is_ok()) << back.status().to_string();
    ASSERT_EQ(back->dtype(), dt);
    EXPECT_EQ(std::memcmp(back->raw_data(), t.raw_data(), 7), 0) << dtype_name(dt);
  }
}

}  // namespace
}  // namespace onyx::import
