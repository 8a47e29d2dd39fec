// kernels/inflate.h on zlib streams made by CPython's zlib (dynamic, stored and fixed-Huffman
// blocks), and its refusals of corrupt or oversized streams.
#include "kernels/inflate.h"

#include <gtest/gtest.h>

#include <string>

namespace onyx::kernels {
namespace {

using Bytes = std::vector<uint8_t>;

// zlib.compress(b"onyx onyx onyx inflates " * 6 + bytes(range(40)), 9): dynamic Huffman with
// long back-references.
const Bytes kDynamic = {120, 218, 203, 207, 171, 172, 80,  200, 135, 19,  153, 121, 105, 57,
                        137, 37,  169, 197, 72,  66,  244, 21,  103, 96,  100, 98,  102, 97,
                        101, 99,  231, 224, 228, 226, 230, 225, 229, 227, 23,  16,  20,  18,
                        22,  17,  21,  19,  151, 144, 148, 146, 150, 145, 149, 147, 87,  80,
                        84,  82,  86,  81,  85,  83,  7,   0,   160, 214, 58,  141};

Bytes dynamic_plain() {
  std::string s;
  for (int i = 0; i < 6; ++i) s += "onyx onyx onyx inflates ";
  Bytes b(s.begin(), s.end());
  for (int i = 0; i < 40; ++i) b.push_back(static_cast<uint8_t>(i));
  return b;
}

TEST(Inflate, DynamicStoredAndFixedBlocks) {
  Bytes out;
  EXPECT_EQ(zlib_decompress(kDynamic.data(), kDynamic.size(), 1 << 20, &out), "");
  EXPECT_EQ(out, dynamic_plain());

  const Bytes stored = {120, 1,   1,   7,   0,  248, 255, 115, 116,
                        111, 114, 101, 100, 33, 11,  239, 2,   179};
  out.clear();
  EXPECT_EQ(zlib_decompress(stored.data(), stored.size(), 100, &out), "");
  EXPECT_EQ(std::string(out.begin(), out.end()), "stored!");

  const Bytes fixed = {120, 1, 75, 76, 74, 78, 132, 33, 0, 29, 224, 4, 153};  // Z_FIXED
  out.clear();
  EXPECT_EQ(zlib_decompress(fixed.data(), fixed.size(), 100, &out), "");
  EXPECT_EQ(std::string(out.begin(), out.end()), "abcabcabcabc");
}

TEST(Inflate, RefusesCorruptTruncatedAndOversized) {
  Bytes out;
  EXPECT_NE(zlib_decompress(kDynamic.data(), kDynamic.size(), 100, &out).find("size bound"),
            std::string::npos);
  for (size_t cut = 0; cut < kDynamic.size(); ++cut) {  // every truncation fails cleanly
    out.clear();
    EXPECT_NE(zlib_decompress(kDynamic.data(), cut, 1 << 20, &out), "") << cut;
  }
  Bytes bad_adler = kDynamic;
  bad_adler.back() ^= 1;
  out.clear();
  EXPECT_EQ(zlib_decompress(bad_adler.data(), bad_adler.size(), 1 << 20, &out),
            "adler-32 mismatch");
  const Bytes block_type_3 = {0x07};
  out.clear();
  EXPECT_EQ(inflate(block_type_3.data(), 1, 100, &out), "invalid block type 3");
  Bytes bad_header = kDynamic;
  bad_header[1] ^= 1;
  out.clear();
  EXPECT_EQ(zlib_decompress(bad_header.data(), bad_header.size(), 1 << 20, &out),
            "bad zlib header");
}

}  // namespace
}  // namespace onyx::kernels
