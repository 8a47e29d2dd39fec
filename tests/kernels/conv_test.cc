// Convolution: ConvPlan (every algorithm, packed and unpacked weights, 1-2 threads) vs the direct
// reference, which is itself checked on a hand-computed case.
#include "kernels/conv.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "base/cpu.h"

namespace onyx::kernels {
namespace {

struct Spec {
  int64_t batch, cin, cout, groups;
  std::vector<int64_t> in, kernel, stride, dilation, pad_begin, pad_end;
};

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
    const int64_t span = (sp.kernel[d] - 1) * sp.dilation[d] + 1;
    s.out[d] = (sp.in[d] + sp.pad_begin[d] + sp.pad_end[d] - span) / sp.stride[d] + 1;
  }
  return s;
}

std::vector<float> random_vector(int64_t n, std::mt19937& rng) {
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> v(static_cast<size_t>(n));
  for (float& x : v) x = dist(rng);
  return v;
}

// tol: absolute; outputs here are sums of K products of U(-1, 1) values (magnitude ~sqrt(K)/3).
void check(const Spec& sp, ConvPlan::Algorithm expect_algo, const ConvActivation& act = {},
           float tol = 1e-4f) {
  std::mt19937 rng(11);
  const ConvShape s = make_shape(sp);
  int64_t in_plane = 1, out_plane = 1, ksize = 1;
  for (int d = 0; d < s.spatial_rank; ++d) {
    in_plane *= s.in[d];
    out_plane *= s.out[d];
    ksize *= s.kernel[d];
  }
  auto x = random_vector(s.batch * s.in_channels * in_plane, rng);
  auto w = random_vector(s.out_channels * (s.in_channels / s.groups) * ksize, rng);
  auto bias = random_vector(s.out_channels, rng);
  std::vector<float> expect(static_cast<size_t>(s.batch * s.out_channels * out_plane));
  conv_reference(s, x.data(), w.data(), bias.data(), expect.data(), act);
  ThreadPool pool2(2);
  for (int threads : {1, 2})
    for (bool prepack : {false, true}) {
      ConvPlan plan = ConvPlan::create(s, threads);
      EXPECT_EQ(plan.algorithm(), expect_algo);
      if (prepack) plan.pack_weights(w.data());
      std::vector<float> scratch(plan.scratch_bytes() / sizeof(float) + 16);
      std::vector<float> got(expect.size(), 123.0f);
      plan.run(x.data(), w.data(), bias.data(), got.data(), act, threads == 2 ? &pool2 : nullptr,
               scratch.data());
      for (size_t i = 0; i < got.size(); ++i)
        ASSERT_NEAR(got[i], expect[i], tol) << plan.algorithm_name() << " threads=" << threads
                                            << " prepack=" << prepack << " at " << i;
    }
}

using A = ConvPlan::Algorithm;

TEST(Conv, ReferenceHandComputed) {
  // 1x1x3x3 input, 2x2 kernel of ones, pad 1 at the start only, stride 2: windows sum 1, 2+3, 4+7,
  ConvShape s = make_shape(Spec{1, 1, 1, 1, {3, 3}, {2, 2}, {2, 2}, {1, 1}, {1, 1}, {0, 0}});
  std::vector<float> x = {1, 2, 3, 4, 5, 6, 7, 8, 9}, w = {1, 1, 1, 1}, y(4);
  conv_reference(s, x.data(), w.data(), nullptr, y.data(), {});
  EXPECT_EQ(y, (std::vector<float>{1, 5, 11, 28}));
}

TEST(Conv, Im2col2d) {
  check({2, 3, 5, 1, {9, 11}, {3, 3}, {1, 1}, {1, 1}, {1, 1}, {1, 1}}, A::kIm2col);
  check({1, 4, 6, 2, {10, 7}, {3, 2}, {2, 1}, {1, 2}, {1, 0}, {2, 1}}, A::kIm2col);
  check({1, 2, 3, 1, {13, 12}, {5, 5}, {3, 2}, {2, 1}, {4, 2}, {3, 2}}, A::kIm2col);
  check({1, 3, 70, 1, {20, 21}, {3, 3}, {1, 1}, {1, 1}, {1, 1}, {1, 1}}, A::kIm2col,
        {Activation::kRelu, 0, 0});
  // 3x3 stride 1 with enough channels runs Winograd on SIMD targets (see winograd_test.cc); its
  // error is ~1.5e-5 of the output scale (~8 here, K = 576).
  check({1, 64, 64, 1, {24, 24}, {3, 3}, {1, 1}, {1, 1}, {1, 1}, {1, 1}},
        force_scalar_kernels() ? A::kIm2col : A::kWinograd, {Activation::kClip, -0.5f, 0.5f},
        4e-4f);
  check({1, 1, 64, 1, {30, 30}, {5, 5}, {1, 1}, {1, 1}, {2, 2}, {2, 2}}, A::kIm2col);
}

TEST(Conv, Im2col1dAnd3d) {
  check({2, 3, 4, 1, {17}, {3}, {2}, {2}, {1}, {2}}, A::kIm2col);
  check({1, 2, 3, 1, {5, 6, 7}, {2, 3, 2}, {1, 2, 1}, {2, 1, 1}, {1, 1, 0}, {0, 1, 1}}, A::kIm2col);
}

TEST(Conv, Pointwise) {
  check({2, 8, 12, 1, {7, 9}, {1, 1}, {1, 1}, {1, 1}, {0, 0}, {0, 0}}, A::kPointwise);
  check({1, 6, 4, 2, {5, 5}, {1, 1}, {1, 1}, {1, 1}, {0, 0}, {0, 0}}, A::kPointwise,
        {Activation::kRelu, 0, 0});
  // Strided 1x1: x subsampled into the B panels (2-D, 1-D, 3-D, odd sizes, batch 2).
  check({1, 8, 16, 1, {9, 9}, {1, 1}, {2, 2}, {1, 1}, {0, 0}, {0, 0}}, A::kPointwise);
  check({2, 7, 13, 1, {15, 22}, {1, 1}, {2, 3}, {1, 1}, {0, 0}, {0, 0}}, A::kPointwise,
        {Activation::kClip, -0.3f, 0.4f});
  check({2, 5, 3, 1, {17}, {1}, {2}, {1}, {0}, {0}}, A::kPointwise);
  check({1, 4, 6, 2, {5, 6, 7}, {1, 1, 1}, {2, 1, 3}, {1, 1, 1}, {0, 0, 0}, {0, 0, 0}},
        A::kPointwise);
  // Many output channels over few pixels: the plan splits output channels across threads.
  check({1, 40, 150, 1, {3, 3}, {1, 1}, {1, 1}, {1, 1}, {0, 0}, {0, 0}}, A::kPointwise);
  // Negative end pad (output smaller than the input): not contiguous, still pointwise.
  check({1, 6, 5, 1, {7, 8}, {1, 1}, {1, 1}, {1, 1}, {0, 0}, {-2, -1}}, A::kPointwise);
  // Pads around a 1x1 kernel read zeros: im2col.
  check({1, 8, 16, 1, {9, 9}, {1, 1}, {2, 2}, {1, 1}, {1, 1}, {1, 1}}, A::kIm2col);
  check({1, 8, 4, 1, {6, 6}, {1, 1}, {1, 1}, {1, 1}, {0, 0}, {2, 1}}, A::kIm2col);
}

TEST(Conv, SmallSpatialManyChannels) {
  // 7x7 outputs with wide channels (resnet50 layer4-like, shrunk): output-channel chunks feed
  // both threads; 3x3 stride 2 and stride 1 through im2col.
  check({1, 32, 100, 1, {14, 14}, {3, 3}, {2, 2}, {1, 1}, {1, 1}, {1, 1}}, A::kIm2col,
        {Activation::kRelu, 0, 0});
  check({2, 3, 70, 1, {7, 7}, {3, 3}, {1, 1}, {1, 1}, {1, 1}, {1, 1}}, A::kIm2col);
  // One pixel chunk of 11 panels (169 pixels, the last panel partial): at 2 threads the B block
  // is packed by both threads together (split by panels), then output-channel chunks in parallel.
  check({1, 24, 61, 1, {13, 13}, {1, 1}, {1, 1}, {1, 1}, {0, 0}, {0, 0}}, A::kPointwise,
        {Activation::kRelu, 0, 0});
  check({1, 5, 50, 1, {26, 25}, {3, 3}, {2, 2}, {1, 1}, {1, 0}, {1, 2}}, A::kIm2col);
}

TEST(Conv, BatchZeroWritesNothing) {
  const ConvShape s = make_shape({0, 4, 6, 1, {5, 5}, {3, 3}, {1, 1}, {1, 1}, {1, 1}, {1, 1}});
  ThreadPool pool2(2);
  for (A a : {A::kIm2col, A::kPointwise, A::kWinograd}) {
    ConvShape shape = s;
    if (a == A::kPointwise)
      shape = make_shape({0, 4, 6, 1, {5, 5}, {1, 1}, {1, 1}, {1, 1}, {0, 0}, {0, 0}});
    if (!ConvPlan::applicable(shape, a)) continue;
    ConvPlan plan = ConvPlan::create_forced(shape, 2, a);
    std::vector<float> scratch(plan.scratch_bytes() / sizeof(float) + 16);
    std::vector<float> w(static_cast<size_t>(6 * 4 * 9), 1.0f);
    float y = 7.0f;
    plan.run(nullptr, w.data(), nullptr, &y, {}, &pool2, scratch.data());
    EXPECT_EQ(y, 7.0f) << plan.algorithm_name();
  }
}

TEST(Conv, Depthwise) {
  check({2, 5, 5, 5, {9, 8}, {3, 3}, {1, 1}, {1, 1}, {1, 1}, {1, 1}}, A::kDepthwise);
  check({1, 4, 4, 4, {11, 10}, {3, 5}, {2, 3}, {2, 1}, {2, 0}, {1, 3}}, A::kDepthwise,
        {Activation::kRelu, 0, 0});
  // Channel multiplier 2 is grouped im2col.
  check({1, 3, 6, 3, {8, 8}, {3, 3}, {1, 1}, {1, 1}, {1, 1}, {1, 1}}, A::kIm2col);
}

}  // namespace
}  // namespace onyx::kernels
