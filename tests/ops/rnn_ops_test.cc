// RNN, GRU and LSTM through OpTest (eager, folded and session paths) against an independently
// coded double-precision reference written straight from the ONNX equations (per element, no
// GEMM): corners the ONNX backend tests miss — bidirectional with sequence_lens and layout 1,
// custom activation lists with alpha/beta, clip, peepholes, input_forget, linear_before_reset,
// omitted outputs, double/float16 data — and the errors.
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "base/half.h"
#include "common/op_test_builder.h"
#include "gtest/gtest.h"

namespace onyx::testing {
namespace {

using Act = std::function<double(double)>;
double sigmoid(double x) {
  return 1 / (1 + std::exp(-x));
}

enum class Cell { kRnn, kGru, kLstm };
int gates(Cell c) {
  return c == Cell::kRnn ? 1 : c == Cell::kGru ? 3 : 4;
}

// A problem in ONNX layout 0: X [S, B, I], W [D, G*H, I], R [D, G*H, H], Bias [D, 2*G*H],
// P [D, 3*H], h0/c0 [D, B, H]; outputs Y [S, D, B, H], Y_h / Y_c [D, B, H].
struct Problem {
  Cell cell = Cell::kRnn;
  int64_t S = 0, B = 0, I = 0, H = 0, D = 1;
  bool reverse = false;  // D == 1 only
  std::vector<float> x, w, r, bias, p, h0, c0;
  std::vector<int32_t> lens;           // empty: all S
  std::vector<std::vector<Act>> acts;  // per direction: f[, g[, h]]
  double clip = 0;                     // 0: none
  bool linear_before_reset = false, input_forget = false;
  std::vector<double> y, y_h, y_c;  // filled by solve()
};

std::vector<float> wave(size_t n, float phase, float amp = 0.6f) {
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = amp * std::sin(1.3f * float(i) + phase);
  return v;
}

void solve(Problem& pb) {
  const int64_t S = pb.S, B = pb.B, I = pb.I, H = pb.H, D = pb.D, G = gates(pb.cell);
  pb.y.assign(size_t(S * D * B * H), 0.0);
  pb.y_h.assign(size_t(D * B * H), 0.0);
  pb.y_c.assign(size_t(D * B * H), 0.0);
  auto cl = [&](double v) { return pb.clip > 0 ? std::max(-pb.clip, std::min(pb.clip, v)) : v; };
  for (int64_t d = 0; d < D; ++d) {
    const bool rev = D == 2 ? d == 1 : pb.reverse;
    const auto& act = pb.acts[size_t(d)];
    auto W = [&](int64_t g, int64_t j, int64_t i) {
      return double(pb.w[size_t(((d * G + g) * H + j) * I + i)]);
    };
    auto R = [&](int64_t g, int64_t j, int64_t k) {
      return double(pb.r[size_t(((d * G + g) * H + j) * H + k)]);
    };
    auto Wb = [&](int64_t g, int64_t j) {
      return pb.bias.empty() ? 0.0 : double(pb.bias[size_t(d * 2 * G * H + g * H + j)]);
    };
    auto Rb = [&](int64_t g, int64_t j) {
      return pb.bias.empty() ? 0.0 : double(pb.bias[size_t(d * 2 * G * H + (G + g) * H + j)]);
    };
    auto P = [&](int64_t g, int64_t j) {
      return pb.p.empty() ? 0.0 : double(pb.p[size_t(d * 3 * H + g * H + j)]);
    };
    for (int64_t b = 0; b < B; ++b) {
      const int64_t len = pb.lens.empty() ? S : pb.lens[size_t(b)];
      std::vector<double> h(size_t(H), 0.0), c(size_t(H), 0.0);
      for (int64_t j = 0; j < H; ++j) {
        if (!pb.h0.empty()) h[size_t(j)] = pb.h0[size_t((d * B + b) * H + j)];
        if (!pb.c0.empty()) c[size_t(j)] = pb.c0[size_t((d * B + b) * H + j)];
      }
      for (int64_t s = 0; s < len; ++s) {
        const int64_t t = rev ? len - 1 - s : s;
        auto xw = [&](int64_t g, int64_t j) {
          double acc = 0;
          for (int64_t i = 0; i < I; ++i)
            acc += double(pb.x[size_t((t * B + b) * I + i)]) * W(g, j, i);
          return acc + Wb(g, j);
        };
        auto hr = [&](int64_t g, int64_t j, const std::vector<double>& hv) {
          double acc = 0;
          for (int64_t k = 0; k < H; ++k) acc += hv[size_t(k)] * R(g, j, k);
          return acc;
        };
        const auto hn = static_cast<size_t>(H);
        std::vector<double> nh(hn), nc(hn);
        if (pb.cell == Cell::kRnn) {
          for (int64_t j = 0; j < H; ++j)
            nh[size_t(j)] = act[0](cl(xw(0, j) + hr(0, j, h) + Rb(0, j)));
        } else if (pb.cell == Cell::kGru) {
          std::vector<double> z(hn), rg(hn), rh(hn);
          for (int64_t j = 0; j < H; ++j) {
            z[size_t(j)] = act[0](cl(xw(0, j) + hr(0, j, h) + Rb(0, j)));
            rg[size_t(j)] = act[0](cl(xw(1, j) + hr(1, j, h) + Rb(1, j)));
            rh[size_t(j)] = rg[size_t(j)] * h[size_t(j)];
          }
          for (int64_t j = 0; j < H; ++j) {
            const double pre = pb.linear_before_reset
                                   ? xw(2, j) + rg[size_t(j)] * (hr(2, j, h) + Rb(2, j))
                                   : xw(2, j) + hr(2, j, rh) + Rb(2, j);
            const double ht = act[1](cl(pre));
            nh[size_t(j)] = (1 - z[size_t(j)]) * ht + z[size_t(j)] * h[size_t(j)];
          }
        } else {
          for (int64_t j = 0; j < H; ++j) {
            auto pre = [&](int64_t g) { return xw(g, j) + hr(g, j, h) + Rb(g, j); };
            const double ig = act[0](cl(pre(0) + P(0, j) * c[size_t(j)]));
            const double fg =
                pb.input_forget ? 1 - ig : act[0](cl(pre(2) + P(2, j) * c[size_t(j)]));
            const double cg = act[1](cl(pre(3)));
            nc[size_t(j)] = fg * c[size_t(j)] + ig * cg;
            const double og = act[0](cl(pre(1) + P(1, j) * nc[size_t(j)]));
            nh[size_t(j)] = og * act[2](nc[size_t(j)]);
          }
          c = nc;
        }
        h = nh;
        for (int64_t j = 0; j < H; ++j) pb.y[size_t(((t * D + d) * B + b) * H + j)] = h[size_t(j)];
      }
      for (int64_t j = 0; j < H; ++j) {
        pb.y_h[size_t((d * B + b) * H + j)] = h[size_t(j)];
        pb.y_c[size_t((d * B + b) * H + j)] = c[size_t(j)];
      }
    }
  }
}

// Transposes the two leading dims of a [a, b, rest] tensor.
template <class T>
std::vector<T> swap01(const std::vector<T>& v, int64_t a, int64_t b, int64_t rest) {
  std::vector<T> out(v.size());
  for (int64_t i = 0; i < a; ++i)
    for (int64_t j = 0; j < b; ++j)
      for (int64_t k = 0; k < rest; ++k)
        out[size_t((j * a + i) * rest + k)] = v[size_t((i * b + j) * rest + k)];
  return out;
}

std::vector<float> f32(const std::vector<double>& v) {
  return std::vector<float>(v.begin(), v.end());
}

Problem make_problem(Cell cell, int64_t D, uint32_t seed) {
  Problem pb;
  pb.cell = cell;
  pb.S = 4, pb.B = 3, pb.I = 2, pb.H = 3, pb.D = D;
  const int64_t G = gates(cell);
  const float ph = float(seed);
  pb.x = wave(size_t(pb.S * pb.B * pb.I), ph, 1.0f);
  pb.w = wave(size_t(D * G * pb.H * pb.I), ph + 1);
  pb.r = wave(size_t(D * G * pb.H * pb.H), ph + 2);
  pb.bias = wave(size_t(D * 2 * G * pb.H), ph + 3, 0.3f);
  pb.h0 = wave(size_t(D * pb.B * pb.H), ph + 4, 0.5f);
  if (cell == Cell::kLstm) {
    pb.c0 = wave(size_t(D * pb.B * pb.H), ph + 5, 0.5f);
    pb.p = wave(size_t(D * 3 * pb.H), ph + 6, 0.4f);
  }
  const Act sig = sigmoid;
  const Act th = [](double v) { return std::tanh(v); };
  for (int64_t d = 0; d < D; ++d) {
    if (cell == Cell::kRnn) pb.acts.push_back({th});
    if (cell == Cell::kGru) pb.acts.push_back({sig, th});
    if (cell == Cell::kLstm) pb.acts.push_back({sig, th, th});
  }
  return pb;
}

const char* op_name(Cell c) {
  return c == Cell::kRnn ? "RNN" : c == Cell::kGru ? "GRU" : "LSTM";
}

// The node for `pb` in `layout` with every input and output (inputs as OpTest data).
OpTest node_test(const Problem& pb, int64_t layout, int64_t opset) {
  const int64_t G = gates(pb.cell), S = pb.S, B = pb.B, I = pb.I, H = pb.H, D = pb.D;
  OpTest t(op_name(pb.cell), opset);
  t.attr("hidden_size", H);
  if (D == 2) t.attr("direction", "bidirectional");
  if (pb.reverse) t.attr("direction", "reverse");
  if (layout != 0) t.attr("layout", layout);
  if (pb.clip > 0) t.attr("clip", float(pb.clip));
  if (pb.linear_before_reset) t.attr("linear_before_reset", int64_t{1});
  if (pb.input_forget) t.attr("input_forget", int64_t{1});
  if (layout == 0)
    t.input<float>({S, B, I}, pb.x);
  else
    t.input<float>({B, S, I}, swap01(pb.x, S, B, I));
  t.constant<float>({D, G * H, I}, pb.w).constant<float>({D, G * H, H}, pb.r);
  t.input<float>({D, 2 * G * H}, pb.bias);
  if (pb.lens.empty())
    t.absent();
  else
    t.input<int32_t>({B}, pb.lens);
  const Shape state = layout == 0 ? Shape{D, B, H} : Shape{B, D, H};
  t.input<float>(state, layout == 0 ? pb.h0 : swap01(pb.h0, D, B, H));
  if (pb.cell == Cell::kLstm) {
    t.input<float>(state, layout == 0 ? pb.c0 : swap01(pb.c0, D, B, H));
    t.input<float>({D, 3 * H}, pb.p);
  }
  if (layout == 0) {
    t.output<float>({S, D, B, H}, f32(pb.y));
  } else {
    // [S, D, B, H] -> [B, S, D, H]
    std::vector<double> y(pb.y.size());
    for (int64_t s = 0; s < S; ++s)
      for (int64_t d = 0; d < D; ++d)
        for (int64_t b = 0; b < B; ++b)
          for (int64_t j = 0; j < H; ++j)
            y[size_t(((b * S + s) * D + d) * H + j)] = pb.y[size_t(((s * D + d) * B + b) * H + j)];
    t.output<float>({B, S, D, H}, f32(y));
  }
  t.output<float>(state, f32(layout == 0 ? pb.y_h : swap01(pb.y_h, D, B, H)));
  if (pb.cell == Cell::kLstm)
    t.output<float>(state, f32(layout == 0 ? pb.y_c : swap01(pb.y_c, D, B, H)));
  t.tolerance(1e-4, 1e-5);
  return t;
}

TEST(RnnOps, BidirectionalSequenceLensBothLayoutsAllCells) {
  for (Cell cell : {Cell::kRnn, Cell::kGru, Cell::kLstm}) {
    for (int64_t layout : {0, 1}) {
      Problem pb = make_problem(cell, 2, uint32_t(layout) + 3);
      pb.lens = {4, 2, 0};  // full, partial (reverse starts at t = 1), empty (state = initial)
      solve(pb);
      SCOPED_TRACE(std::string(op_name(cell)) + " layout " + std::to_string(layout));
      node_test(pb, layout, 14).run();
    }
  }
}

TEST(RnnOps, GruLinearBeforeResetReverseWithClip) {
  for (bool lbr : {false, true}) {
    Problem pb = make_problem(Cell::kGru, 1, 7);
    pb.reverse = true;
    pb.linear_before_reset = lbr;
    pb.clip = 0.5;
    pb.lens = {3, 4, 1};
    solve(pb);
    SCOPED_TRACE(lbr ? "linear_before_reset" : "reset before linear");
    node_test(pb, 0, 7).run();
  }
}

TEST(RnnOps, LstmInputForgetLayout1) {
  Problem pb = make_problem(Cell::kLstm, 1, 9);
  pb.input_forget = true;
  solve(pb);
  node_test(pb, 1, 22).run();
}

TEST(RnnOps, CustomActivationsWithAlphaBeta) {
  // Bidirectional RNN: forward LeakyRelu(0.2), reverse ScaledTanh(1.5, 0.7); alphas and betas
  // are consumed in order by the functions that take them.
  Problem pb = make_problem(Cell::kRnn, 2, 11);
  pb.acts = {{[](double v) { return v >= 0 ? v : 0.2 * v; }},
             {[](double v) { return 1.5 * std::tanh(0.7 * v); }}};
  solve(pb);
  OpTest t = node_test(pb, 0, 14);
  t.attr("activations", std::vector<std::string>{"LeakyRelu", "ScaledTanh"});
  t.attr("activation_alpha", std::vector<float>{0.2f, 1.5f});
  t.attr("activation_beta", std::vector<float>{0.7f});
  t.run();

  // GRU with f = HardSigmoid (defaults 0.2, 0.5), g = Softsign; LSTM f = Sigmoid,
  // g = Affine(0.5, 0.1), h = Elu (default alpha 1).
  Problem gru = make_problem(Cell::kGru, 1, 12);
  gru.acts = {{[](double v) { return std::max(0.0, std::min(1.0, 0.2 * v + 0.5)); },
               [](double v) { return v / (1 + std::abs(v)); }}};
  solve(gru);
  OpTest tg = node_test(gru, 0, 14);
  tg.attr("activations", std::vector<std::string>{"HardSigmoid", "Softsign"});
  tg.run();
  Problem lstm = make_problem(Cell::kLstm, 1, 13);
  lstm.acts = {{sigmoid, [](double v) { return 0.5 * v + 0.1; },
                [](double v) { return v >= 0 ? v : std::exp(v) - 1; }}};
  solve(lstm);
  OpTest tl = node_test(lstm, 0, 14);
  tl.attr("activations", std::vector<std::string>{"sigmoid", "Affine", "Elu"});
  tl.attr("activation_alpha", std::vector<float>{0.5f});
  tl.attr("activation_beta", std::vector<float>{0.1f});
  tl.run();
}

TEST(RnnOps, OnlyYHAndDoubleData) {
  Problem pb = make_problem(Cell::kGru, 1, 15);
  solve(pb);
  // Y omitted (""), Y_h requested: built by hand since OpTest names every output.
  const int64_t S = pb.S, B = pb.B, I = pb.I, H = pb.H;
  auto d64 = [](const std::vector<float>& v) { return std::vector<double>(v.begin(), v.end()); };
  OpTest("GRU", 14)
      .attr("hidden_size", H)
      .input<double>({S, B, I}, d64(pb.x))
      .input<double>({1, 3 * H, I}, d64(pb.w))
      .input<double>({1, 3 * H, H}, d64(pb.r))
      .input<double>({1, 6 * H}, d64(pb.bias))
      .absent()
      .input<double>({1, B, H}, d64(pb.h0))
      .output<double>({S, 1, B, H}, pb.y)
      .output<double>({1, B, H}, pb.y_h)
      .tolerance(1e-9, 1e-12)
      .run();
  // Only Y (one output).
  OpTest("GRU", 14)
      .attr("hidden_size", H)
      .input<float>({S, B, I}, pb.x)
      .input<float>({1, 3 * H, I}, pb.w)
      .input<float>({1, 3 * H, H}, pb.r)
      .input<float>({1, 6 * H}, pb.bias)
      .absent()
      .input<float>({1, B, H}, pb.h0)
      .output<float>({S, 1, B, H}, f32(pb.y))
      .tolerance(1e-4, 1e-5)
      .run();
}

TEST(RnnOps, Float16ComputedInFloat) {
  Problem pb = make_problem(Cell::kRnn, 1, 17);
  pb.bias.clear();
  pb.h0.clear();
  solve(pb);
  auto half = [](Shape s, const std::vector<float>& v) {
    Tensor t = Tensor::empty(DType::kFloat16, std::move(s));
    for (size_t i = 0; i < v.size(); ++i) t.data<Float16>()[i] = from_float<Float16>(v[i]);
    return t;
  };
  OpTest("RNN", 14)
      .attr("hidden_size", pb.H)
      .input(half({pb.S, pb.B, pb.I}, pb.x))
      .input(half({1, pb.H, pb.I}, pb.w))
      .input(half({1, pb.H, pb.H}, pb.r))
      .output(half({pb.S, 1, pb.B, pb.H}, f32(pb.y)))
      .output(half({1, pb.B, pb.H}, f32(pb.y_h)))
      .tolerance(1e-2, 1e-2)
      .run();
}

TEST(RnnOps, Errors) {
  Problem pb = make_problem(Cell::kRnn, 1, 19);
  // sequence_lens beyond seq_length: a run-time error naming the entry.
  OpTest("RNN", 14)
      .attr("hidden_size", pb.H)
      .input<float>({pb.S, pb.B, pb.I}, pb.x)
      .input<float>({1, pb.H, pb.I}, pb.w)
      .input<float>({1, pb.H, pb.H}, pb.r)
      .absent()
      .input<int32_t>({pb.B}, {1, 5, 2})
      .num_outputs(1)
      .expect_error(StatusCode::kRuntimeException, "sequence_lens[1] = 5");
  OpTest("RNN", 14)
      .attr("hidden_size", pb.H)
      .attr("activations", std::vector<std::string>{"Gelu"})
      .input<float>({pb.S, pb.B, pb.I}, pb.x)
      .input<float>({1, pb.H, pb.I}, pb.w)
      .input<float>({1, pb.H, pb.H}, pb.r)
      .num_outputs(1)
      .expect_error(StatusCode::kNotImplemented, "Gelu");
  OpTest("RNN", 14)
      .attr("hidden_size", pb.H)
      .input<float>({pb.S, pb.B, pb.I}, pb.x)
      .input<float>({1, pb.H, pb.I + 1}, wave(size_t(pb.H * (pb.I + 1)), 0))
      .input<float>({1, pb.H, pb.H}, pb.r)
      .num_outputs(1)
      .expect_error(StatusCode::kInvalidGraph, "input 1");
}

}  // namespace
}  // namespace onyx::testing
