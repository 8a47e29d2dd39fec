// Winograd F(4x4, 3x3) convolution (ConvPlan kWinograd) vs the direct reference on odd sizes,
// pads, channels, batch, activations and threads, and vs the im2col path on realistic data.
// With ONYX_ISA=scalar the plan must keep using im2col (checked too).
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "base/cpu.h"
#include "kernels/conv.h"
#include "kernels/winograd.h"

namespace onyx::kernels {
namespace {

struct Case {
  int64_t batch, cin, cout, h, w;
  int64_t pad_top, pad_left, pad_bottom, pad_right;
};

ConvShape make_shape(const Case& c) {
  ConvShape s;
  s.batch = c.batch;
  s.in_channels = c.cin;
  s.out_channels = c.cout;
  s.spatial_rank = 2;
  const int64_t in[2] = {c.h, c.w}, pb[2] = {c.pad_top, c.pad_left},
                pe[2] = {c.pad_bottom, c.pad_right};
  for (int d = 0; d < 2; ++d) {
    s.in[d] = in[d];
    s.kernel[d] = 3;
    s.stride[d] = 1;
    s.dilation[d] = 1;
    s.pad_begin[d] = pb[d];
    s.out[d] = in[d] + pb[d] + pe[d] - 2;
  }
  return s;
}

// Kaiming-like weights (std sqrt(2 / fan_in)), bias in [-0.1, 0.1], inputs in [0, 1].
struct Data {
  std::vector<float> x, w, bias;
};

Data make_data(const ConvShape& s, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> unit(0.0f, 1.0f), small(-0.1f, 0.1f);
  std::normal_distribution<float> normal(0.0f, std::sqrt(2.0f / (9.0f * s.in_channels)));
  Data d;
  d.x.resize(static_cast<size_t>(s.batch * s.in_channels * s.in[0] * s.in[1]));
  d.w.resize(static_cast<size_t>(s.out_channels * s.in_channels * 9));
  d.bias.resize(static_cast<size_t>(s.out_channels));
  for (float& v : d.x) v = unit(rng);
  for (float& v : d.w) v = normal(rng);
  for (float& v : d.bias) v = small(rng);
  return d;
}

std::vector<float> run_plan(const ConvPlan& plan, const ConvShape& s, const Data& d,
                            const ConvActivation& act, ThreadPool* pool) {
  std::vector<float> scratch(plan.scratch_bytes() / sizeof(float) + 16);
  std::vector<float> y(static_cast<size_t>(s.batch * s.out_channels * s.out[0] * s.out[1]), 123.0f);
  plan.run(d.x.data(), d.w.data(), d.bias.data(), y.data(), act, pool, scratch.data());
  return y;
}

// |got - expect| <= 1e-4 * (|expect| + 0.1): outputs are O(1) with this data.
void expect_close(const std::vector<float>& got, const std::vector<float>& expect,
                  const std::string& what) {
  ASSERT_EQ(got.size(), expect.size());
  for (size_t i = 0; i < got.size(); ++i)
    ASSERT_NEAR(got[i], expect[i], 1e-4 * (std::fabs(expect[i]) + 0.1)) << what << " at " << i;
}

void check_case(const Case& c, const ConvActivation& act) {
  const ConvShape s = make_shape(c);
  const Data d = make_data(s, static_cast<uint32_t>(c.cin * 131 + c.h * 7 + c.w));
  std::vector<float> expect(static_cast<size_t>(s.batch * s.out_channels * s.out[0] * s.out[1]));
  conv_reference(s, d.x.data(), d.w.data(), d.bias.data(), expect.data(), act);
  ThreadPool pool2(2);
  for (int threads : {1, 2})
    for (bool prepack : {false, true}) {
      // Winograd forced: the cost model may prefer im2col for these small shapes. threads = 2
      // with one or two blocks of tiles runs the split-steps path (few-blocks parallelism).
      const bool simd = !force_scalar_kernels();
      ConvPlan plan = simd ? ConvPlan::create_forced(s, threads, ConvPlan::Algorithm::kWinograd)
                           : ConvPlan::create(s, threads);
      ASSERT_EQ(plan.algorithm(),
                simd ? ConvPlan::Algorithm::kWinograd : ConvPlan::Algorithm::kIm2col);
      if (prepack) plan.pack_weights(d.w.data());
      const std::string what = std::string(plan.algorithm_name()) + " " + std::to_string(c.h) +
                               "x" + std::to_string(c.w) + " cin=" + std::to_string(c.cin) +
                               " cout=" + std::to_string(c.cout) +
                               " threads=" + std::to_string(threads) +
                               " prepack=" + std::to_string(prepack);
      expect_close(run_plan(plan, s, d, act, threads == 2 ? &pool2 : nullptr), expect, what);
    }
}

TEST(Winograd, OddSizesAndPadsVsReference) {
  const ConvActivation none{}, relu{Activation::kRelu, 0, 0}, clip{Activation::kClip, 0.1f, 0.6f};
  // batch, cin, cout, h, w, pads top/left/bottom/right
  check_case({1, 8, 8, 1, 1, 1, 1, 1, 1}, none);
  check_case({2, 8, 9, 2, 3, 1, 2, 0, 1}, relu);
  check_case({1, 9, 16, 3, 5, 0, 0, 0, 0}, clip);
  check_case({1, 16, 8, 5, 7, 2, 0, 1, 2}, none);
  check_case({2, 12, 13, 7, 8, 1, 1, 1, 1}, relu);
  check_case({1, 67, 13, 8, 13, 0, 1, 2, 0}, none);
  check_case({1, 13, 67, 13, 31, 1, 1, 1, 1}, clip);
  check_case({2, 20, 24, 31, 8, 2, 1, 0, 2}, relu);
  check_case({1, 33, 40, 31, 31, 1, 0, 1, 2}, none);
  check_case({1, 8, 8, 13, 1, 1, 1, 1, 1}, relu);
  // Wide rows: SIMD groups of tiles fully inside the input (de-interleaving fast path), groups
  // straddling tile rows, and partial groups.
  check_case({2, 8, 10, 9, 100, 1, 2, 0, 1}, clip);
  check_case({1, 11, 8, 6, 130, 0, 0, 0, 0}, none);
  // One or two blocks of tiles with wide output channels: at 2 threads the steps are split over
  // input channels, (point, output-channel chunk) GEMMs with a partial last chunk, output channels.
  check_case({1, 40, 70, 7, 7, 1, 1, 1, 1}, relu);
  check_case({2, 24, 53, 6, 9, 1, 1, 1, 1}, clip);
}

TEST(Winograd, RealisticLayerMatchesIm2col) {
  // A super-resolution-like layer: 64 -> 64, 3x3, pad 1, ReLU; many blocks of tiles.
  const ConvShape s = make_shape({1, 64, 64, 37, 99, 1, 1, 1, 1});
  const Data d = make_data(s, 5);
  const ConvActivation relu{Activation::kRelu, 0, 0};
  ThreadPool pool2(2);
  ConvPlan im2col = ConvPlan::create(s, 2, /*allow_winograd=*/false);
  ASSERT_EQ(im2col.algorithm(), ConvPlan::Algorithm::kIm2col);
  im2col.pack_weights(d.w.data());
  const std::vector<float> expect = run_plan(im2col, s, d, relu, &pool2);
  ConvPlan plan = ConvPlan::create(s, 2);
  plan.pack_weights(d.w.data());
  const std::vector<float> got = run_plan(plan, s, d, relu, &pool2);
  double max_rel = 0.0;
  for (size_t i = 0; i < got.size(); ++i)
    max_rel =
        std::max(max_rel, std::fabs(double(got[i]) - expect[i]) / (std::fabs(expect[i]) + 0.1));
  EXPECT_LT(max_rel, 1e-4) << plan.algorithm_name();
}

TEST(Winograd, OnlySuitableShapes) {
  const ConvShape ok = make_shape({1, 16, 16, 9, 9, 1, 1, 1, 1});
  EXPECT_EQ(winograd_suitable(ok), !force_scalar_kernels());
  ConvShape few_channels = make_shape({1, 3, 16, 9, 9, 1, 1, 1, 1});
  EXPECT_FALSE(winograd_suitable(few_channels));
  ConvShape strided = ok;
  strided.stride[1] = 2;
  EXPECT_FALSE(winograd_suitable(strided));
  ConvShape dilated = ok;
  dilated.dilation[0] = 2;
  EXPECT_FALSE(winograd_suitable(dilated));
  ConvShape grouped = ok;
  grouped.groups = 2;
  EXPECT_FALSE(winograd_suitable(grouped));
  ConvShape five = ok;
  five.kernel[0] = five.kernel[1] = 5;
  EXPECT_FALSE(winograd_suitable(five));
}

}  // namespace
}  // namespace onyx::kernels
