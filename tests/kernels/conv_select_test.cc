// Convolution algorithm choice (kernels/conv_select.h): pinned for representative bench-model
// shapes, so that a cost-model change that moves one is seen.
#include "kernels/conv_select.h"

#include <gtest/gtest.h>

#include "base/cpu.h"

namespace onyx::kernels {
namespace {

using A = ConvPlan::Algorithm;

// 2-D, batch 1, square input `hw`, square kernel k, stride, symmetric pad.
ConvShape square(int64_t cin, int64_t cout, int64_t hw, int64_t k, int64_t stride, int64_t pad) {
  ConvShape s;
  s.in_channels = cin;
  s.out_channels = cout;
  for (int d = 0; d < 2; ++d) {
    s.in[d] = hw;
    s.kernel[d] = k;
    s.stride[d] = stride;
    s.dilation[d] = 1;
    s.pad_begin[d] = pad;
    s.out[d] = (hw + 2 * pad - k) / stride + 1;
  }
  return s;
}

// Winograd where SIMD kernels run; the scalar reference mode never picks it.
A winograd_or_im2col() {
  return force_scalar_kernels() ? A::kIm2col : A::kWinograd;
}

TEST(ConvSelect, PinnedBenchModelShapes) {
  for (int threads : {1, 2}) {
    // resnet50
    EXPECT_EQ(ConvPlan::create(square(3, 64, 224, 7, 2, 3), threads).algorithm(), A::kIm2col);
    EXPECT_EQ(ConvPlan::create(square(64, 64, 56, 3, 1, 1), threads).algorithm(),
              winograd_or_im2col());
    EXPECT_EQ(ConvPlan::create(square(256, 256, 14, 3, 1, 1), threads).algorithm(),
              winograd_or_im2col());
    // layer4 3x3 at 7x7: 4 tiles and 38 MB of transformed weights; im2col is faster.
    EXPECT_EQ(ConvPlan::create(square(512, 512, 7, 3, 1, 1), threads).algorithm(), A::kIm2col);
    EXPECT_EQ(ConvPlan::create(square(256, 256, 28, 3, 2, 1), threads).algorithm(), A::kIm2col);
    EXPECT_EQ(ConvPlan::create(square(256, 64, 56, 1, 1, 0), threads).algorithm(), A::kPointwise);
    EXPECT_EQ(ConvPlan::create(square(1024, 2048, 14, 1, 2, 0), threads).algorithm(),
              A::kPointwise);
    // squeezenet1_1: 3x3 expand convs at 13x13 still pay for Winograd.
    EXPECT_EQ(ConvPlan::create(square(64, 256, 13, 3, 1, 1), threads).algorithm(),
              winograd_or_im2col());
    EXPECT_EQ(ConvPlan::create(square(3, 64, 224, 3, 2, 0), threads).algorithm(), A::kIm2col);
    // superres
    EXPECT_EQ(ConvPlan::create(square(64, 64, 224, 3, 1, 1), threads).algorithm(),
              winograd_or_im2col());
    EXPECT_EQ(ConvPlan::create(square(1, 64, 224, 5, 1, 2), threads).algorithm(), A::kIm2col);
  }
}

TEST(ConvSelect, CostModelOrdersSpatialSizes) {
  // Fewer tiles per image: Winograd's padded GEMM columns and weight streaming weigh more.
  const ConvShape big = square(128, 128, 56, 3, 1, 1), small = square(128, 128, 7, 3, 1, 1);
  EXPECT_LT(conv_winograd_cost(big) / conv_im2col_cost(big),
            conv_winograd_cost(small) / conv_im2col_cost(small));
  EXPECT_LT(conv_winograd_cost(big), conv_im2col_cost(big));
}

TEST(ConvSelect, ForcingAnInapplicableAlgorithmGivesIm2col) {
  const ConvShape strided = square(16, 16, 9, 3, 2, 1);
  EXPECT_EQ(ConvPlan::create_forced(strided, 1, A::kWinograd).algorithm(), A::kIm2col);
  EXPECT_EQ(ConvPlan::create_forced(strided, 1, A::kPointwise).algorithm(), A::kIm2col);
  EXPECT_EQ(ConvPlan::create_forced(strided, 1, A::kDepthwise).algorithm(), A::kIm2col);
}

TEST(ConvSelect, AllowWinogradFalseKeepsIm2col) {
  EXPECT_EQ(ConvPlan::create(square(64, 64, 56, 3, 1, 1), 1, false).algorithm(), A::kIm2col);
}

TEST(ConvSelect, OutputChannelsSplitForSmallOutputs) {
  // 7x7 output, 2048 output channels: one pixel chunk, so the output channels are cut into
  // >= 8 chunks for 2 threads and left whole for 1.
  const ConvShape s = square(512, 2048, 7, 1, 1, 0);
  const ConvPlan one = ConvPlan::create(s, 1), two = ConvPlan::create(s, 2);
  EXPECT_EQ(one.tiling().n_chunks, 1);
  EXPECT_EQ(one.tiling().m_chunks, 1);
  EXPECT_GE(two.tiling().m_chunks, 8);
  EXPECT_EQ(two.tiling().m_chunk % gemm_tile().mr, 0);
  EXPECT_GE(two.tiling().m_chunk * two.tiling().m_chunks, 2048);
}

}  // namespace
}  // namespace onyx::kernels
