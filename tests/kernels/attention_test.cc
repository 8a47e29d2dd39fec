#include "kernels/attention.h"

#include "kernels/attention_linear.h"

#include <cmath>
#include <limits>
#include <vector>

#include "elementwise_test_util.h"

namespace onyx::kernels {
namespace {

using testing::for_each_simd_target;
using testing::near;
using testing::random_floats;

constexpr float kInf = std::numeric_limits<float>::infinity();

// Strided operands: ld = width + pad, so heads packed in a hidden dim are exercised.
struct Case {
  AttentionHeadShape shape;
  std::vector<float> q, k, v, bias;
};

Case make_case(int64_t q_len, int64_t kv_len, int64_t d, int64_t dv, int64_t pad, uint32_t seed) {
  Case c;
  c.shape = {q_len, kv_len, d, dv, d + pad, d + pad, dv + pad, dv + pad};
  c.q = random_floats(static_cast<size_t>(q_len * (d + pad)), -2, 2, seed);
  c.k = random_floats(static_cast<size_t>(kv_len * (d + pad)), -2, 2, seed + 1);
  c.v = random_floats(static_cast<size_t>(kv_len * (dv + pad)), -2, 2, seed + 2);
  c.bias = random_floats(static_cast<size_t>(q_len * kv_len), -1, 1, seed + 3);
  // Mask every other key of row 0 and (when there are 2+ rows) the whole last row.
  for (int64_t j = 0; j < kv_len; j += 2) c.bias[static_cast<size_t>(j)] = -kInf;
  if (q_len > 1)
    for (int64_t j = 0; j < kv_len; ++j)
      c.bias[static_cast<size_t>((q_len - 1) * kv_len + j)] = -kInf;
  return c;
}

// Double-precision oracle of attention.h's formula.
std::vector<double> oracle(const Case& c, const AttentionHeadParams& p, bool with_bias) {
  const AttentionHeadShape& s = c.shape;
  std::vector<double> y(static_cast<size_t>(s.q_len * s.v_head_size), 0.0);
  for (int64_t i = 0; i < s.q_len; ++i) {
    std::vector<double> row(static_cast<size_t>(s.kv_len));
    double mx = -HUGE_VAL;
    for (int64_t j = 0; j < s.kv_len; ++j) {
      double dot = 0;
      for (int64_t d = 0; d < s.head_size; ++d)
        dot += double(c.q[size_t(i * s.ldq + d)]) * c.k[size_t(j * s.ldk + d)];
      dot *= p.scale;
      if (p.softcap > 0) dot = p.softcap * std::tanh(dot / p.softcap);
      if (with_bias) dot += c.bias[size_t(i * s.kv_len + j)];
      row[size_t(j)] = dot;
      mx = std::max(mx, dot);
    }
    if (mx == -HUGE_VAL) continue;  // fully masked: zeros
    double sum = 0;
    for (double& r : row) sum += (r = std::exp(r - mx));
    for (int64_t d = 0; d < s.v_head_size; ++d) {
      double acc = 0;
      for (int64_t j = 0; j < s.kv_len; ++j)
        acc += row[size_t(j)] / sum * c.v[size_t(j * s.ldv + d)];
      y[size_t(i * s.v_head_size + d)] = acc;
    }
  }
  return y;
}

TEST(AttentionKernel, MatchesOracleOnOddSizesAndStrides) {
  for_each_simd_target([] {
    for (int64_t q_len : {1, 3, 17})
      for (int64_t kv_len : {1, 5, 33})
        for (int64_t d : {1, 8, 13})
          for (bool with_bias : {false, true}) {
            const int64_t dv = d + 2;
            Case c = make_case(q_len, kv_len, d, dv, 3, uint32_t(q_len * 100 + kv_len + d));
            AttentionHeadParams p;
            p.scale = 0.37f;
            p.softcap = with_bias ? 1.5f : 0.0f;
            const auto want = oracle(c, p, with_bias);
            const size_t ny = size_t(q_len * c.shape.ldy), ns = size_t(q_len * kv_len);
            std::vector<float> y(ny, -7.f), y_ref(ny, -7.f), scores(ns), captured(ns);
            std::vector<char> ws(attention_head_workspace_bytes(c.shape, 1) + 64);
            const float* bias = with_bias ? c.bias.data() : nullptr;
            attention_head_f32(c.shape, p, c.q.data(), c.k.data(), c.v.data(), bias, y.data(),
                               scores.data(), nullptr, nullptr, ws.data());
            reference::attention_head_f32(c.shape, p, c.q.data(), c.k.data(), c.v.data(), bias,
                                          y_ref.data(), scores.data(), nullptr);
            for (int64_t i = 0; i < q_len; ++i)
              for (int64_t e = 0; e < c.shape.ldy; ++e) {
                const size_t at = size_t(i * c.shape.ldy + e);
                if (e >= dv) {  // padding between rows is untouched
                  ASSERT_EQ(y[at], -7.f);
                  ASSERT_EQ(y_ref[at], -7.f);
                  continue;
                }
                const float w = float(want[size_t(i * dv + e)]);
                ASSERT_TRUE(near(y_ref[at], w, 1e-4f, 1e-5f)) << q_len << " " << kv_len << " " << d;
                ASSERT_TRUE(near(y[at], w, 1e-4f, 1e-5f)) << q_len << " " << kv_len << " " << d;
              }
          }
  });
}

TEST(AttentionKernel, CapturesEachStage) {
  Case c = make_case(4, 6, 5, 5, 0, 7);
  const AttentionHeadShape& s = c.shape;
  const size_t n = size_t(s.q_len * s.kv_len);
  std::vector<float> y(size_t(s.q_len * s.v_head_size)), scores(n), stage[5];
  for (int cap = 1; cap <= 4; ++cap) {
    AttentionHeadParams p;
    p.scale = 0.5f;
    p.softcap = 0.8f;
    p.capture = static_cast<AttentionCapture>(cap);
    stage[cap].assign(n, 99.f);
    attention_head_f32(s, p, c.q.data(), c.k.data(), c.v.data(), c.bias.data(), y.data(),
                       scores.data(), stage[cap].data(), nullptr, nullptr);
  }
  for (int64_t i = 0; i < s.q_len; ++i)
    for (int64_t j = 0; j < s.kv_len; ++j) {
      const size_t at = size_t(i * s.kv_len + j);
      double dot = 0;
      for (int64_t d = 0; d < s.head_size; ++d)
        dot += double(c.q[size_t(i * s.ldq + d)]) * c.k[size_t(j * s.ldk + d)];
      dot *= 0.5;
      EXPECT_TRUE(near(stage[1][at], float(dot), 1e-5f, 1e-6f));
      const double capped = 0.8 * std::tanh(dot / 0.8);
      EXPECT_TRUE(near(stage[2][at], float(capped), 1e-5f, 1e-6f));
      EXPECT_TRUE(near(stage[3][at], float(capped + c.bias[at]), 1e-5f, 1e-6f));
    }
  // Softmax rows sum to 1, and the fully masked last row is all zeros (not NaN).
  for (int64_t i = 0; i < s.q_len; ++i) {
    double sum = 0;
    for (int64_t j = 0; j < s.kv_len; ++j) sum += stage[4][size_t(i * s.kv_len + j)];
    EXPECT_NEAR(sum, i == s.q_len - 1 ? 0.0 : 1.0, 1e-5);
  }
  for (int64_t d = 0; d < s.v_head_size; ++d) EXPECT_EQ(y[size_t(3 * s.v_head_size + d)], 0.f);
}

TEST(AttentionKernel, DoubleMatchesOracle) {
  Case c = make_case(5, 7, 6, 4, 1, 11);
  AttentionHeadParams p;
  p.scale = 0.4f;
  const auto want = oracle(c, p, true);
  auto widen = [](const std::vector<float>& v) { return std::vector<double>(v.begin(), v.end()); };
  const auto q = widen(c.q), k = widen(c.k), v = widen(c.v), bias = widen(c.bias);
  std::vector<double> y(size_t(5 * c.shape.ldy)), scores(35);
  attention_head_f64(c.shape, p, q.data(), k.data(), v.data(), bias.data(), y.data(), scores.data(),
                     nullptr);
  for (int64_t i = 0; i < 5; ++i)
    for (int64_t d = 0; d < 4; ++d)
      EXPECT_NEAR(y[size_t(i * c.shape.ldy + d)], want[size_t(i * 4 + d)], 1e-12);
}

TEST(AttentionKernel, EmptyKeysGiveZeros) {
  AttentionHeadShape s{2, 0, 3, 3, 3, 3, 3, 3};
  std::vector<float> q(6, 1.f), y(6, 5.f);
  attention_head_f32(s, {}, q.data(), nullptr, nullptr, nullptr, y.data(), nullptr, nullptr,
                     nullptr, nullptr);
  for (float v : y) EXPECT_EQ(v, 0.f);
}

// Gated rule with one decay value per token, strided token rows (stride 5 > width), two query
// heads: compared with the recurrence written out in double.
TEST(LinearAttentionKernel, GatedPerHeadDecayStrided) {
  const int64_t T = 4, dk = 2, dv = 2, stride = 5;
  const auto q = random_floats(size_t(T * stride), -1, 1, 21);
  const auto k = random_floats(size_t(T * stride), -1, 1, 22);
  const auto v = random_floats(size_t(T * stride), -1, 1, 23);
  const auto g = random_floats(size_t(T * stride), -1, 0, 24);
  LinearAttentionLayout l;
  l.seq_len = T;
  l.key_size = dk;
  l.value_size = dv;
  l.group = 2;
  l.q_step = l.k_step = l.v_step = l.y_step = l.decay_step = stride;
  l.decay_width = 1;
  std::vector<float> state(size_t(dk * dv), 0.5f), y(size_t(T * stride), 9.f);
  std::vector<float> tmp(static_cast<size_t>(dv));
  linear_attention_f32(l, 0.7f, q.data(), k.data(), v.data(), g.data(), nullptr, state.data(),
                       y.data(), tmp.data());
  std::vector<double> st(size_t(dk * dv), 0.5);
  for (int64_t t = 0; t < T; ++t) {
    for (double& e : st) e *= std::exp(double(g[size_t(t * stride)]));
    for (int64_t d = 0; d < dk; ++d)
      for (int64_t m = 0; m < dv; ++m)
        st[size_t(d * dv + m)] += double(k[size_t(t * stride + d)]) * v[size_t(t * stride + m)];
    for (int64_t j = 0; j < 2; ++j)
      for (int64_t m = 0; m < dv; ++m) {
        double acc = 0;
        for (int64_t d = 0; d < dk; ++d)
          acc += double(q[size_t(t * stride + j * dk + d)]) * st[size_t(d * dv + m)];
        EXPECT_NEAR(y[size_t(t * stride + j * dv + m)], 0.7 * acc, 1e-5);
      }
    EXPECT_EQ(y[size_t(t * stride + 4)], 9.f);  // outside the two heads: untouched
  }
  for (size_t i = 0; i < st.size(); ++i) EXPECT_NEAR(state[i], st[i], 1e-5);
}

// Multi-head attention on [batch, seq, heads, size] operands: the fast path (each SIMD target,
// one and two threads) against the scalar reference, and the reference against a double oracle.
TEST(MultiHeadAttentionKernel, MatchesReferenceWithBroadcastMasks) {
  ThreadPool pool(2);
  for (int64_t q_len : {1, 6})
    for (int64_t kv_len : {1, 9})
      for (int mask_kind = 0; mask_kind < 4; ++mask_kind) {
        MultiHeadShape s;
        s.batch = 2;
        s.heads = 3;
        s.q_len = q_len;
        s.kv_len = kv_len;
        s.head_size = 5;
        s.v_head_size = 7;
        const uint32_t seed = uint32_t(q_len * 10 + kv_len + mask_kind * 1000);
        const auto q = random_floats(size_t(s.batch * q_len * s.heads * s.head_size), -2, 2, seed);
        const auto k =
            random_floats(size_t(s.batch * kv_len * s.heads * s.head_size), -2, 2, seed + 1);
        const auto v =
            random_floats(size_t(s.batch * kv_len * s.heads * s.v_head_size), -1, 1, seed + 2);
        // 0: none; 1: full [B, H, q, kv] with a fully -inf row (NaN); 2: [B, 1, 1, kv]; 3: [q, 1].
        std::vector<float> mask =
            random_floats(size_t(s.batch * s.heads * q_len * kv_len), -3, 0, seed + 3);
        const int64_t strides[4][4] = {{0, 0, 0, 0},
                                       {s.heads * q_len * kv_len, q_len * kv_len, kv_len, 1},
                                       {kv_len, 0, 0, 1},
                                       {0, 0, 1, 0}};
        std::copy(strides[mask_kind], strides[mask_kind] + 4, s.mask_strides);
        if (mask_kind == 1)
          for (int64_t j = 0; j < kv_len; ++j) mask[size_t(4 * q_len * kv_len + j)] = -kInf;
        const float* m = mask_kind == 0 ? nullptr : mask.data();
        const size_t ny = size_t(s.batch * q_len * s.heads * s.v_head_size);
        std::vector<float> y_ref(ny, -7.f);
        reference::multi_head_attention_f32(s, 0.4f, q.data(), k.data(), v.data(), m, y_ref.data());
        // Double oracle of head (b, h), row i, column e.
        for (int64_t b = 0; b < s.batch; ++b)
          for (int64_t h = 0; h < s.heads; ++h)
            for (int64_t i = 0; i < q_len; ++i) {
              std::vector<double> row(static_cast<size_t>(kv_len));
              double mx = -HUGE_VAL, sum = 0;
              for (int64_t j = 0; j < kv_len; ++j) {
                double dot = 0;
                for (int64_t d = 0; d < s.head_size; ++d)
                  dot += double(q[size_t(((b * q_len + i) * s.heads + h) * s.head_size + d)]) *
                         k[size_t(((b * kv_len + j) * s.heads + h) * s.head_size + d)];
                dot *= 0.4f;
                if (m) {
                  const int64_t* ms = s.mask_strides;
                  dot += m[b * ms[0] + h * ms[1] + i * ms[2] + j * ms[3]];
                }
                row[size_t(j)] = dot;
                mx = std::max(mx, dot);
              }
              for (double& r : row) sum += (r = std::exp(r - mx));
              for (int64_t e = 0; e < s.v_head_size; ++e) {
                double acc = 0;
                for (int64_t j = 0; j < kv_len; ++j)
                  acc += row[size_t(j)] / sum *
                         v[size_t(((b * kv_len + j) * s.heads + h) * s.v_head_size + e)];
                const float got =
                    y_ref[size_t(((b * q_len + i) * s.heads + h) * s.v_head_size + e)];
                if (mx == -HUGE_VAL)
                  ASSERT_TRUE(std::isnan(got));
                else
                  ASSERT_TRUE(near(got, float(acc), 1e-4f, 1e-5f)) << b << " " << h << " " << i;
              }
            }
        for_each_simd_target([&] {
          for (ThreadPool* p : {static_cast<ThreadPool*>(nullptr), &pool}) {
            const int threads = p ? p->num_threads() : 1;
            std::vector<char> ws(multi_head_attention_workspace_bytes(s, threads) + 64);
            void* aligned = reinterpret_cast<void*>((reinterpret_cast<uintptr_t>(ws.data()) + 63) &
                                                    ~uintptr_t(63));
            std::vector<float> y(ny, -7.f);
            multi_head_attention_f32(s, 0.4f, q.data(), k.data(), v.data(), m, y.data(), p,
                                     aligned);
            for (size_t i = 0; i < ny; ++i)
              ASSERT_TRUE(near(y[i], y_ref[i], 1e-4f, 1e-5f)) << mask_kind << " " << i;
          }
        });
      }
}

}  // namespace
}  // namespace onyx::kernels
