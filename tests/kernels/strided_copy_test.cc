// kernels/strided_copy against an independent oracle (explicit multi-index per element), over
// element sizes 1/2/4/8/3, broadcast (stride 0), reversed (negative) and permuted strides, size-1
// and empty dims, with and without a thread pool, and the string variant.
#include "kernels/strided_copy.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace onyx::kernels {
namespace {

using Dims = std::vector<int64_t>;

int64_t numel(const Dims& d) {
  int64_t n = 1;
  for (int64_t x : d) n *= x;
  return n;
}

// Source element offset (from the view's base) of output element `flat`.
int64_t oracle_offset(const Dims& dims, const Dims& strides, int64_t flat) {
  int64_t off = 0;
  for (size_t k = dims.size(); k-- > 0;) {
    off += (flat % dims[k]) * strides[k];
    flat /= dims[k];
  }
  return off;
}

// Copies through strided_copy with elements of `elem` bytes; src holds bytes 0..255 repeating.
void check_bytes(const Dims& dims, const Dims& strides, int64_t base, size_t elem,
                 int64_t src_elems, ThreadPool* pool) {
  std::vector<uint8_t> src(static_cast<size_t>(src_elems) * elem);
  for (size_t i = 0; i < src.size(); ++i) src[i] = static_cast<uint8_t>(i * 7 + 3);
  std::vector<uint8_t> out(static_cast<size_t>(numel(dims)) * elem, 0xEE);
  strided_copy(src.data() + base * static_cast<int64_t>(elem), out.data(), elem, dims, strides,
               pool);
  for (int64_t i = 0; i < numel(dims); ++i) {
    const int64_t from = base + oracle_offset(dims, strides, i);
    for (size_t b = 0; b < elem; ++b)
      ASSERT_EQ(out[static_cast<size_t>(i) * elem + b], src[static_cast<size_t>(from) * elem + b])
          << "element " << i << " byte " << b << " elem size " << elem;
  }
}

TEST(StridedCopy, MatchesOracleOnStridePatterns) {
  struct Case {
    Dims dims, strides;
    int64_t base, src_elems;
  };
  const std::vector<Case> cases = {
      {{7}, {1}, 0, 7},                                  // contiguous tail
      {{3, 5}, {0, 1}, 0, 5},                            // broadcast rows (Expand)
      {{3, 5}, {1, 0}, 0, 3},                            // broadcast columns
      {{2, 3, 2, 4}, {0, 4, 0, 1}, 0, 12},               // Tile [3,4] by [2,2]
      {{4, 3}, {-3, 1}, 9, 12},                          // rows reversed (Slice step -1 on axis 0)
      {{4, 3}, {3, -1}, 2, 12},                          // columns reversed
      {{5}, {-2}, 8, 9},                                 // step -2
      {{3, 4}, {1, 3}, 0, 12},                           // transpose
      {{1, 6, 1}, {100, 1, 100}, 0, 6},                  // size-1 dims dropped
      {{2, 0, 3}, {0, 1, 1}, 0, 1},                      // empty
      {{1, 2, 2, 3, 2, 2}, {0, 4, 1, 16, 8, 2}, 0, 48},  // SpaceToDepth view
  };
  for (size_t elem : {1u, 2u, 4u, 8u, 3u})
    for (const Case& c : cases) check_bytes(c.dims, c.strides, c.base, elem, c.src_elems, nullptr);
}

TEST(StridedCopy, ThreadPoolMatchesSerial) {
  ThreadPool pool(2);
  // Large enough to take the parallel path; odd inner size and a reversed, broadcast view.
  check_bytes({3, 129, 257}, {0, -257, 1}, 128 * 257, 4, 129 * 257, &pool);
  check_bytes({70000}, {1}, 0, 2, 70000, &pool);
  check_bytes({300, 301}, {1, 300}, 0, 8, 300 * 301, &pool);
}

TEST(StridedCopy, Strings) {
  const std::vector<std::string> src = {"a", "bb", "ccc", "dddd", "e", "f"};  // [2, 3]
  std::vector<std::string> out(6);
  const Dims dims = {3, 2}, strides = {1, 3};  // transpose
  strided_copy_strings(src.data(), out.data(), dims, strides);
  EXPECT_EQ(out, (std::vector<std::string>{"a", "dddd", "bb", "e", "ccc", "f"}));
  std::vector<std::string> rep(4);
  const Dims d2 = {2, 2}, s2 = {0, -1};  // broadcast rows of a reversed pair
  strided_copy_strings(src.data() + 1, rep.data(), d2, s2);
  EXPECT_EQ(rep, (std::vector<std::string>{"bb", "a", "bb", "a"}));
}

}  // namespace
}  // namespace onyx::kernels
