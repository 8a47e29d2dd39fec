// Recurrent kernels: the float32 path (GEMM SIMD on every Highway target) against the float64
// path (plain loops) on odd sizes, with and without pre-packed weights, for every cell, both
// directions, with sequence lengths and layout-1 strides; plus the activation table.
#include "kernels/rnn.h"

#include <cmath>
#include <type_traits>
#include <vector>

#include "elementwise_test_util.h"

namespace onyx::kernels {
namespace {

using testing::for_each_simd_target;
using testing::near;
using testing::random_floats;

template <class T>
std::vector<T> as(const std::vector<float>& v) {
  return std::vector<T>(v.begin(), v.end());
}

// packed: the float path uses pre-packed weights in variants 2 and 3.
void check_float_against_double(bool packed) {
  const int64_t S = 6, B = 5, I = 9, H = 7;
  for (RnnCell cell : {RnnCell::kRnn, RnnCell::kGru, RnnCell::kLstm}) {
    for (int variant = 0; variant < 4; ++variant) {
      const bool reverse = variant & 1, batch_major = variant & 2;
      const int64_t G = rnn_gates(cell);
      const auto x = random_floats(size_t(S * B * I), -1, 1, 1);
      const auto w = random_floats(size_t(G * H * I), -0.5f, 0.5f, 2);
      const auto r = random_floats(size_t(G * H * H), -0.5f, 0.5f, 3);
      const auto bias = random_floats(size_t(2 * G * H), -0.3f, 0.3f, 4);
      const auto p = random_floats(size_t(3 * H), -0.3f, 0.3f, 5);
      const auto h0 = random_floats(size_t(B * H), -0.5f, 0.5f, 6);
      const std::vector<int32_t> lens = {6, 3, 0, 1, 5};
      auto run = [&](auto tag) {
        using T = decltype(tag);
        const auto xt = as<T>(x), wt = as<T>(w), rt = as<T>(r), bt = as<T>(bias), pt = as<T>(p),
                   ht = as<T>(h0);
        RnnProblem<T> pr;
        pr.cell = cell;
        pr.seq = S, pr.batch = B, pr.input = I, pr.hidden = H;
        pr.x = xt.data();
        pr.x_t_rows = batch_major ? 1 : B;
        pr.x_b_rows = batch_major ? S : 1;
        pr.seq_lens = lens.data();
        pr.clip = variant == 3 ? 0.8f : 0.0f;
        pr.linear_before_reset = variant == 1;
        RnnDirection<T> dir;
        dir.w = wt.data(), dir.r = rt.data(), dir.wb = bt.data(), dir.rb = bt.data() + G * H;
        if (cell == RnnCell::kLstm) dir.p = pt.data(), dir.c0 = ht.data();
        dir.h0 = ht.data();
        dir.state_in_stride = H;
        dir.reverse = reverse;
        dir.f = {cell == RnnCell::kRnn ? RnnActivationKind::kTanh : RnnActivationKind::kSigmoid};
        std::vector<T> out(size_t(S * B * H + 2 * B * H), T(-7));
        dir.y = out.data();
        dir.y_t_stride = batch_major ? H : B * H;
        dir.y_b_stride = batch_major ? S * H : H;
        dir.y_h = out.data() + S * B * H;
        dir.y_c = dir.y_h + B * H;
        dir.state_out_stride = H;
        PackedMatrix wp, rp, rhp;
        if constexpr (std::is_same_v<T, float>) {
          if (packed && variant >= 2) {
            const bool gru = cell == RnnCell::kGru;
            wp = PackedMatrix::pack_b(I, G * H, wt.data(), I, true);
            rp = PackedMatrix::pack_b(H, (gru ? 2 : G) * H, rt.data(), H, true);
            dir.w_packed = &wp.view();
            dir.r_packed = &rp.view();
            if (gru) {
              rhp = PackedMatrix::pack_b(H, H, rt.data() + 2 * H * H, H, true);
              dir.rh_packed = &rhp.view();
            }
          }
        }
        std::vector<T> ws(size_t(rnn_workspace_elems(cell, S, B, H)));
        rnn_run_direction(pr, dir, ws.data());
        return out;
      };
      const auto got = run(float{});
      const auto want = run(double{});
      for (size_t i = 0; i < got.size(); ++i) {
        if (cell != RnnCell::kLstm && i >= size_t(S * B * H + B * H)) break;  // no Y_c
        ASSERT_TRUE(near(got[i], float(want[i]), 1e-4f, 1e-5f))
            << int(cell) << " variant " << variant << " at " << i;
      }
      // Y is zero past each row's length (row 2 has length 0: all zeros, Y_h = h0).
      for (int64_t t = 0; t < S; ++t) {
        const size_t at = size_t(batch_major ? (2 * S + t) * H : (t * B + 2) * H);
        EXPECT_EQ(got[at], 0.0f);
      }
      EXPECT_EQ(got[size_t(S * B * H + 2 * H)], h0[size_t(2 * H)]);
    }
  }
}

TEST(RnnKernels, FloatMatchesDoubleOnOddSizes) {
  for_each_simd_target([] { check_float_against_double(false); });
}

// Packed panels follow the tile of the CPU's best target (gemm_tile() is fixed per process), so
// this one runs unpinned.
TEST(RnnKernels, PrePackedWeightsMatchDouble) {
  check_float_against_double(true);
}

TEST(RnnKernels, Activations) {
  auto act = [](RnnActivationKind k, double x, float a = 0, float b = 0) {
    return rnn_activate(RnnActivation{k, a, b}, x);
  };
  EXPECT_DOUBLE_EQ(act(RnnActivationKind::kRelu, -2), 0);
  EXPECT_DOUBLE_EQ(act(RnnActivationKind::kSigmoid, 0), 0.5);
  EXPECT_DOUBLE_EQ(act(RnnActivationKind::kAffine, 2, 3, 1), 7);
  EXPECT_DOUBLE_EQ(act(RnnActivationKind::kLeakyRelu, -2, 0.5f), -1);
  EXPECT_DOUBLE_EQ(act(RnnActivationKind::kThresholdedRelu, 0.5, 1), 0);
  EXPECT_DOUBLE_EQ(act(RnnActivationKind::kThresholdedRelu, 1.5, 1), 1.5);
  EXPECT_DOUBLE_EQ(act(RnnActivationKind::kScaledTanh, 1, 2, 0.5f), 2 * std::tanh(0.5));
  EXPECT_DOUBLE_EQ(act(RnnActivationKind::kHardSigmoid, 10, 0.2f, 0.5f), 1);
  EXPECT_NEAR(act(RnnActivationKind::kHardSigmoid, 1, 0.2f, 0.5f), 0.7, 1e-7);
  EXPECT_DOUBLE_EQ(act(RnnActivationKind::kElu, -1, 1), std::exp(-1.0) - 1);
  EXPECT_DOUBLE_EQ(act(RnnActivationKind::kSoftsign, 1), 0.5);
  EXPECT_NEAR(act(RnnActivationKind::kSoftplus, 0), std::log(2.0), 1e-15);
  EXPECT_NEAR(act(RnnActivationKind::kSoftplus, 100), 100, 1e-12);
}

}  // namespace
}  // namespace onyx::kernels
