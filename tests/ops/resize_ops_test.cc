// Resize, Upsample, GridSample, AffineGrid, CenterCropPad and Col2Im through every OpTest path
// (eager with run-time and constant scales/sizes, folded, session).
#include <gtest/gtest.h>

#include <string>

#include "common/model_builder.h"
#include "common/op_test_builder.h"
#include "onyx/session.hpp"

namespace onyx {
namespace {

using testing::OpTest;

const std::vector<float> k2x2 = {1, 2, 3, 4};
// k2x2 upsampled 2x by nearest (every mode that picks o / 2).
const std::vector<float> k2x2Nearest4x4 = {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4};

TEST(ResizeOp, LinearHalfPixelScales) {
  const std::vector<float> want = {1,   1.25, 1.75, 2,   1.5, 1.75, 2.25, 2.5,
                                   2.5, 2.75, 3.25, 3.5, 3,   3.25, 3.75, 4};
  for (bool constant_scales : {false, true}) {
    OpTest t("Resize", 13);
    t.attr("mode", "linear").input<float>({1, 1, 2, 2}, k2x2).absent();
    if (constant_scales)
      t.constant<float>({4}, {1, 1, 2, 2});
    else
      t.input<float>({4}, {1, 1, 2, 2});
    t.output<float>({1, 1, 4, 4}, want).run();
  }
}

TEST(ResizeOp, SizesWithAxesAndKeepAspectRatio) {
  // sizes [4, 6] -> scales 2 and 3; not_larger keeps 2 on both axes.
  OpTest("Resize", 19)
      .attr("axes", std::vector<int64_t>{2, 3})
      .attr("keep_aspect_ratio_policy", "not_larger")
      .input<float>({1, 1, 2, 2}, k2x2)
      .absent()
      .absent()
      .constant<int64_t>({2}, {4, 6})
      .output<float>({1, 1, 4, 4}, k2x2Nearest4x4)
      .run();
  // not_smaller keeps 3: 6 x 6.
  OpTest("Resize", 19)
      .attr("axes", std::vector<int64_t>{2, 3})
      .attr("keep_aspect_ratio_policy", "not_smaller")
      .attr("coordinate_transformation_mode", "asymmetric")
      .attr("nearest_mode", "floor")
      .input<float>({1, 1, 1, 2}, {5, 7})
      .absent()
      .absent()
      .constant<int64_t>({2}, {2, 2})
      .output<float>({1, 1, 2, 4}, {5, 5, 7, 7, 5, 5, 7, 7})
      .run();
}

// Cubic overshoot at both ends saturates; interior values round to nearest.
TEST(ResizeOp, Uint8Cubic) {
  OpTest("Resize", 13)
      .attr("mode", "cubic")
      .input<uint8_t>({1, 2}, {0, 255})
      .absent()
      .constant<float>({2}, {1, 2.5f})
      .output<uint8_t>({1, 5}, {0, 21, 128, 234, 255})
      .run();
}

// Nearest resampling copies elements of any type exactly; interpolation needs a computed type.
TEST(ResizeOp, NearestCopiesAnyElementType) {
  OpTest("Resize", 13)
      .input<int64_t>({1, 2}, {int64_t{1} << 60, -3})
      .absent()
      .constant<float>({2}, {1, 2})
      .output<int64_t>({1, 4}, {int64_t{1} << 60, int64_t{1} << 60, -3, -3})
      .run();
  OpTest("Resize", 13)
      .input<std::string>({2}, {"a", "b"})
      .absent()
      .constant<float>({1}, {1.5f})
      .output<std::string>({3}, {"a", "a", "b"})
      .run();
  OpTest("Resize", 13)
      .attr("mode", "linear")
      .input<int32_t>({2}, {1, 2})
      .absent()
      .constant<float>({1}, {2})
      .expect_error(StatusCode::kNotImplemented, "only in nearest mode");
}

TEST(ResizeOp, Resize10NearestAsymmetric) {
  OpTest("Resize", 10)
      .input<float>({1, 1, 2, 2}, k2x2)
      .constant<float>({4}, {1, 1, 2, 2})
      .output<float>({1, 1, 4, 4}, k2x2Nearest4x4)
      .run();
}

TEST(ResizeOp, InvalidScalesAndSizesAreErrors) {
  OpTest("Resize", 13)
      .input<float>({1, 2}, {1, 2})
      .absent()
      .constant<float>({2}, {1, 2})
      .constant<int64_t>({2}, {1, 4})
      .expect_error(StatusCode::kInvalidGraph, "only one of scales and sizes");
  OpTest("Resize", 13)
      .input<float>({1, 2}, {1, 2})
      .absent()
      .constant<float>({3}, {1, 2, 2})
      .expect_error(StatusCode::kInvalidGraph, "scales has 3 entries, expected 2");
  OpTest("Resize", 13)
      .attr("mode", "bicubic")
      .input<float>({1, 2}, {1, 2})
      .absent()
      .constant<float>({2}, {1, 2})
      .expect_error(StatusCode::kInvalidGraph, "mode");
}

TEST(UpsampleOp, ScalesAttributeAndInput) {
  OpTest("Upsample", 7)
      .attr("scales", std::vector<float>{1, 1, 2, 2})
      .input<float>({1, 1, 2, 2}, k2x2)
      .output<float>({1, 1, 4, 4}, k2x2Nearest4x4)
      .run();
  OpTest("Upsample", 9)
      .attr("mode", "linear")
      .input<float>({1, 3}, {0, 3, 6})
      .input<float>({2}, {1, 2})
      .output<float>({1, 6}, {0, 1.5f, 3, 4.5f, 6, 6})
      .run();
}

TEST(GridSampleOp, BilinearAlignCorners) {
  OpTest("GridSample", 16)
      .attr("align_corners", int64_t{1})
      .input<float>({1, 1, 2, 2}, k2x2)
      .input<float>({1, 1, 3, 2}, {-1, -1, 1, 1, 0, 0})
      .output<float>({1, 1, 1, 3}, {1, 4, 2.5f})
      .run();
}

TEST(GridSampleOp, VolumetricNeedsOpset20) {
  OpTest("GridSample", 16)
      .input<float>({1, 1, 1, 1, 1}, {1})
      .input<float>({1, 1, 1, 1, 3}, {0, 0, 0})
      .expect_error(StatusCode::kInvalidGraph, "4-D");
  OpTest("GridSample", 20)
      .attr("mode", "nearest")
      .input<float>({1, 1, 1, 1, 2}, {5, 6})
      .input<float>({1, 1, 1, 1, 3}, {0.9f, 0, 0})
      .output<float>({1, 1, 1, 1, 1}, {6})
      .run();
}

TEST(AffineGridOp, Identity2d) {
  OpTest("AffineGrid", 20)
      .input<float>({1, 2, 3}, {1, 0, 0, 0, 1, 0})
      .constant<int64_t>({4}, {1, 1, 2, 2})
      .output<float>({1, 2, 2, 2}, {-0.5f, -0.5f, 0.5f, -0.5f, -0.5f, 0.5f, 0.5f, 0.5f})
      .run();
  OpTest("AffineGrid", 20)
      .attr("align_corners", int64_t{1})
      .input<float>({1, 2, 3}, {2, 0, 1, 0, 1, 0})
      .constant<int64_t>({4}, {1, 1, 1, 2})
      .output<float>({1, 1, 2, 2}, {-1, -1, 3, -1})
      .run();
}

TEST(AffineGridOp, ThetaMustMatchSize) {
  OpTest("AffineGrid", 20)
      .input<float>({1, 2, 3}, {1, 0, 0, 0, 1, 0})
      .constant<int64_t>({5}, {1, 1, 2, 2, 2})
      .expect_error(StatusCode::kInvalidGraph, "does not match size");
}

TEST(CenterCropPadOp, CropsAndPadsCentrally) {
  OpTest("CenterCropPad", 18)
      .input<float>({2, 3}, {1, 2, 3, 4, 5, 6})
      .constant<int64_t>({2}, {4, 1})
      .output<float>({4, 1}, {0, 2, 5, 0})
      .run();
  OpTest("CenterCropPad", 18)
      .attr("axes", std::vector<int64_t>{-1})
      .input<int32_t>({2, 3}, {1, 2, 3, 4, 5, 6})
      .input<int64_t>({1}, {5})
      .output<int32_t>({2, 5}, {0, 1, 2, 3, 0, 0, 4, 5, 6, 0})
      .run();
}

TEST(Col2ImOp, SumsOverlappingBlocks) {
  OpTest("Col2Im", 18)
      .input<float>({1, 2, 2}, {1, 2, 10, 20})
      .constant<int64_t>({1}, {3})
      .constant<int64_t>({1}, {2})
      .output<float>({1, 1, 3}, {1, 12, 20})
      .run();
  // 2-D, stride 2, no overlap: a 2x2 block at 4 positions tiles a 4x4 image.
  std::vector<float> cols(16);
  for (int k = 0; k < 4; ++k)
    for (int l = 0; l < 4; ++l) cols[k * 4 + l] = static_cast<float>(10 * k + l);
  std::vector<float> image(16);
  for (int k = 0; k < 4; ++k)
    for (int l = 0; l < 4; ++l)
      image[((l / 2) * 2 + k / 2) * 4 + (l % 2) * 2 + k % 2] = static_cast<float>(10 * k + l);
  OpTest("Col2Im", 18)
      .attr("strides", std::vector<int64_t>{2, 2})
      .input<float>({1, 4, 4}, cols)
      .constant<int64_t>({2}, {4, 4})
      .constant<int64_t>({2}, {2, 2})
      .output<float>({1, 1, 4, 4}, image)
      .run();
}

TEST(Col2ImOp, BlockCountMustMatch) {
  OpTest("Col2Im", 18)
      .input<float>({1, 2, 3}, {1, 2, 3, 4, 5, 6})
      .constant<int64_t>({1}, {3})
      .constant<int64_t>({1}, {2})
      .expect_error(StatusCode::kInvalidGraph, "blocks");
}

// Tables planned for one input shape are not reused for another (one plan per signature).
TEST(ResizeOp, SessionRunsSeveralInputShapes) {
  testing::ModelBuilder b(13);
  b.input("x", DType::kFloat32, {1, -1}, {"", "w"});
  b.initializer("scales", Tensor::from_vector<float>({2}, {1, 2}));
  b.node("Resize", {"x", "", "scales"}, {"y"});
  b.output("y", DType::kFloat32);
  Result<Session> s = b.session();
  ASSERT_TRUE(s.is_ok()) << s.status().to_string();
  for (int64_t w : {1, 2, 3}) {
    std::vector<float> x(static_cast<size_t>(w));
    for (int64_t i = 0; i < w; ++i) x[static_cast<size_t>(i)] = static_cast<float>(i + 1);
    auto out = s->run({{"x", Tensor::from_vector<float>({1, w}, x)}});
    ASSERT_TRUE(out.is_ok()) << out.status().to_string();
    const Tensor& y = (*out)[0];
    ASSERT_EQ(y.shape(), (Shape{1, 2 * w}));
    for (int64_t i = 0; i < 2 * w; ++i)
      EXPECT_EQ(y.data<float>()[i], x[static_cast<size_t>(i / 2)]);
  }
}

}  // namespace
}  // namespace onyx
