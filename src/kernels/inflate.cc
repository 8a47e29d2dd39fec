#include "kernels/inflate.h"

#include <array>

namespace onyx::kernels {
namespace {

class BitReader {
 public:
  BitReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  // Next `n` (<= 24) bits, least significant first; false when the input ends.
  bool bits(int n, uint32_t* v) {
    while (count_ < n) {
      if (pos_ >= size_) return false;
      buffer_ |= static_cast<uint32_t>(data_[pos_++]) << count_;
      count_ += 8;
    }
    *v = buffer_ & ((1u << n) - 1);
    buffer_ >>= n;
    count_ -= n;
    return true;
  }
  void align() {  // drop the rest of the current byte
    buffer_ = 0;
    count_ = 0;
  }
  size_t pos() const { return pos_; }
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  void skip(size_t n) { pos_ += n; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
  uint32_t buffer_ = 0;
  int count_ = 0;
};

constexpr int kMaxBits = 15;

// Canonical Huffman code: symbol counts per length and symbols ordered by code.
struct Huffman {
  std::array<uint16_t, kMaxBits + 1> count{};
  std::vector<uint16_t> symbol;

  // False for an over-subscribed set of lengths (incomplete codes are allowed, as zlib does for
  // single-code distance trees).
  bool build(const uint8_t* lengths, int n) {
    count.fill(0);
    for (int i = 0; i < n; ++i) ++count[lengths[i]];
    int left = 1;
    for (int len = 1; len <= kMaxBits; ++len) {
      left = 2 * left - count[len];
      if (left < 0) return false;
    }
    std::array<uint16_t, kMaxBits + 2> offset{};
    for (int len = 1; len <= kMaxBits; ++len) offset[len + 1] = offset[len] + count[len];
    symbol.assign(static_cast<size_t>(n), 0);
    for (int i = 0; i < n; ++i)
      if (lengths[i]) symbol[offset[lengths[i]]++] = static_cast<uint16_t>(i);
    return true;
  }

  // The next symbol, or -1 when the input ends or the code is not in the table.
  int decode(BitReader& in) const {
    int code = 0, first = 0, index = 0;
    for (int len = 1; len <= kMaxBits; ++len) {
      uint32_t bit = 0;
      if (!in.bits(1, &bit)) return -1;
      code |= static_cast<int>(bit);
      const int c = count[len];
      if (code - c < first) return symbol[static_cast<size_t>(index + (code - first))];
      index += c;
      first = (first + c) << 1;
      code <<= 1;
    }
    return -1;
  }
};

constexpr uint16_t kLengthBase[29] = {3,  4,  5,  6,   7,   8,   9,   10,  11, 13,
                                      15, 17, 19, 23,  27,  31,  35,  43,  51, 59,
                                      67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr uint8_t kLengthExtra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                      2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr uint16_t kDistBase[30] = {1,    2,    3,    4,    5,    7,    9,    13,    17,    25,
                                    33,   49,   65,   97,   129,  193,  257,  385,   513,   769,
                                    1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr uint8_t kDistExtra[30] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                    6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

std::string inflate_codes(BitReader& in, const Huffman& lit, const Huffman& dist, size_t max_output,
                          std::vector<uint8_t>* out) {
  while (true) {
    const int sym = lit.decode(in);
    if (sym < 0) return "truncated or invalid literal/length code";
    if (sym < 256) {
      if (out->size() >= max_output) return "output exceeds the size bound";
      out->push_back(static_cast<uint8_t>(sym));
      continue;
    }
    if (sym == 256) return "";
    const int li = sym - 257;
    if (li >= 29) return "invalid length symbol";
    uint32_t extra = 0;
    if (!in.bits(kLengthExtra[li], &extra)) return "truncated length";
    const size_t length = kLengthBase[li] + extra;
    const int di = dist.decode(in);
    if (di < 0 || di >= 30) return "truncated or invalid distance code";
    if (!in.bits(kDistExtra[di], &extra)) return "truncated distance";
    const size_t distance = kDistBase[di] + extra;
    if (distance > out->size()) return "distance reaches before the start of the output";
    if (out->size() + length > max_output) return "output exceeds the size bound";
    const size_t from = out->size() - distance;
    for (size_t k = 0; k < length; ++k) out->push_back((*out)[from + k]);  // may overlap
  }
}

}  // namespace

std::string inflate(const uint8_t* data, size_t size, size_t max_output, std::vector<uint8_t>* out,
                    size_t* consumed) {
  BitReader in(data, size);
  uint32_t last = 0;
  do {
    uint32_t type = 0;
    if (!in.bits(1, &last) || !in.bits(2, &type)) return "truncated block header";
    if (type == 0) {  // stored
      in.align();
      if (in.pos() + 4 > size) return "truncated stored block";
      const uint8_t* p = data + in.pos();
      const uint32_t len = p[0] | (p[1] << 8), nlen = p[2] | (p[3] << 8);
      if ((len ^ 0xFFFFu) != nlen) return "stored block length check failed";
      in.skip(4);
      if (in.pos() + len > size) return "truncated stored block";
      if (out->size() + len > max_output) return "output exceeds the size bound";
      out->insert(out->end(), data + in.pos(), data + in.pos() + len);
      in.skip(len);
    } else if (type == 1 || type == 2) {
      std::array<uint8_t, 288 + 32> lengths{};
      int nlit = 288, ndist = 30;
      if (type == 1) {  // fixed codes (RFC 1951 3.2.6)
        for (int i = 0; i < 288; ++i) lengths[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
        for (int i = 0; i < 30; ++i) lengths[288 + i] = 5;
      } else {
        uint32_t hlit = 0, hdist = 0, hclen = 0;
        if (!in.bits(5, &hlit) || !in.bits(5, &hdist) || !in.bits(4, &hclen))
          return "truncated dynamic block header";
        nlit = static_cast<int>(hlit) + 257;
        ndist = static_cast<int>(hdist) + 1;
        if (nlit > 286 || ndist > 30) return "too many literal/length or distance codes";
        static constexpr uint8_t kOrder[19] = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                               11, 4,  12, 3, 13, 2, 14, 1, 15};
        std::array<uint8_t, 19> cl{};
        for (uint32_t i = 0; i < hclen + 4; ++i) {
          uint32_t v = 0;
          if (!in.bits(3, &v)) return "truncated code length code";
          cl[kOrder[i]] = static_cast<uint8_t>(v);
        }
        Huffman clh;
        if (!clh.build(cl.data(), 19)) return "invalid code length code";
        std::array<uint8_t, 286 + 30> all{};
        for (int i = 0; i < nlit + ndist;) {
          const int sym = clh.decode(in);
          if (sym < 0) return "truncated or invalid code lengths";
          if (sym < 16) {
            all[static_cast<size_t>(i++)] = static_cast<uint8_t>(sym);
            continue;
          }
          uint32_t rep = 0;
          uint8_t value = 0;
          if (sym == 16) {
            if (i == 0) return "repeat with no previous length";
            value = all[static_cast<size_t>(i - 1)];
            if (!in.bits(2, &rep)) return "truncated repeat";
            rep += 3;
          } else if (sym == 17) {
            if (!in.bits(3, &rep)) return "truncated repeat";
            rep += 3;
          } else {
            if (!in.bits(7, &rep)) return "truncated repeat";
            rep += 11;
          }
          if (i + static_cast<int>(rep) > nlit + ndist) return "code lengths overflow";
          for (uint32_t k = 0; k < rep; ++k) all[static_cast<size_t>(i++)] = value;
        }
        if (all[256] == 0) return "no end-of-block code";
        std::copy(all.begin(), all.begin() + nlit, lengths.begin());
        std::copy(all.begin() + nlit, all.begin() + nlit + ndist, lengths.begin() + 288);
      }
      Huffman lit, dist;
      if (!lit.build(lengths.data(), nlit) || !dist.build(lengths.data() + 288, ndist))
        return "over-subscribed Huffman code";
      std::string err = inflate_codes(in, lit, dist, max_output, out);
      if (!err.empty()) return err;
    } else {
      return "invalid block type 3";
    }
  } while (!last);
  if (consumed) *consumed = in.pos();
  return "";
}

std::string zlib_decompress(const uint8_t* data, size_t size, size_t max_output,
                            std::vector<uint8_t>* out) {
  if (size < 6) return "truncated zlib stream";
  if ((data[0] & 0x0F) != 8 || ((data[0] << 8) | data[1]) % 31 != 0) return "bad zlib header";
  if (data[1] & 0x20) return "zlib preset dictionaries are not supported";
  const size_t start = out->size();
  size_t used = 0;
  std::string err = inflate(data + 2, size - 2, max_output, out, &used);
  if (!err.empty()) return err;
  if (2 + used + 4 > size) return "truncated adler-32";
  uint32_t a = 1, b = 0;
  for (size_t i = start; i < out->size(); ++i) {
    a = (a + (*out)[i]) % 65521;
    b = (b + a) % 65521;
  }
  const uint8_t* p = data + 2 + used;
  const uint32_t want = (static_cast<uint32_t>(p[0]) << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
  if (((b << 16) | a) != want) return "adler-32 mismatch";
  return "";
}

}  // namespace onyx::kernels
