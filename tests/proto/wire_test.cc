#include "proto/wire.h"

#include <gtest/gtest.h>

#include <string>

namespace onyx::proto {
namespace {

const char* decode(const std::string& bytes, uint64_t* v, size_t* consumed = nullptr) {
  const char* p = bytes.data();
  const char* err = read_varint(&p, bytes.data() + bytes.size(), v);
  if (consumed) *consumed = static_cast<size_t>(p - bytes.data());
  return err;
}

TEST(Varint, DecodesSmallAndLarge) {
  uint64_t v = 0;
  size_t n = 0;
  EXPECT_EQ(decode(std::string("\x05", 1), &v, &n), nullptr);
  EXPECT_EQ(v, 5u);
  EXPECT_EQ(n, 1u);
  EXPECT_EQ(decode("\xac\x02", &v, &n), nullptr);
  EXPECT_EQ(v, 300u);
  EXPECT_EQ(n, 2u);
  std::string max = "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01";
  EXPECT_EQ(decode(max, &v), nullptr);
  EXPECT_EQ(v, ~uint64_t{0});
}

TEST(Varint, RejectsTruncatedAndOverlong) {
  uint64_t v;
  EXPECT_STREQ(decode("", &v), "truncated varint");
  EXPECT_STREQ(decode("\x80\x80", &v), "truncated varint");
  // 10th byte carrying more than the top bit overflows 64 bits.
  EXPECT_STREQ(decode("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x02", &v), "varint overflows 64 bits");
  EXPECT_STREQ(decode("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x81\x00", &v),
               "varint longer than 10 bytes");
}

TEST(WireWriter, RoundTripsEveryWireType) {
  std::string buf;
  WireWriter w(&buf);
  w.int64(1, -2);
  w.varint(2, 1ull << 40);
  w.fixed32(3, 0xdeadbeef);
  w.fixed64(4, 0x0123456789abcdefull);
  w.bytes(5, "hello");
  w.float32(6, 1.5f);
  WireReader r(buf);
  WireField f;
  ASSERT_EQ(r.next(&f), nullptr);
  EXPECT_EQ(f.number, 1u);
  EXPECT_EQ(static_cast<int64_t>(f.value), -2);
  ASSERT_EQ(r.next(&f), nullptr);
  EXPECT_EQ(f.value, 1ull << 40);
  ASSERT_EQ(r.next(&f), nullptr);
  EXPECT_EQ(f.type, WireType::kFixed32);
  EXPECT_EQ(f.value, 0xdeadbeefu);
  ASSERT_EQ(r.next(&f), nullptr);
  EXPECT_EQ(f.value, 0x0123456789abcdefull);
  ASSERT_EQ(r.next(&f), nullptr);
  EXPECT_EQ(f.bytes, "hello");
  ASSERT_EQ(r.next(&f), nullptr);
  EXPECT_EQ(f.value, 0x3fc00000u);
  EXPECT_TRUE(r.done());
}

const char* first_error(const std::string& bytes) {
  WireReader r(bytes);
  WireField f;
  while (!r.done())
    if (const char* err = r.next(&f)) return err;
  return nullptr;
}

TEST(WireReader, RejectsMalformedFields) {
  EXPECT_STREQ(first_error(std::string("\x0a\x05hi", 4)), "length past end of buffer");
  EXPECT_STREQ(first_error(std::string("\x0a\xff\xff\xff\xff\x0f", 6)),
               "length past end of buffer");
  EXPECT_STREQ(first_error(std::string("\x0d\x01\x02", 3)), "truncated fixed32");
  EXPECT_STREQ(first_error(std::string("\x09\x01\x02\x03\x04", 5)), "truncated fixed64");
  EXPECT_STREQ(first_error(std::string("\x08", 1)), "truncated varint");
  EXPECT_STREQ(first_error(std::string("\x0b\x0c", 2)), "groups are not supported");
  EXPECT_STREQ(first_error(std::string("\x00\x01", 2)), "invalid field number");
  EXPECT_STREQ(first_error(std::string("\x0e", 1)), "invalid wire type");
  EXPECT_EQ(first_error(""), nullptr);
}

TEST(WireReader, CountsPackedVarints) {
  size_t n = 0;
  EXPECT_EQ(count_packed_varints("\x01\xac\x02\x03", &n), nullptr);
  EXPECT_EQ(n, 3u);
  EXPECT_STREQ(count_packed_varints("\x01\x80", &n), "truncated varint");
}

}  // namespace
}  // namespace onyx::proto
