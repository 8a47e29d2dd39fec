// Resampling kernels: the resize tables against hand-computed values, the fused float32 2-D path
// against the separable reference (odd sizes, up- and downsampling), GridSample and Col2Im.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "kernels/col2im.h"
#include "kernels/grid_sample.h"
#include "kernels/resize.h"

namespace onyx::kernels {
namespace {

ResizeAxis axis(ResizeMode mode, ResizeCoord coord, int64_t in, int64_t out) {
  ResizeAxisParams p;
  p.mode = mode;
  p.coord = coord;
  p.in = in;
  p.out = out;
  p.scale = static_cast<double>(out) / static_cast<double>(in);
  return make_resize_axis(p);
}

TEST(ResizeKernel, LinearHalfPixelUpsample2x) {
  const std::vector<float> x = {1, 2, 3, 4};
  const std::vector<ResizeAxis> axes = {axis(ResizeMode::kLinear, ResizeCoord::kHalfPixel, 2, 4),
                                        axis(ResizeMode::kLinear, ResizeCoord::kHalfPixel, 2, 4)};
  std::vector<float> y(16);
  resize_reference<float>(x.data(), y.data(), axes, 0.0);
  const std::vector<float> want = {1,   1.25, 1.75, 2,   1.5, 1.75, 2.25, 2.5,
                                   2.5, 2.75, 3.25, 3.5, 3,   3.25, 3.75, 4};
  for (size_t i = 0; i < want.size(); ++i) EXPECT_FLOAT_EQ(y[i], want[i]) << i;
}

TEST(ResizeKernel, NearestModesRoundAsSpecified) {
  // asymmetric, scale 3 / 2: output o reads input o * 2 / 3 = 0, 0.67, 1.33 (and 2 -> edge).
  ResizeAxisParams p;
  p.coord = ResizeCoord::kAsymmetric;
  p.in = 2;
  p.out = 3;
  p.scale = 1.5;
  p.nearest = ResizeNearest::kFloor;
  EXPECT_EQ(make_resize_axis(p).index, (std::vector<int64_t>{0, 0, 1}));
  p.nearest = ResizeNearest::kCeil;
  EXPECT_EQ(make_resize_axis(p).index, (std::vector<int64_t>{0, 1, 1}));  // 2 clamps to 1
  p.nearest = ResizeNearest::kRoundPreferFloor;
  EXPECT_EQ(make_resize_axis(p).index, (std::vector<int64_t>{0, 1, 1}));
}

TEST(ResizeKernel, TfCropAndResizeExtrapolates) {
  ResizeAxisParams p;
  p.mode = ResizeMode::kLinear;
  p.coord = ResizeCoord::kTfCropAndResize;
  p.in = 3;
  p.out = 3;
  p.roi_start = -0.5;  // samples -1, 0.25, 1.5 on a 3-element axis
  p.roi_end = 0.75;
  const ResizeAxis t = make_resize_axis(p);
  const std::vector<float> x = {10, 20, 30};
  std::vector<float> y(3);
  resize_reference<float>(x.data(), y.data(), std::span(&t, 1), -7.0);
  EXPECT_FLOAT_EQ(y[0], -7.f);
  EXPECT_FLOAT_EQ(y[1], 12.5f);
  EXPECT_FLOAT_EQ(y[2], 25.f);
}

TEST(ResizeKernel, IntegerOutputsRoundAndSaturate) {
  const std::vector<uint8_t> x = {0, 255};
  const ResizeAxis t = axis(ResizeMode::kCubic, ResizeCoord::kHalfPixel, 2, 5);
  std::vector<uint8_t> y(5);
  resize_reference<uint8_t>(x.data(), y.data(), std::span(&t, 1), 0.0);
  EXPECT_EQ(y.front(), 0);  // cubic overshoot below 0 saturates
  EXPECT_EQ(y.back(), 255);
  EXPECT_EQ(y[2], 128);  // the centre, 127.5, rounds half to even
}

// The fused 2-D float32 path matches the separable reference on odd sizes, both directions.
TEST(ResizeKernel, Fused2dMatchesReference) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> dist(-5, 5);
  struct Case {
    ResizeMode mode;
    ResizeCoord coord;
    int64_t ih, iw, oh, ow;
  };
  const Case cases[] = {
      {ResizeMode::kLinear, ResizeCoord::kHalfPixel, 7, 5, 13, 11},
      {ResizeMode::kLinear, ResizeCoord::kAlignCorners, 9, 17, 4, 3},
      {ResizeMode::kLinear, ResizeCoord::kPytorchHalfPixel, 3, 3, 1, 7},
      {ResizeMode::kNearest, ResizeCoord::kAsymmetric, 5, 6, 15, 17},
      {ResizeMode::kNearest, ResizeCoord::kHalfPixel, 11, 13, 3, 5},
      {ResizeMode::kLinear, ResizeCoord::kAsymmetric, 1, 1, 3, 2},
      {ResizeMode::kLinear, ResizeCoord::kHalfPixel, 6, 29, 9, 37},  // several vectors + tail
      {ResizeMode::kNearest, ResizeCoord::kAlignCorners, 4, 64, 8, 33},
  };
  for (const Case& c : cases) {
    const int64_t planes = 3;
    const std::vector<ResizeAxis> axes = {axis(ResizeMode::kNearest, c.coord, planes, planes),
                                          axis(c.mode, c.coord, c.ih, c.oh),
                                          axis(c.mode, c.coord, c.iw, c.ow)};
    ASSERT_TRUE(resize_2d_f32_applies(axes));
    std::vector<float> x(static_cast<size_t>(planes * c.ih * c.iw));
    for (float& v : x) v = dist(rng);
    std::vector<float> want(static_cast<size_t>(planes * c.oh * c.ow)), got(want.size());
    resize_reference<float>(x.data(), want.data(), axes, 0.0);
    resize_2d_f32(x.data(), got.data(), planes, axes[1], axes[2], nullptr);
    for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-5f) << i;
  }
}

TEST(ResizeKernel, Fused2dRefusesCubicAndExtrapolation) {
  const std::vector<ResizeAxis> cubic = {axis(ResizeMode::kCubic, ResizeCoord::kHalfPixel, 4, 8),
                                         axis(ResizeMode::kCubic, ResizeCoord::kHalfPixel, 4, 8)};
  EXPECT_FALSE(resize_2d_f32_applies(cubic));
  const std::vector<ResizeAxis> batch = {axis(ResizeMode::kLinear, ResizeCoord::kHalfPixel, 2, 4),
                                         axis(ResizeMode::kLinear, ResizeCoord::kHalfPixel, 4, 8),
                                         axis(ResizeMode::kLinear, ResizeCoord::kHalfPixel, 4, 8)};
  EXPECT_FALSE(resize_2d_f32_applies(batch));  // a leading axis that changes
}

TEST(ResizeKernel, GatherMatchesReferenceForNearest) {
  const std::vector<ResizeAxis> axes = {
      axis(ResizeMode::kNearest, ResizeCoord::kHalfPixel, 3, 5),
      axis(ResizeMode::kNearest, ResizeCoord::kAsymmetric, 4, 2),
      axis(ResizeMode::kNearest, ResizeCoord::kAlignCorners, 5, 9)};
  ASSERT_TRUE(resize_is_gather(axes));
  std::vector<float> x(60);
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(i) * 0.5f - 7;
  std::vector<float> want(90), got(90);
  resize_reference<float>(x.data(), want.data(), axes, 0.0);
  resize_gather<uint32_t>(reinterpret_cast<const uint32_t*>(x.data()),
                          reinterpret_cast<uint32_t*>(got.data()), axes);
  EXPECT_EQ(got, want);
  EXPECT_FALSE(resize_is_gather(
      std::vector<ResizeAxis>{axis(ResizeMode::kLinear, ResizeCoord::kHalfPixel, 3, 5)}));
}

TEST(GridSampleKernel, LinearPaddingModes) {
  const std::vector<float> x = {1, 2, 3, 4};  // [1, 1, 2, 2]
  const std::vector<int64_t> in = {2, 2};
  // (x, y) pairs: corners and centre, then one point right of the image.
  const std::vector<double> grid = {-1, -1, 1, 1, 0, 0, 1, -1, 2, 0};
  GridSampleShape s{1, 1, in, 5};
  std::vector<float> y(5);
  grid_sample<float>(x.data(), grid.data(), y.data(), s, GridSampleMode::kLinear,
                     GridSamplePadding::kZeros, true, nullptr);
  EXPECT_EQ(y, (std::vector<float>{1, 4, 2.5f, 2, 1.5f}));
  grid_sample<float>(x.data(), grid.data(), y.data(), s, GridSampleMode::kLinear,
                     GridSamplePadding::kBorder, true, nullptr);
  EXPECT_FLOAT_EQ(y[4], 3.f);
  grid_sample<float>(x.data(), grid.data(), y.data(), s, GridSampleMode::kNearest,
                     GridSamplePadding::kZeros, false, nullptr);
  EXPECT_EQ(y[0], 1.f);  // (-1, -1) -> (-0.5, -0.5) rounds to even 0
  EXPECT_EQ(y[1], 0.f);  // (1, 1) -> (1.5, 1.5) rounds to 2: outside
}

TEST(Col2ImKernel, SumsOverlappingBlocks1d) {
  // image 3, block 2, stride 1: columns [k][l] land at l + k.
  const std::vector<float> x = {1, 2, 10, 20};
  const std::vector<int64_t> image = {3}, block = {2}, one = {1}, zero = {0}, count = {2};
  std::vector<float> y(3, -1);
  col2im<float>(x.data(), y.data(), 1, Col2ImGeometry{image, block, one, one, zero, count},
                nullptr);
  EXPECT_EQ(y, (std::vector<float>{1, 12, 20}));
}

TEST(Col2ImKernel, PadsAndDilationDropOutsideElements) {
  // image 2, block 2, dilation 2, pad_begin 1, stride 1: l + 2k - 1 for l in {0, 1}.
  const std::vector<int64_t> image = {2}, block = {2}, dil = {2}, stride = {1}, pad = {1},
                             count = {2};
  const std::vector<int64_t> x = {1, 2, 10, 20};
  std::vector<int64_t> y(2);
  col2im<int64_t>(x.data(), y.data(), 1, Col2ImGeometry{image, block, dil, stride, pad, count},
                  nullptr);
  // k=0: l=0 -> -1 (dropped), l=1 -> 0; k=1: l=0 -> 1, l=1 -> 2 (dropped).
  EXPECT_EQ(y, (std::vector<int64_t>{2, 10}));
}

}  // namespace
}  // namespace onyx::kernels
