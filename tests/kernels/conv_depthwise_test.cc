// Depthwise convolution: the SIMD path vs the scalar reference over strides, dilations,
// asymmetric pads, odd widths, kernels 1..7, activations, NaN inputs and 1-2 threads; the
// reference itself is checked against conv_reference (the generic direct convolution).
#include "kernels/conv_depthwise.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace onyx::kernels {
namespace {

struct Case {
  int64_t batch, channels, ih, iw, kh, kw, sh, sw, dh, dw, pt, pl, pb, pr;
};

ConvShape make_shape(const Case& c) {
  ConvShape s;
  s.batch = c.batch;
  s.in_channels = s.out_channels = s.groups = c.channels;
  s.spatial_rank = 2;
  const int64_t in[2] = {c.ih, c.iw}, k[2] = {c.kh, c.kw}, st[2] = {c.sh, c.sw},
                dl[2] = {c.dh, c.dw}, pb[2] = {c.pt, c.pl}, pe[2] = {c.pb, c.pr};
  for (int d = 0; d < 2; ++d) {
    s.in[d] = in[d];
    s.kernel[d] = k[d];
    s.stride[d] = st[d];
    s.dilation[d] = dl[d];
    s.pad_begin[d] = pb[d];
    s.out[d] = (in[d] + pb[d] + pe[d] - dl[d] * (k[d] - 1) - 1) / st[d] + 1;
  }
  return s;
}

struct Data {
  std::vector<float> x, w, b;
};

Data make_data(const ConvShape& s, uint32_t seed, bool with_nan) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  Data d;
  d.x.resize(static_cast<size_t>(s.batch * s.in_channels * s.in[0] * s.in[1]));
  d.w.resize(static_cast<size_t>(s.out_channels * s.kernel[0] * s.kernel[1]));
  d.b.resize(static_cast<size_t>(s.out_channels));
  for (float& v : d.x) v = u(rng);
  for (float& v : d.w) v = u(rng);
  for (float& v : d.b) v = u(rng);
  if (with_nan)
    for (size_t i = 3; i < d.x.size(); i += 37) d.x[i] = NAN;
  return d;
}

// Same NaN positions; otherwise |a - r| <= 1e-5 * (1 + |r|) (FMA vs multiply + add).
void expect_close(const std::vector<float>& a, const std::vector<float>& r, const char* what) {
  ASSERT_EQ(a.size(), r.size());
  int bad = 0;
  for (size_t i = 0; i < a.size() && bad < 5; ++i) {
    const bool ok = std::isnan(r[i]) ? std::isnan(a[i])
                                     : std::fabs(a[i] - r[i]) <= 1e-5f * (1.0f + std::fabs(r[i]));
    if (!ok) {
      ++bad;
      ADD_FAILURE() << what << " at " << i << ": " << a[i] << " vs reference " << r[i];
    }
  }
}

void check(const Case& c, const ConvActivation& act, bool with_nan, ThreadPool* pool,
           bool with_bias = true) {
  const ConvShape s = make_shape(c);
  ASSERT_TRUE(is_depthwise_conv2d(s));
  const Data d = make_data(s, static_cast<uint32_t>(c.iw * 131 + c.kh * 7 + c.sw), with_nan);
  const size_t ny = static_cast<size_t>(s.batch * s.out_channels * s.out[0] * s.out[1]);
  std::vector<float> ref(ny, -7.0f), fast(ny, 7.0f);
  const float* bias = with_bias ? d.b.data() : nullptr;
  reference::depthwise_conv2d(s, d.x.data(), d.w.data(), bias, ref.data(), act, nullptr);
  simd::depthwise_conv2d(s, d.x.data(), d.w.data(), bias, fast.data(), act, pool);
  SCOPED_TRACE(testing::Message() << "in " << c.ih << "x" << c.iw << " k " << c.kh << "x" << c.kw
                                  << " s " << c.sh << "," << c.sw << " d " << c.dh << "," << c.dw
                                  << " pads " << c.pt << "," << c.pl << "," << c.pb << "," << c.pr
                                  << " act " << static_cast<int>(act.activation));
  expect_close(fast, ref, "simd");
}

TEST(ConvDepthwise, ReferenceMatchesGenericConv) {
  for (const Case& c : {Case{2, 3, 9, 11, 3, 3, 2, 1, 1, 2, 1, 0, 2, 1},
                        Case{1, 4, 7, 7, 5, 5, 1, 1, 1, 1, 2, 2, 2, 2}}) {
    const ConvShape s = make_shape(c);
    const Data d = make_data(s, 5, false);
    const size_t ny = static_cast<size_t>(s.batch * s.out_channels * s.out[0] * s.out[1]);
    std::vector<float> a(ny), b(ny);
    const ConvActivation none;
    reference::depthwise_conv2d(s, d.x.data(), d.w.data(), d.b.data(), a.data(), none, nullptr);
    conv_reference(s, d.x.data(), d.w.data(), d.b.data(), b.data(), none);
    expect_close(a, b, "reference vs conv_reference");
  }
}

TEST(ConvDepthwise, SimdMatchesReferenceOverGeometry) {
  const ConvActivation none;
  for (int64_t k = 1; k <= 7; ++k)
    for (int64_t st = 1; st <= 3; ++st)
      for (int64_t iw : {1, 5, 8, 13, 31, 40}) {
        const int64_t p = k / 2;
        if (iw + 2 * p < k) continue;
        check({1, 3, 9, iw, k, k, st, st, 1, 1, p, p, p, p}, none, false, nullptr);
      }
}

TEST(ConvDepthwise, DilationsAsymmetricPadsAndRectangularKernels) {
  const ConvActivation none;
  check({2, 5, 12, 17, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2}, none, false, nullptr);
  check({1, 2, 15, 23, 3, 5, 2, 3, 3, 1, 0, 3, 1, 0}, none, false, nullptr);
  check({1, 3, 10, 10, 2, 4, 1, 2, 1, 2, 1, 0, 0, 3}, none, false, nullptr);
  check({1, 3, 16, 19, 7, 1, 3, 1, 1, 1, 3, 0, 3, 0}, none, false, nullptr);
  check({1, 3, 8, 9, 3, 3, 2, 2, 1, 1, 0, 0, 0, 0}, none, false, nullptr, false);
}

TEST(ConvDepthwise, ActivationsAndNaN) {
  ConvActivation relu, clip;
  relu.activation = Activation::kRelu;
  clip.activation = Activation::kClip;
  clip.clip_min = 0.0f;
  clip.clip_max = 0.3f;
  for (bool nan : {false, true})
    for (const ConvActivation& act : {ConvActivation{}, relu, clip}) {
      check({1, 4, 14, 14, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1}, act, nan, nullptr);
      check({1, 4, 15, 15, 5, 5, 2, 2, 1, 1, 2, 2, 2, 2}, act, nan, nullptr);
    }
}

TEST(ConvDepthwise, ThreadsSplitRowsOfFewPlanes) {
  ThreadPool pool(2);
  const ConvActivation none;
  check({1, 1, 7, 7, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1}, none, false, &pool);
  check({1, 2, 56, 56, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1}, none, false, &pool);
  check({2, 24, 14, 14, 5, 5, 1, 1, 1, 1, 2, 2, 2, 2}, none, false, &pool);
}

TEST(ConvDepthwise, WideRowsBeyondTheBufferUseTheReference) {
  const ConvActivation none;
  check({1, 2, 9, 9000, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1}, none, false, nullptr);
  check({1, 2, 40, 300, 7, 7, 1, 1, 5, 1, 3, 3, 3, 3}, none, false, nullptr);
}

}  // namespace
}  // namespace onyx::kernels
