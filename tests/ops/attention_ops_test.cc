// Attention, FlexAttention, LinearAttention, RotaryEmbedding, Swish, SwiGLU and float16 MatMul
// against straightforward double
// oracles written from the ONNX spec text.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "base/half.h"
#include "common/model_builder.h"
#include "common/op_test_builder.h"
#include "runtime/graph_builder.h"

namespace onyx {
namespace {

using testing::OpTest;

constexpr double kInf = std::numeric_limits<double>::infinity();

std::vector<float> wave(size_t n, float phase) {
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = std::sin(0.7f * float(i) + phase);
  return v;
}

std::vector<float> to_floats(const std::vector<double>& v) {
  return std::vector<float>(v.begin(), v.end());
}

// 4-D attention oracle: q [B,Hq,S,D], k/v [B,Hkv,T,D(v)] (past already prepended),
// bias(b, h, i, j) additive, returns y [B,Hq,S,Dv] and the captured scores for `mode`.
struct Oracle {
  int64_t B, Hq, Hkv, S, T, D, Dv;
  double scale, softcap = 0;
  std::vector<float> q = {}, k = {}, v = {};
  std::vector<double> y = {}, qk = {};

  template <class Bias>
  void run(const Bias& bias, int mode) {
    y.assign(size_t(B * Hq * S * Dv), 0.0);
    qk.assign(size_t(B * Hq * S * T), 0.0);
    for (int64_t b = 0; b < B; ++b)
      for (int64_t h = 0; h < Hq; ++h) {
        const int64_t kh = h / (Hq / Hkv);
        for (int64_t i = 0; i < S; ++i) {
          std::vector<double> s(static_cast<size_t>(T));
          double mx = -kInf;
          for (int64_t j = 0; j < T; ++j) {
            double dot = 0;
            for (int64_t d = 0; d < D; ++d)
              dot += double(q[size_t(((b * Hq + h) * S + i) * D + d)]) *
                     k[size_t(((b * Hkv + kh) * T + j) * D + d)];
            dot *= scale;
            if (mode == 0) qk[size_t(((b * Hq + h) * S + i) * T + j)] = dot;
            if (softcap > 0) dot = softcap * std::tanh(dot / softcap);
            if (mode == 1) qk[size_t(((b * Hq + h) * S + i) * T + j)] = dot;
            dot += bias(b, h, i, j);
            if (mode == 2) qk[size_t(((b * Hq + h) * S + i) * T + j)] = dot;
            s[size_t(j)] = dot;
            mx = std::max(mx, dot);
          }
          double sum = 0;
          for (double& e : s) sum += (e = mx == -kInf ? 0.0 : std::exp(e - mx));
          for (int64_t j = 0; j < T; ++j) {
            const double p = sum > 0 ? s[size_t(j)] / sum : 0.0;
            if (mode == 3) qk[size_t(((b * Hq + h) * S + i) * T + j)] = p;
            for (int64_t d = 0; d < Dv; ++d)
              y[size_t(((b * Hq + h) * S + i) * Dv + d)] +=
                  p * v[size_t(((b * Hkv + kh) * T + j) * Dv + d)];
          }
        }
      }
  }
};

// [B, H, S, W] -> [B, S, H*W]
std::vector<float> to_3d(const std::vector<float>& x, int64_t B, int64_t H, int64_t S, int64_t W) {
  std::vector<float> out(x.size());
  for (int64_t b = 0; b < B; ++b)
    for (int64_t h = 0; h < H; ++h)
      for (int64_t s = 0; s < S; ++s)
        for (int64_t w = 0; w < W; ++w)
          out[size_t(((b * S + s) * H + h) * W + w)] = x[size_t(((b * H + h) * S + s) * W + w)];
  return out;
}

// [B, H, T, W] -> rows [from, to) of the sequence axis.
std::vector<float> seq_slice(const std::vector<float>& x, int64_t BH, int64_t T, int64_t W,
                             int64_t from, int64_t to) {
  std::vector<float> out;
  for (int64_t r = 0; r < BH; ++r)
    out.insert(out.end(), x.begin() + (r * T + from) * W, x.begin() + (r * T + to) * W);
  return out;
}

TEST(AttentionOp, Gqa3dWithPastCausalAndQkOutput) {
  Oracle o{1, 4, 2, 3, 5, 4, 3, 0.5};
  o.q = wave(size_t(o.B * o.Hq * o.S * o.D), 0.1f);
  o.k = wave(size_t(o.B * o.Hkv * o.T * o.D), 0.9f);
  o.v = wave(size_t(o.B * o.Hkv * o.T * o.Dv), 2.0f);
  const int64_t past = 2, L = o.T - past;
  for (int mode = 0; mode < 4; ++mode) {
    o.run([&](int64_t, int64_t, int64_t i, int64_t j) { return j > i + past ? -kInf : 0.0; }, mode);
    OpTest("Attention", 23)
        .attr("is_causal", int64_t{1})
        .attr("q_num_heads", o.Hq)
        .attr("kv_num_heads", o.Hkv)
        .attr("scale", 0.5f)
        .attr("qk_matmul_output_mode", int64_t{mode})
        .input<float>({o.B, o.S, o.Hq * o.D}, to_3d(o.q, o.B, o.Hq, o.S, o.D))
        .input<float>({o.B, L, o.Hkv * o.D},
                      to_3d(seq_slice(o.k, o.B * o.Hkv, o.T, o.D, past, o.T), o.B, o.Hkv, L, o.D))
        .input<float>({o.B, L, o.Hkv * o.Dv},
                      to_3d(seq_slice(o.v, o.B * o.Hkv, o.T, o.Dv, past, o.T), o.B, o.Hkv, L, o.Dv))
        .absent()
        .input<float>({o.B, o.Hkv, past, o.D}, seq_slice(o.k, o.B * o.Hkv, o.T, o.D, 0, past))
        .input<float>({o.B, o.Hkv, past, o.Dv}, seq_slice(o.v, o.B * o.Hkv, o.T, o.Dv, 0, past))
        .output<float>({o.B, o.S, o.Hq * o.Dv}, to_3d(to_floats(o.y), o.B, o.Hq, o.S, o.Dv))
        .output<float>({o.B, o.Hkv, o.T, o.D}, o.k)
        .output<float>({o.B, o.Hkv, o.T, o.Dv}, o.v)
        .output<float>({o.B, o.Hq, o.S, o.T}, to_floats(o.qk))
        .tolerance(1e-5, 1e-6)
        .run();
  }
}

TEST(AttentionOp, ShortBoolMaskSoftcapAndFullyMaskedRow) {
  Oracle o{2, 2, 2, 3, 4, 3, 2, 1.0 / std::sqrt(3.0)};
  o.softcap = 1.5;
  o.q = wave(size_t(o.B * o.Hq * o.S * o.D), 0.3f);
  o.k = wave(size_t(o.B * o.Hkv * o.T * o.D), 1.1f);
  o.v = wave(size_t(o.B * o.Hkv * o.T * o.Dv), 2.5f);
  // mask [S, 3] (shorter than T = 4: key 3 is masked); row 2 masks every key.
  const std::vector<uint8_t> mask = {1, 0, 1, 1, 1, 0, 0, 0, 0};
  o.run([&](int64_t, int64_t, int64_t i,
            int64_t j) { return j < 3 && mask[size_t(i * 3 + j)] ? 0.0 : -kInf; },
        3);
  Tensor m = Tensor::empty(DType::kBool, {o.S, 3});
  for (size_t i = 0; i < mask.size(); ++i) m.data<bool>()[i] = mask[i] != 0;
  OpTest("Attention", 23)
      .attr("softcap", 1.5f)
      .attr("qk_matmul_output_mode", int64_t{3})
      .input<float>({o.B, o.Hq, o.S, o.D}, o.q)
      .input<float>({o.B, o.Hkv, o.T, o.D}, o.k)
      .input<float>({o.B, o.Hkv, o.T, o.Dv}, o.v)
      .input(m)
      .output<float>({o.B, o.Hq, o.S, o.Dv}, to_floats(o.y))
      .output<float>({o.B, o.Hkv, o.T, o.D}, o.k)
      .output<float>({o.B, o.Hkv, o.T, o.Dv}, o.v)
      .output<float>({o.B, o.Hq, o.S, o.T}, to_floats(o.qk))
      .tolerance(1e-5, 1e-6)
      .run();
}

TEST(AttentionOp, NonpadKvSeqlenWithCausalAndAdditiveMask) {
  Oracle o{2, 2, 1, 2, 5, 4, 4, 0.5};
  o.q = wave(size_t(o.B * o.Hq * o.S * o.D), 0.2f);
  o.k = wave(size_t(o.B * o.Hkv * o.T * o.D), 1.3f);
  o.v = wave(size_t(o.B * o.Hkv * o.T * o.Dv), 2.7f);
  const std::vector<int64_t> nonpad = {3, 5};
  const std::vector<float> mask = wave(size_t(o.B * o.S * o.T), 0.4f);  // [B, 1, S, T]
  o.run(
      [&](int64_t b, int64_t, int64_t i, int64_t j) {
        if (j >= nonpad[size_t(b)] || j > i + nonpad[size_t(b)] - o.S) return -kInf;
        return double(mask[size_t((b * o.S + i) * o.T + j)]);
      },
      0);
  OpTest("Attention", 24)
      .attr("is_causal", int64_t{1})
      .attr("scale", 0.5f)
      .input<float>({o.B, o.Hq, o.S, o.D}, o.q)
      .input<float>({o.B, o.Hkv, o.T, o.D}, o.k)
      .input<float>({o.B, o.Hkv, o.T, o.Dv}, o.v)
      .input<float>({o.B, 1, o.S, o.T}, mask)
      .absent()
      .absent()
      .input<int64_t>({o.B}, nonpad)
      .output<float>({o.B, o.Hq, o.S, o.Dv}, to_floats(o.y))
      .tolerance(1e-5, 1e-6)
      .run();
}

TEST(AttentionOp, Float16AndDouble) {
  Oracle o{1, 2, 2, 2, 3, 4, 4, 0.5};
  o.q = wave(8 * 2, 0.2f);
  o.k = wave(12 * 2, 1.3f);
  o.v = wave(12 * 2, 2.7f);
  o.run([](int64_t, int64_t, int64_t, int64_t) { return 0.0; }, 0);
  auto half = [](const std::vector<float>& v, Shape shape) {
    Tensor t = Tensor::empty(DType::kFloat16, std::move(shape));
    for (size_t i = 0; i < v.size(); ++i) t.data<Float16>()[i] = from_float<Float16>(v[i]);
    return t;
  };
  auto dbl = [](const std::vector<float>& v, Shape shape) {
    return Tensor::from_vector<double>(std::move(shape), std::vector<double>(v.begin(), v.end()));
  };
  // Inputs are exact in float16 only approximately: compare with a float16-sized tolerance.
  OpTest("Attention", 23)
      .attr("scale", 0.5f)
      .input(half(o.q, {1, 2, 2, 4}))
      .input(half(o.k, {1, 2, 3, 4}))
      .input(half(o.v, {1, 2, 3, 4}))
      .output(half(to_floats(o.y), {1, 2, 2, 4}))
      .tolerance(5e-3, 5e-3)
      .run();
  OpTest("Attention", 23)
      .attr("scale", 0.5f)
      .input(dbl(o.q, {1, 2, 2, 4}))
      .input(dbl(o.k, {1, 2, 3, 4}))
      .input(dbl(o.v, {1, 2, 3, 4}))
      .output(Tensor::from_vector<double>({1, 2, 2, 4}, o.y))
      .tolerance(1e-12, 1e-12)
      .run();
}

TEST(AttentionOp, Errors) {
  const std::vector<float> x(2 * 3 * 8, 0.5f);
  // 3-D inputs without head counts.
  OpTest("Attention", 23)
      .input<float>({2, 3, 8}, x)
      .input<float>({2, 3, 8}, x)
      .input<float>({2, 3, 8}, x)
      .output<float>({2, 3, 8}, x)
      .expect_error(StatusCode::kInvalidGraph, "q_num_heads");
  // 3 query heads cannot share 2 kv heads.
  OpTest("Attention", 23)
      .input<float>({1, 3, 2, 8}, std::vector<float>(48, 1.f))
      .input<float>({1, 2, 2, 8}, std::vector<float>(32, 1.f))
      .input<float>({1, 2, 2, 8}, std::vector<float>(32, 1.f))
      .output<float>({1, 3, 2, 8}, std::vector<float>(48, 1.f))
      .expect_error(StatusCode::kInvalidGraph, "multiple of kv heads");
  // A mask longer than the key sequence.
  OpTest("Attention", 23)
      .input<float>({1, 1, 2, 4}, std::vector<float>(8, 1.f))
      .input<float>({1, 1, 2, 4}, std::vector<float>(8, 1.f))
      .input<float>({1, 1, 2, 4}, std::vector<float>(8, 1.f))
      .input<float>({2, 3}, std::vector<float>(6, 0.f))
      .output<float>({1, 1, 2, 4}, std::vector<float>(8, 1.f))
      .expect_error(StatusCode::kInvalidGraph, "attn_mask");
}

TEST(RotaryEmbeddingOp, HalvesAndInterleavedWithPositions) {
  // X [1, 1, 2, 6] (4-D: B, H, S, D), rotary dim 4 (2 pairs), channels 4-5 pass through.
  const std::vector<float> x = wave(12, 0.5f);
  const std::vector<float> cos = {1.0f, 0.5f, 0.0f, -1.0f, 0.8f, 0.6f};  // [3, 2]
  const std::vector<float> sin = {0.0f, 0.8f, 1.0f, 0.0f, 0.6f, -0.8f};
  const std::vector<int64_t> pos = {2, 0};
  for (int64_t interleaved : {0, 1}) {
    std::vector<float> y = x;
    for (int64_t s = 0; s < 2; ++s) {
      const int64_t p = pos[size_t(s)];
      for (int64_t i = 0; i < 2; ++i) {
        const size_t i1 = size_t(s * 6 + (interleaved ? 2 * i : i));
        const size_t i2 = size_t(s * 6 + (interleaved ? 2 * i + 1 : i + 2));
        const float c = cos[size_t(p * 2 + i)], sn = sin[size_t(p * 2 + i)];
        y[i1] = c * x[i1] - sn * x[i2];
        y[i2] = sn * x[i1] + c * x[i2];
      }
    }
    OpTest("RotaryEmbedding", 23)
        .attr("interleaved", interleaved)
        .attr("rotary_embedding_dim", int64_t{4})
        .input<float>({1, 1, 2, 6}, x)
        .input<float>({3, 2}, cos)
        .input<float>({3, 2}, sin)
        .input<int64_t>({1, 2}, pos)
        .output<float>({1, 1, 2, 6}, y)
        .run();
  }
}

TEST(RotaryEmbeddingOp, ThreeDWithoutPositionsAndErrors) {
  // X [1, 1, 4] with num_heads 2 (head size 2): caches [B, S, 1].
  OpTest("RotaryEmbedding", 23)
      .attr("num_heads", int64_t{2})
      .input<float>({1, 1, 4}, {1, 2, 3, 4})
      .input<float>({1, 1, 1}, {0})
      .input<float>({1, 1, 1}, {1})
      .output<float>({1, 1, 4}, {-2, 1, -4, 3})
      .run();
  OpTest("RotaryEmbedding", 23)
      .input<float>({1, 1, 1, 2}, {1, 2})
      .input<float>({2, 1}, {1, 1})
      .input<float>({2, 1}, {0, 0})
      .input<int64_t>({1, 1}, {2})
      .output<float>({1, 1, 1, 2}, {1, 2})
      .expect_error(StatusCode::kRuntimeException, "position_ids");
}

TEST(SwishOp, AlphaAndTypes) {
  const std::vector<float> x = {-3.f, -0.5f, 0.f, 0.25f, 2.f, 9.f};
  std::vector<float> y(x.size());
  for (size_t i = 0; i < x.size(); ++i) y[i] = x[i] / (1.f + std::exp(-0.5f * x[i]));
  OpTest("Swish", 24).attr("alpha", 0.5f).input<float>({6}, x).output<float>({6}, y).run();
  std::vector<double> xd(x.begin(), x.end()), yd(x.size());
  for (size_t i = 0; i < x.size(); ++i) yd[i] = xd[i] / (1.0 + std::exp(-xd[i]));
  OpTest("Swish", 24).input<double>({6}, xd).output<double>({6}, yd).tolerance(1e-12, 1e-14).run();
}

TEST(SwiGluOp, GateTimesValue) {
  const std::vector<float> a = wave(300, 0.1f), b = wave(300, 1.7f);
  std::vector<float> y(a.size());
  for (size_t i = 0; i < a.size(); ++i) y[i] = a[i] / (1.f + std::exp(-2.f * a[i])) * b[i];
  OpTest("SwiGLU", 28)
      .attr("alpha", 2.0f)
      .input<float>({3, 100}, a)
      .input<float>({3, 100}, b)
      .output<float>({3, 100}, y)
      .run();
  OpTest("SwiGLU", 28)
      .input<float>({3, 100}, a)
      .input<float>({1, 100}, std::vector<float>(100, 1.f))
      .output<float>({3, 100}, y)
      .expect_error(StatusCode::kInvalidGraph, "does not broadcast");
}

TEST(MatMulOp, Float16AndBFloat16ThroughFloat32) {
  // [2, 2, 3] x [3, 2] with batch broadcast; all values exact in float16 and bfloat16.
  const std::vector<float> a = {1, 2, 3, 4, 5, 6, -1, 0.5f, 2, 0, 1, -2};
  const std::vector<float> b = {1, 0, 0.5f, 1, -1, 2};
  std::vector<float> y(8);
  for (int64_t m = 0; m < 4; ++m)
    for (int64_t n = 0; n < 2; ++n)
      for (int64_t k = 0; k < 3; ++k)
        y[size_t(m * 2 + n)] += a[size_t(m * 3 + k)] * b[size_t(k * 2 + n)];
  auto conv = [](DType t, const std::vector<float>& v, Shape shape) {
    Tensor out = Tensor::empty(t, std::move(shape));
    for (size_t i = 0; i < v.size(); ++i) {
      if (t == DType::kFloat16)
        out.data<Float16>()[i] = from_float<Float16>(v[i]);
      else
        out.data<BFloat16>()[i] = from_float<BFloat16>(v[i]);
    }
    return out;
  };
  for (DType t : {DType::kFloat16, DType::kBFloat16})
    OpTest("MatMul", 13)
        .input(conv(t, a, {2, 2, 3}))
        .input(conv(t, b, {3, 2}))
        .output(conv(t, y, {2, 2, 2}))
        .run();
}

TEST(FlexAttentionOp, GqaAndDoubleWithoutModifiers) {
  Oracle o{1, 4, 2, 3, 5, 4, 2, double(0.3f)};  // the scale attribute is a float
  o.q = wave(size_t(o.B * o.Hq * o.S * o.D), 0.6f);
  o.k = wave(size_t(o.B * o.Hkv * o.T * o.D), 1.6f);
  o.v = wave(size_t(o.B * o.Hkv * o.T * o.Dv), 2.6f);
  o.run([](int64_t, int64_t, int64_t, int64_t) { return 0.0; }, 0);
  OpTest("FlexAttention", 1, "ai.onnx.preview")
      .attr("scale", 0.3f)
      .input<float>({o.B, o.Hq, o.S, o.D}, o.q)
      .input<float>({o.B, o.Hkv, o.T, o.D}, o.k)
      .input<float>({o.B, o.Hkv, o.T, o.Dv}, o.v)
      .output<float>({o.B, o.Hq, o.S, o.Dv}, to_floats(o.y))
      .tolerance(1e-5, 1e-6)
      .run();
  auto dbl = [](const std::vector<float>& v) { return std::vector<double>(v.begin(), v.end()); };
  OpTest("FlexAttention", 1, "ai.onnx.preview")
      .attr("scale", 0.3f)
      .input<double>({o.B, o.Hq, o.S, o.D}, dbl(o.q))
      .input<double>({o.B, o.Hkv, o.T, o.D}, dbl(o.k))
      .input<double>({o.B, o.Hkv, o.T, o.Dv}, dbl(o.v))
      .output<double>({o.B, o.Hq, o.S, o.Dv}, o.y)
      .tolerance(1e-10, 1e-12)
      .run();
}

// score_mod = Neg (attend to the least similar keys), prob_mod = Mul(p, p).
TEST(FlexAttentionOp, ScoreAndProbModifiersThroughSession) {
  const int64_t S = 2, T = 3, D = 2;
  const std::vector<float> q = wave(size_t(S * D), 0.1f), k = wave(size_t(T * D), 1.2f),
                           v = wave(size_t(T * D), 2.3f);
  std::vector<float> want(size_t(S * D), 0.f);
  for (int64_t i = 0; i < S; ++i) {
    std::vector<double> s(static_cast<size_t>(T));
    double mx = -kInf, sum = 0;
    for (int64_t j = 0; j < T; ++j) {
      double dot = 0;
      for (int64_t d = 0; d < D; ++d) dot += double(q[size_t(i * D + d)]) * k[size_t(j * D + d)];
      s[size_t(j)] = -dot / std::sqrt(double(D));
      mx = std::max(mx, s[size_t(j)]);
    }
    for (double& e : s) sum += (e = std::exp(e - mx));
    for (int64_t j = 0; j < T; ++j) {
      const double p = s[size_t(j)] / sum;
      for (int64_t d = 0; d < D; ++d)
        want[size_t(i * D + d)] += float(p * p * v[size_t(j * D + d)]);
    }
  }
  testing::GraphBuilder score("score_mod");
  score.input("s", DType::kFloat32).node("Neg", {"s"}, {"s_out"});
  score.output("s_out");
  testing::GraphBuilder prob("prob_mod");
  prob.input("p", DType::kFloat32).node("Mul", {"p", "p"}, {"p_out"});
  prob.output("p_out");
  testing::ModelBuilder b(26);
  b.model().opset_imports.push_back({"ai.onnx.preview", 1});
  b.input("q", DType::kFloat32, {1, 1, S, D});
  b.input("k", DType::kFloat32, {1, 1, T, D});
  b.input("v", DType::kFloat32, {1, 1, T, D});
  ir::Node& n = b.node("FlexAttention", {"q", "k", "v"}, {"y"});
  n.domain = "ai.onnx.preview";
  n.attributes = {testing::graph_attr("score_mod", score.graph()),
                  testing::graph_attr("prob_mod", prob.graph())};
  b.output("y", DType::kFloat32);
  Session session = b.session().value();
  auto out = session.run({{"q", Tensor::from_vector<float>({1, 1, S, D}, q)},
                          {"k", Tensor::from_vector<float>({1, 1, T, D}, k)},
                          {"v", Tensor::from_vector<float>({1, 1, T, D}, v)}});
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  const Tensor& y = (*out)[0];
  ASSERT_EQ(y.shape(), (Shape{1, 1, S, D}));
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(y.data<float>()[i], want[i], 1e-5) << i;
}

// Recurrence oracle of LinearAttention (spec formulas), one batch entry, kv heads = 1, Hq = 2.
TEST(LinearAttentionOp, GatedDeltaWithGqaAndPastState) {
  const int64_t T = 3, dk = 2, dv = 3, Hq = 2;
  const std::vector<float> q = wave(size_t(T * Hq * dk), 0.1f), k = wave(size_t(T * dk), 0.8f),
                           v = wave(size_t(T * dv), 1.9f), past = wave(size_t(dk * dv), 2.4f);
  const std::vector<float> decay = {-0.1f, -0.5f, -0.2f, -1.0f, 0.0f, -0.3f};  // [1, T, dk]
  const std::vector<float> beta = {0.9f, 0.4f, 0.7f};                          // [1, T, 1]
  const double scale = 0.6;
  std::vector<double> st(past.begin(), past.end());
  std::vector<float> y(size_t(T * Hq * dv));
  for (int64_t t = 0; t < T; ++t) {
    for (int64_t d = 0; d < dk; ++d)
      for (int64_t m = 0; m < dv; ++m)
        st[size_t(d * dv + m)] *= std::exp(decay[size_t(t * dk + d)]);
    std::vector<double> u(static_cast<size_t>(dv));
    for (int64_t m = 0; m < dv; ++m) {
      double r = 0;
      for (int64_t d = 0; d < dk; ++d) r += st[size_t(d * dv + m)] * k[size_t(t * dk + d)];
      u[size_t(m)] = beta[size_t(t)] * (v[size_t(t * dv + m)] - r);
    }
    for (int64_t d = 0; d < dk; ++d)
      for (int64_t m = 0; m < dv; ++m)
        st[size_t(d * dv + m)] += k[size_t(t * dk + d)] * u[size_t(m)];
    for (int64_t h = 0; h < Hq; ++h)
      for (int64_t m = 0; m < dv; ++m) {
        double acc = 0;
        for (int64_t d = 0; d < dk; ++d)
          acc += q[size_t((t * Hq + h) * dk + d)] * st[size_t(d * dv + m)];
        y[size_t((t * Hq + h) * dv + m)] = float(scale * acc);
      }
  }
  OpTest("LinearAttention", 27)
      .attr("q_num_heads", Hq)
      .attr("kv_num_heads", int64_t{1})
      .attr("scale", 0.6f)
      .input<float>({1, T, Hq * dk}, q)
      .input<float>({1, T, dk}, k)
      .input<float>({1, T, dv}, v)
      .input<float>({1, 1, dk, dv}, past)
      .input<float>({1, T, dk}, decay)
      .input<float>({1, T, 1}, beta)
      .output<float>({1, T, Hq * dv}, y)
      .output<float>({1, 1, dk, dv}, to_floats(st))
      .tolerance(1e-5, 1e-6)
      .run();
}

TEST(LinearAttentionOp, LinearRuleAndErrors) {
  // One token, no past: S = k v^T, y = scale * q^T S = scale * (q . k) v.
  OpTest("LinearAttention", 27)
      .attr("q_num_heads", int64_t{1})
      .attr("kv_num_heads", int64_t{1})
      .attr("update_rule", "linear")
      .input<float>({1, 1, 4}, {1, 2, 0, 1})
      .input<float>({1, 1, 4}, {0.5f, 1, 3, 0})
      .input<float>({1, 1, 2}, {2, -1})
      .output<float>({1, 1, 2}, {2.5f, -1.25f})  // scale 1/sqrt(4), q.k = 2.5
      .output<float>({1, 1, 4, 2}, {1, -0.5f, 2, -1, 6, -3, 0, 0})
      .run();
  OpTest("LinearAttention", 27)
      .attr("q_num_heads", int64_t{1})
      .attr("kv_num_heads", int64_t{1})
      .attr("update_rule", "gated")
      .input<float>({1, 1, 2}, {1, 2})
      .input<float>({1, 1, 2}, {1, 2})
      .input<float>({1, 1, 2}, {1, 2})
      .output<float>({1, 1, 2}, {1, 2})
      .num_outputs(2)
      .expect_error(StatusCode::kInvalidGraph, "decay");
}

TEST(GemmOp, Float16AndBFloat16WithTransposeAndBroadcastC) {
  // Y = 0.5 * A^T B^T + 2 * C, A^T [2, 3], B^T [3, 2], C [2] broadcast over rows; exact values.
  const std::vector<float> a = {1, 4, 2, 5, 3, 6};   // A [3, 2]
  const std::vector<float> b = {1, 0, -1, 2, 1, 0};  // B [2, 3]
  const std::vector<float> c = {1, -1};
  std::vector<float> y(4);
  for (int64_t i = 0; i < 2; ++i)
    for (int64_t j = 0; j < 2; ++j) {
      float acc = 0;
      for (int64_t p = 0; p < 3; ++p) acc += a[size_t(p * 2 + i)] * b[size_t(j * 3 + p)];
      y[size_t(i * 2 + j)] = 0.5f * acc + 2 * c[size_t(j)];
    }
  auto conv = [](DType t, const std::vector<float>& v, Shape shape) {
    Tensor out = Tensor::empty(t, std::move(shape));
    for (size_t i = 0; i < v.size(); ++i) {
      if (t == DType::kFloat16)
        out.data<Float16>()[i] = from_float<Float16>(v[i]);
      else
        out.data<BFloat16>()[i] = from_float<BFloat16>(v[i]);
    }
    return out;
  };
  for (DType t : {DType::kFloat16, DType::kBFloat16})
    OpTest("Gemm", 13)
        .attr("transA", int64_t{1})
        .attr("transB", int64_t{1})
        .attr("alpha", 0.5f)
        .attr("beta", 2.0f)
        .input(conv(t, a, {3, 2}))
        .input(conv(t, b, {2, 3}))
        .input(conv(t, c, {2}))
        .output(conv(t, y, {2, 2}))
        .run();
}

// Heads split over 3 threads (5 heads: uneven slots), causal, with the qk output: the same values.
TEST(AttentionOp, HeadsInParallelThroughSession) {
  Oracle o{1, 5, 5, 4, 4, 3, 3, 1.0 / std::sqrt(3.0)};  // default scale 1/sqrt(D)
  o.q = wave(size_t(o.B * o.Hq * o.S * o.D), 0.4f);
  o.k = wave(size_t(o.B * o.Hkv * o.T * o.D), 1.4f);
  o.v = wave(size_t(o.B * o.Hkv * o.T * o.Dv), 2.4f);
  o.run([](int64_t, int64_t, int64_t i, int64_t j) { return j > i ? -kInf : 0.0; }, 3);
  testing::ModelBuilder b(23);
  b.input("q", DType::kFloat32, {o.B, o.Hq, o.S, o.D});
  b.input("k", DType::kFloat32, {o.B, o.Hkv, o.T, o.D});
  b.input("v", DType::kFloat32, {o.B, o.Hkv, o.T, o.Dv});
  b.node("Attention", {"q", "k", "v"}, {"y", "", "", "qk"}).attributes = {
      testing::ModelBuilder::int_attr("is_causal", 1),
      testing::ModelBuilder::int_attr("qk_matmul_output_mode", 3)};
  b.output("y", DType::kFloat32);
  b.output("qk", DType::kFloat32);
  Session session = b.session(Options().threads(3)).value();
  auto out = session.run({{"q", Tensor::from_vector<float>({o.B, o.Hq, o.S, o.D}, o.q)},
                          {"k", Tensor::from_vector<float>({o.B, o.Hkv, o.T, o.D}, o.k)},
                          {"v", Tensor::from_vector<float>({o.B, o.Hkv, o.T, o.Dv}, o.v)}});
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  for (size_t i = 0; i < o.y.size(); ++i) EXPECT_NEAR((*out)[0].data<float>()[i], o.y[i], 1e-5);
  for (size_t i = 0; i < o.qk.size(); ++i) EXPECT_NEAR((*out)[1].data<float>()[i], o.qk[i], 1e-6);
}

// softmax_precision = double (11) with float32 inputs: the whole computation runs in double, so
// the result matches the double oracle to float rounding of the output.
TEST(AttentionOp, SoftmaxPrecisionDoubleWithFloatInputs) {
  Oracle o{1, 2, 1, 3, 4, 5, 2, 0.25};
  o.q = wave(size_t(o.B * o.Hq * o.S * o.D), 0.9f);
  o.k = wave(size_t(o.B * o.Hkv * o.T * o.D), 1.9f);
  o.v = wave(size_t(o.B * o.Hkv * o.T * o.Dv), 2.9f);
  o.run([](int64_t, int64_t, int64_t, int64_t) { return 0.0; }, 0);
  for (const char* op : {"Attention", "FlexAttention"}) {
    const bool flex = std::string(op) == "FlexAttention";
    OpTest(op, flex ? 1 : 23, flex ? "ai.onnx.preview" : "")
        .attr("scale", 0.25f)
        .attr("softmax_precision", int64_t{11})
        .input<float>({o.B, o.Hq, o.S, o.D}, o.q)
        .input<float>({o.B, o.Hkv, o.T, o.D}, o.k)
        .input<float>({o.B, o.Hkv, o.T, o.Dv}, o.v)
        .output<float>({o.B, o.Hq, o.S, o.Dv}, to_floats(o.y))
        .tolerance(1e-7, 1e-8)
        .run();
  }
}

}  // namespace
}  // namespace onyx
