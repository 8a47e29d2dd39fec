// Transposed convolution: the GEMM + col2im path vs the direct reference (1-3-D, groups, strides,
// dilations, positive and negative begin pads, odd sizes, 1-2 threads), the reference on a
// hand-computed case; the causal depthwise and deformable kernels on hand-computed cases.
#include "kernels/conv_transpose.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "kernels/conv_causal.h"
#include "kernels/deform_conv.h"

namespace onyx::kernels {
namespace {

struct Spec {
  int64_t batch, cin, cout, groups;
  std::vector<int64_t> in, kernel, stride, dilation, pad_begin, extra_out;
};

// Output size: the full result minus pad_begin plus extra_out (may be negative: cropped end).
ConvShape make_shape(const Spec& sp) {
  ConvShape s;
  s.batch = sp.batch;
  s.in_channels = sp.cin;
  s.out_channels = sp.cout;
  s.groups = sp.groups;
  s.spatial_rank = static_cast<int>(sp.in.size());
  for (int d = 0; d < s.spatial_rank; ++d) {
    s.in[d] = sp.in[d];
    s.kernel[d] = sp.kernel[d];
    s.stride[d] = sp.stride[d];
    s.dilation[d] = sp.dilation[d];
    s.pad_begin[d] = sp.pad_begin[d];
    const int64_t full = (sp.in[d] - 1) * sp.stride[d] + (sp.kernel[d] - 1) * sp.dilation[d] + 1;
    s.out[d] = full - sp.pad_begin[d] + sp.extra_out[d];
  }
  return s;
}

std::vector<float> random_vector(int64_t n, std::mt19937& rng) {
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> v(static_cast<size_t>(n));
  for (float& x : v) x = dist(rng);
  return v;
}

void check(const Spec& sp, bool with_bias = true) {
  std::mt19937 rng(7);
  const ConvShape s = make_shape(sp);
  int64_t in_plane = 1, out_plane = 1, ksize = 1;
  for (int d = 0; d < s.spatial_rank; ++d) {
    in_plane *= s.in[d];
    out_plane *= s.out[d];
    ksize *= s.kernel[d];
  }
  auto x = random_vector(s.batch * s.in_channels * in_plane, rng);
  auto w = random_vector(s.in_channels * (s.out_channels / s.groups) * ksize, rng);
  auto bias = random_vector(s.out_channels, rng);
  const float* b = with_bias ? bias.data() : nullptr;
  std::vector<float> expect(static_cast<size_t>(s.batch * s.out_channels * out_plane), 99.0f);
  conv_transpose_reference(s, x.data(), w.data(), b, expect.data());
  ThreadPool pool2(2);
  for (int threads : {1, 2}) {
    std::vector<float> scratch(conv_transpose_scratch_bytes(s) / sizeof(float) + 16);
    std::vector<float> got(expect.size(), -99.0f);
    conv_transpose(s, x.data(), w.data(), b, got.data(), threads == 2 ? &pool2 : nullptr,
                   scratch.data());
    for (size_t i = 0; i < got.size(); ++i)
      ASSERT_NEAR(got[i], expect[i], 1e-4f) << "threads=" << threads << " at " << i;
  }
}

TEST(ConvTranspose, ReferenceHandComputed) {
  // x = [1, 2] (1-D), w = [1, 10, 100], stride 2: y = [1, 10, 100+2, 20, 200] + bias 0.5, with
  // pad_begin 1 and one extra position cut: [10, 102, 20, 200] + 0.5.
  ConvShape s = make_shape(Spec{1, 1, 1, 1, {2}, {3}, {2}, {1}, {1}, {0}});
  ASSERT_EQ(s.out[0], 4);
  std::vector<float> x = {1, 2}, w = {1, 10, 100}, bias = {0.5f}, y(4);
  conv_transpose_reference(s, x.data(), w.data(), bias.data(), y.data());
  EXPECT_EQ(y, (std::vector<float>{10.5f, 102.5f, 20.5f, 200.5f}));
}

TEST(ConvTranspose, NegativePadExtendsWithBias) {
  // pad_begin -1: one bias-only position in front; extra_out 2: two at the end.
  ConvShape s = make_shape(Spec{1, 1, 1, 1, {2}, {2}, {1}, {1}, {-1}, {2}});
  ASSERT_EQ(s.out[0], 6);
  std::vector<float> x = {1, 2}, w = {1, 3}, bias = {1}, y(6);
  conv_transpose_reference(s, x.data(), w.data(), bias.data(), y.data());
  EXPECT_EQ(y, (std::vector<float>{1, 2, 6, 7, 1, 1}));
  std::vector<float> scratch(conv_transpose_scratch_bytes(s) / sizeof(float) + 16), got(6);
  conv_transpose(s, x.data(), w.data(), bias.data(), got.data(), nullptr, scratch.data());
  EXPECT_EQ(got, y);
}

TEST(ConvTranspose, FastMatchesReference2d) {
  check({1, 1, 2, 1, {3, 3}, {3, 3}, {1, 1}, {1, 1}, {0, 0}, {0, 0}});
  check({2, 3, 4, 1, {5, 7}, {3, 2}, {2, 3}, {1, 1}, {1, 0}, {1, 2}});
  check({1, 4, 6, 2, {6, 5}, {3, 3}, {2, 2}, {2, 1}, {2, 1}, {-1, 0}}, false);
  check({3, 6, 3, 3, {4, 9}, {5, 1}, {3, 1}, {1, 1}, {0, 0}, {0, 0}});
  check({1, 2, 2, 1, {2, 2}, {3, 3}, {3, 2}, {1, 1}, {-1, 0}, {1, 1}});
}

TEST(ConvTranspose, FastMatchesReference1dAnd3d) {
  check({2, 3, 5, 1, {17}, {3}, {2}, {2}, {1}, {1}});
  check({1, 4, 4, 4, {9}, {4}, {3}, {1}, {0}, {0}}, false);
  check({1, 2, 3, 1, {3, 4, 5}, {3, 2, 2}, {1, 2, 3}, {1, 2, 1}, {1, 0, 1}, {0, 1, 0}});
}

TEST(CausalConvWithState, HandComputed) {
  // One row, K = 3, past = [1, 2], x = [3, 4]: padded [1, 2, 3, 4], w = [1, 10, 100]:
  // y = [1 + 20 + 300, 2 + 30 + 400] + bias 1; present = [3, 4].
  CausalConvShape s{1, 1, 2, 3};
  std::vector<float> x = {3, 4}, w = {1, 10, 100}, past = {1, 2}, bias = {1}, y(2), present(2);
  causal_conv_with_state(s, x.data(), w.data(), bias.data(), past.data(), false, y.data(),
                         present.data(), nullptr);
  EXPECT_EQ(y, (std::vector<float>{322, 433}));
  EXPECT_EQ(present, (std::vector<float>{3, 4}));
  // No past (zeros), SiLU, input shorter than the state: present = [0, 3]... with L = 1.
  CausalConvShape s1{1, 1, 1, 3};
  std::vector<float> y1(1), present1(2);
  causal_conv_with_state(s1, x.data(), w.data(), nullptr, nullptr, true, y1.data(), present1.data(),
                         nullptr);
  EXPECT_NEAR(y1[0], 300.0f, 1e-3f);  // silu(300) = 300
  EXPECT_EQ(present1, (std::vector<float>{0, 3}));
}

TEST(DeformConv, HalfPixelOffsetInterpolatesWithMaskAndBias) {
  // 1x1x2x2 input, 1x1 kernel, offsets (0, 0.5): samples halfway between columns; the right
  // column's right neighbour is outside (reads 0). mask 2 doubles it; bias 1.
  DeformConvShape s;
  s.in_channels = s.out_channels = 1;
  s.in_h = s.in_w = s.out_h = s.out_w = 2;
  std::vector<float> x = {1, 3, 5, 7}, w = {1}, bias = {1}, mask(4, 2.0f), y(4);
  std::vector<float> offset(8, 0.0f);
  for (int p = 0; p < 4; ++p) offset[4 + p] = 0.5f;  // w-offsets
  std::vector<float> scratch(deform_conv_scratch_bytes(s) / sizeof(float) + 16);
  deform_conv(s, x.data(), w.data(), offset.data(), mask.data(), bias.data(), y.data(), nullptr,
              scratch.data());
  EXPECT_EQ(y, (std::vector<float>{1 + 2 * 2.0f, 1 + 2 * 1.5f, 1 + 2 * 6.0f, 1 + 2 * 3.5f}));
}

}  // namespace
}  // namespace onyx::kernels
