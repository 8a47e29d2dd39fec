// Pad kernel against values from numpy.pad (crop-then-pad semantics for negative pads).
#include "kernels/pad.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace onyx::kernels {
namespace {

std::vector<int32_t> pad1d(std::vector<int32_t> in, int64_t b, int64_t e, PadMode mode,
                           int32_t value = 0) {
  const std::vector<int64_t> dims = {static_cast<int64_t>(in.size())}, pads = {b, e};
  std::vector<int32_t> out(static_cast<size_t>(dims[0] + b + e), -999);
  pad(in.data(), out.data(), sizeof(int32_t), dims, pads, mode, &value);
  return out;
}

TEST(PadKernel, ModesMatchNumpyIncludingWidePads) {
  // np.pad([1,2,3], (7,7), 'reflect') / 'wrap'
  EXPECT_EQ(pad1d({1, 2, 3}, 7, 7, PadMode::kReflect),
            (std::vector<int32_t>{2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2}));
  EXPECT_EQ(pad1d({1, 2, 3}, 7, 7, PadMode::kWrap),
            (std::vector<int32_t>{3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1}));
  EXPECT_EQ(pad1d({1, 2, 3}, 2, 1, PadMode::kEdge), (std::vector<int32_t>{1, 1, 1, 2, 3, 3}));
  EXPECT_EQ(pad1d({1, 2, 3}, 1, 2, PadMode::kConstant, 9),
            (std::vector<int32_t>{9, 1, 2, 3, 9, 9}));
  EXPECT_EQ(pad1d({5}, 2, 2, PadMode::kReflect), (std::vector<int32_t>{5, 5, 5, 5, 5}));
}

TEST(PadKernel, NegativePadsCropThenPad) {
  EXPECT_EQ(pad1d({1, 2, 3, 4, 5}, -2, 1, PadMode::kConstant, 7),
            (std::vector<int32_t>{3, 4, 5, 7}));
  // Crop [1,2,3,4,5] to [2,3,4,5], then reflect 2 at the end: [2,3,4,5,4,3].
  EXPECT_EQ(pad1d({1, 2, 3, 4, 5}, -1, 2, PadMode::kReflect),
            (std::vector<int32_t>{2, 3, 4, 5, 4, 3}));
  EXPECT_EQ(pad1d({1, 2, 3}, -3, 0, PadMode::kConstant), (std::vector<int32_t>{}));
}

TEST(PadKernel, TwoDimensionalConstantAndEdge) {
  const std::vector<float> in = {1, 2, 3, 4, 5, 6};  // 2x3
  const std::vector<int64_t> dims = {2, 3};
  const float value = -1;
  {
    const std::vector<int64_t> pads = {1, 0, 0, 1};  // one row on top, one column on the right
    std::vector<float> out(3 * 4);
    pad(in.data(), out.data(), 4, dims, pads, PadMode::kConstant, &value);
    EXPECT_EQ(out, (std::vector<float>{-1, -1, -1, -1, 1, 2, 3, -1, 4, 5, 6, -1}));
  }
  {
    const std::vector<int64_t> pads = {0, 1, 1, 0};
    std::vector<float> out(3 * 4);
    pad(in.data(), out.data(), 4, dims, pads, PadMode::kEdge, &value);
    EXPECT_EQ(out, (std::vector<float>{1, 1, 2, 3, 4, 4, 5, 6, 4, 4, 5, 6}));
  }
}

TEST(PadKernel, ParallelRowsMatchSerial) {
  const std::vector<int64_t> dims = {300, 70};
  std::vector<uint16_t> in(300 * 70);
  for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<uint16_t>(i * 13);
  const std::vector<int64_t> pads = {3, -5, 4, 6};
  const uint16_t value = 0;
  std::vector<uint16_t> serial(307 * 71), parallel(307 * 71);
  ThreadPool pool(2);
  for (PadMode mode : {PadMode::kConstant, PadMode::kReflect, PadMode::kEdge, PadMode::kWrap}) {
    pad(in.data(), serial.data(), 2, dims, pads, mode, &value);
    pad(in.data(), parallel.data(), 2, dims, pads, mode, &value, &pool);
    EXPECT_EQ(serial, parallel);
  }
}

TEST(PadKernel, StringsAndScalar) {
  const std::vector<std::string> in = {"a", "b"};
  std::vector<std::string> out(4);
  const std::vector<int64_t> dims = {2}, pads = {1, 1};
  pad_strings(in.data(), out.data(), dims, pads, PadMode::kConstant, "z");
  EXPECT_EQ(out, (std::vector<std::string>{"z", "a", "b", "z"}));
  pad_strings(in.data(), out.data(), dims, pads, PadMode::kWrap, "");
  EXPECT_EQ(out, (std::vector<std::string>{"b", "a", "b", "a"}));
  const double x = 2.5, v = 0;
  double y = 0;
  pad(&x, &y, 8, {}, {}, PadMode::kConstant, &v);
  EXPECT_EQ(y, 2.5);
}

}  // namespace
}  // namespace onyx::kernels
