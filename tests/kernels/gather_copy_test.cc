// Gather and strided row-copy kernels.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kernels/copy.h"
#include "kernels/gather.h"

namespace onyx::kernels {
namespace {

TEST(GatherKernel, AxisMiddleWithNegativeIndices) {
  // data [2, 3, 2], axis 1, indices [2, -3, 1]
  std::vector<int32_t> data(12);
  for (int i = 0; i < 12; ++i) data[i] = i;
  const int64_t idx[3] = {2, -3, 1};
  std::vector<int32_t> out(2 * 3 * 2, -1);
  EXPECT_EQ(gather(data.data(), out.data(), 4, 2, 3, 2, idx, 3), -1);
  EXPECT_EQ(out, (std::vector<int32_t>{4, 5, 0, 1, 2, 3, 10, 11, 6, 7, 8, 9}));
}

TEST(GatherKernel, OutOfRangeReportsPositionAndWritesNothing) {
  const std::vector<uint8_t> data = {1, 2, 3};
  const int32_t idx[3] = {0, 3, -4};
  std::vector<uint8_t> out(3, 77);
  EXPECT_EQ(gather(data.data(), out.data(), 1, 1, 3, 1, idx, 3), 1);
  EXPECT_EQ(out, (std::vector<uint8_t>{77, 77, 77}));
  const int64_t neg[1] = {-4};
  EXPECT_EQ(gather(data.data(), out.data(), 1, 1, 3, 1, neg, 1), 0);
}

TEST(GatherKernel, ParallelAndStrings) {
  ThreadPool pool(2);
  const int64_t outer = 3, axis = 50, inner = 700, n = 40;
  std::vector<float> data(outer * axis * inner);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<float>(i);
  std::vector<int64_t> idx(n);
  for (int64_t k = 0; k < n; ++k) idx[k] = (k * 7) % axis - (k % 2 ? axis : 0);
  std::vector<float> serial(outer * n * inner), parallel(serial.size());
  EXPECT_EQ(gather(data.data(), serial.data(), 4, outer, axis, inner, idx.data(), n), -1);
  EXPECT_EQ(gather(data.data(), parallel.data(), 4, outer, axis, inner, idx.data(), n, &pool), -1);
  EXPECT_EQ(serial, parallel);
  EXPECT_EQ(serial[inner], data[((1 * 7) % axis) * inner]);

  const std::vector<std::string> s = {"a", "b", "c"};
  const int32_t sidx[2] = {-1, 0};
  std::vector<std::string> sout(2);
  EXPECT_EQ(gather_strings(s.data(), sout.data(), 1, 3, 1, sidx, 2), -1);
  EXPECT_EQ(sout, (std::vector<std::string>{"c", "a"}));
  EXPECT_EQ(gather_strings(s.data(), sout.data(), 1, 3, 1, std::vector<int32_t>{5}.data(), 1), 0);
}

TEST(CopyKernel, StridedRowsIntoWiderRows) {
  const std::vector<int16_t> a = {1, 2, 3, 4}, b = {9, 8};  // a: 2x2, b: 2x1
  std::vector<int16_t> out(6, 0);                           // 2x3
  copy_rows(a.data(), 2, out.data(), 3, 2, 2, sizeof(int16_t));
  copy_rows(b.data(), 1, out.data() + 2, 3, 1, 2, sizeof(int16_t));
  EXPECT_EQ(out, (std::vector<int16_t>{1, 2, 9, 3, 4, 8}));
  std::vector<std::string> so(4);
  const std::vector<std::string> si = {"x", "y"};
  copy_string_rows(si.data(), 1, so.data() + 1, 2, 1, 2);
  EXPECT_EQ(so, (std::vector<std::string>{"", "x", "", "y"}));
}

}  // namespace
}  // namespace onyx::kernels
