// GEMM: SIMD (gemm) vs scalar reference (gemm_reference), and the reference vs a double-precision
// naive loop, on odd sizes, transposes, alpha/beta, packed operands, epilogues and 1-2 threads.
#include "kernels/gemm.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace onyx::kernels {
namespace {

std::vector<float> random_vector(size_t n, std::mt19937& rng) {
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> v(n);
  for (float& x : v) x = dist(rng);
  return v;
}

struct Case {
  int64_t m, n, k;
  bool ta, tb;
  float alpha, beta;
  bool pack_a, pack_b;
  GemmEpilogue ep;
};

// Runs gemm and gemm_reference on the same inputs and checks they agree within K-scaled tolerance.
// Without `with_workspace`, gemm() gets no workspace and uses its own buffers.
void check_case(const Case& cs, ThreadPool* pool, std::mt19937& rng, bool with_workspace = true) {
  const int64_t lda = (cs.ta ? cs.m : cs.k) + 3, ldb = (cs.tb ? cs.k : cs.n) + 1, ldc = cs.n + 2;
  std::vector<float> a = random_vector(static_cast<size_t>((cs.ta ? cs.k : cs.m) * lda), rng);
  std::vector<float> b = random_vector(static_cast<size_t>((cs.tb ? cs.n : cs.k) * ldb), rng);
  std::vector<float> c0 = random_vector(static_cast<size_t>(cs.m * ldc), rng);
  std::vector<float> row_bias = random_vector(static_cast<size_t>(cs.m), rng);
  std::vector<float> col_bias = random_vector(static_cast<size_t>(cs.n), rng);
  GemmEpilogue ep = cs.ep;
  if (ep.row_bias) ep.row_bias = row_bias.data();
  if (ep.col_bias) ep.col_bias = col_bias.data();

  PackedMatrix pa, pb;
  GemmOperand opa = GemmOperand::matrix(a.data(), lda, cs.ta);
  GemmOperand opb = GemmOperand::matrix(b.data(), ldb, cs.tb);
  if (cs.pack_a) {
    pa = PackedMatrix::pack_a(cs.m, cs.k, a.data(), lda, cs.ta);
    opa = GemmOperand::panels(pa.view());
  }
  if (cs.pack_b) {
    pb = PackedMatrix::pack_b(cs.k, cs.n, b.data(), ldb, cs.tb);
    opb = GemmOperand::panels(pb.view());
  }
  std::vector<float> expect = c0, got = c0;
  gemm_reference(cs.m, cs.n, cs.k, cs.alpha, GemmOperand::matrix(a.data(), lda, cs.ta),
                 GemmOperand::matrix(b.data(), ldb, cs.tb), cs.beta, expect.data(), ldc, ep);
  std::vector<char> ws(
      gemm_workspace_bytes(cs.m, cs.n, cs.k, cs.pack_a, cs.pack_b, pool ? pool->num_threads() : 1) +
      64);
  void* ws_ptr = reinterpret_cast<void*>((reinterpret_cast<uintptr_t>(ws.data()) + 63) & ~63ull);
  gemm(cs.m, cs.n, cs.k, cs.alpha, opa, opb, cs.beta, got.data(), ldc, ep, pool,
       with_workspace ? ws_ptr : nullptr);
  const float tol = 1e-5f * static_cast<float>(cs.k + 4);
  for (int64_t i = 0; i < cs.m; ++i) {
    for (int64_t j = 0; j < ldc; ++j) {
      const size_t idx = static_cast<size_t>(i * ldc + j);
      if (j >= cs.n) {  // padding columns must be untouched
        ASSERT_EQ(got[idx], c0[idx]) << "wrote outside C at " << i << "," << j;
        continue;
      }
      ASSERT_NEAR(got[idx], expect[idx], tol)
          << "m=" << cs.m << " n=" << cs.n << " k=" << cs.k << " ta=" << cs.ta << " tb=" << cs.tb
          << " alpha=" << cs.alpha << " beta=" << cs.beta << " pack_a=" << cs.pack_a
          << " pack_b=" << cs.pack_b << " at " << i << "," << j;
    }
  }
}

TEST(Gemm, ReferenceMatchesNaiveDouble) {
  std::mt19937 rng(1);
  const int64_t m = 7, n = 9, k = 11;
  std::vector<float> a = random_vector(m * k, rng), b = random_vector(k * n, rng);
  std::vector<float> c = random_vector(m * n, rng), c0 = c;
  gemm_reference(m, n, k, 0.5f, GemmOperand::matrix(a.data(), k), GemmOperand::matrix(b.data(), n),
                 2.0f, c.data(), n);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      double s = 0;
      for (int64_t p = 0; p < k; ++p) s += double(a[i * k + p]) * b[p * n + j];
      EXPECT_NEAR(c[i * n + j], 0.5 * s + 2.0 * c0[i * n + j], 1e-5);
    }
}

TEST(Gemm, SimdMatchesReferenceOddSizes) {
  std::mt19937 rng(42);
  ThreadPool pool2(2);
  const int64_t sizes[] = {1, 2, 3, 5, 6, 7, 13, 16, 17, 31, 33, 48, 67};
  int count = 0;
  for (int64_t m : sizes)
    for (int64_t n : sizes)
      for (int64_t k : {int64_t{1}, int64_t{7}, int64_t{33}, int64_t{67}}) {
        Case cs{m, n, k, (count & 1) != 0, (count & 2) != 0, 1.0f, 0.0f, false, false, {}};
        cs.alpha = (count % 3 == 0) ? 1.0f : -0.75f;
        cs.beta = (count % 5 == 0) ? 0.0f : (count % 5 == 1 ? 1.0f : 0.5f);
        cs.pack_a = (count % 7) < 3;
        cs.pack_b = (count % 4) == 1;
        check_case(cs, (count % 2) ? &pool2 : nullptr, rng);
        ++count;
      }
}

TEST(Gemm, EpiloguesMatchReference) {
  std::mt19937 rng(7);
  ThreadPool pool2(2);
  for (int variant = 0; variant < 6; ++variant) {
    GemmEpilogue ep;
    ep.row_bias = (variant % 2 == 0) ? reinterpret_cast<const float*>(1) : nullptr;  // marker
    ep.col_bias = (variant % 3 == 1) ? reinterpret_cast<const float*>(1) : nullptr;
    ep.activation =
        variant < 2 ? Activation::kNone : (variant < 4 ? Activation::kRelu : Activation::kClip);
    ep.clip_min = -0.3f;
    ep.clip_max = 0.4f;
    for (int64_t k : {int64_t{5}, int64_t{300}}) {  // 300 > kc: epilogue only on the last K block
      check_case(Case{37, 45, k, false, false, 1.0f, 0.5f, variant % 2 == 1, false, ep}, &pool2,
                 rng);
      check_case(Case{64, 200, k, true, true, 1.0f, 0.0f, true, true, ep}, nullptr, rng);
    }
  }
}

TEST(Gemm, LargeThreadedMatchesReference) {
  std::mt19937 rng(3);
  ThreadPool pool2(2);
  check_case(Case{130, 530, 290, false, false, 1.0f, 0.0f, true, false, {}}, &pool2, rng);
  check_case(Case{257, 129, 513, false, true, 2.0f, 1.0f, false, true, {}}, &pool2, rng);
  check_case(Case{100, 300, 260, true, false, 1.0f, 0.0f, false, false, {}}, nullptr, rng);
}

// M <= 4 takes the skinny path when B is packed or not transposed (transposed unpacked B: the
// blocked path); N tails inside and after the kernels' panel groups; threads split N.
TEST(Gemm, SkinnyMatchesReference) {
  std::mt19937 rng(11);
  ThreadPool pool2(2);
  int count = 0;
  for (int64_t m : {1, 2, 3, 4, 5})
    for (int64_t n : {1, 7, 16, 17, 40, 64, 79, 1000})
      for (int64_t k : {int64_t{1}, int64_t{9}, int64_t{300}}) {
        Case cs{m, n, k, (count % 3) == 1, (count % 4) == 3, 1.0f, 0.0f, false, false, {}};
        cs.alpha = (count % 2) ? 1.0f : 1.5f;
        cs.beta = (count % 3 == 0) ? 0.0f : 0.5f;
        cs.pack_a = (count % 5) == 2;
        cs.pack_b = (count % 2) == 0;
        check_case(cs, (count % 3 == 2) ? &pool2 : nullptr, rng, count % 4 != 1);
        ++count;
      }
}

TEST(Gemm, SkinnyEpiloguesAndNaN) {
  std::mt19937 rng(12);
  ThreadPool pool2(2);
  for (int variant = 0; variant < 4; ++variant) {
    GemmEpilogue ep;
    ep.row_bias = variant != 1 ? reinterpret_cast<const float*>(1) : nullptr;  // marker
    ep.col_bias = variant != 2 ? reinterpret_cast<const float*>(1) : nullptr;
    ep.activation = variant == 3 ? Activation::kClip : Activation::kRelu;
    ep.clip_min = -0.2f;
    ep.clip_max = 0.3f;
    check_case(Case{3, 203, 130, false, false, 1.0f, 1.0f, false, true, ep}, &pool2, rng);
    check_case(Case{2, 57, 33, true, false, -1.0f, 0.0f, false, false, ep}, nullptr, rng);
  }
  // NaN in A reaches its row of C through Relu, as with the unfused ops.
  const int64_t n = 37, k = 5;
  std::vector<float> a = random_vector(2 * k, rng), b = random_vector(k * n, rng);
  a[k + 2] = NAN;
  std::vector<float> c(2 * n, 0.0f);
  GemmEpilogue relu;
  relu.activation = Activation::kRelu;
  gemm(2, n, k, 1.0f, GemmOperand::matrix(a.data(), k), GemmOperand::matrix(b.data(), n), 0.0f,
       c.data(), n, relu);
  for (int64_t j = 0; j < n; ++j) {
    EXPECT_FALSE(std::isnan(c[j])) << j;
    EXPECT_TRUE(std::isnan(c[n + j])) << j;
  }
}

// Tile shapes of every row count (1..6) with N tails of one vector or less and of more; K split
// into blocks; several N blocks (> 768 columns) of a packed and an unpacked B; with and without
// workspace.
TEST(Gemm, BlockedTailsAndBlocks) {
  std::mt19937 rng(13);
  ThreadPool pool2(2);
  int count = 0;
  for (int64_t m : {5, 6, 7, 8, 9, 10, 11, 12, 13, 77})
    for (int64_t n : {3, 8, 9, 24, 25}) {
      check_case(Case{m,
                      n,
                      19,
                      count % 2 == 1,
                      count % 3 == 1,
                      1.0f,
                      0.5f,
                      count % 4 == 0,
                      count % 5 == 0,
                      {}},
                 count % 2 ? &pool2 : nullptr, rng, count % 3 != 2);
      ++count;
    }
  check_case(Case{20, 1100, 40, false, false, 1.0f, 1.0f, false, false, {}}, &pool2, rng);
  check_case(Case{20, 1100, 40, false, true, 1.0f, 0.0f, true, false, {}}, nullptr, rng, false);
  check_case(Case{75, 2100, 520, true, false, 0.5f, 0.0f, false, false, {}}, &pool2, rng, false);
  // Threaded, an unpacked B is split into N blocks of up to 1M floats / kc columns.
  check_case(Case{7, 4200, 256, false, false, 1.0f, 0.5f, true, false, {}}, &pool2, rng);
  check_case(Case{150, 70, 600, false, false, 1.0f, 0.5f, false, true, {}}, &pool2, rng);
  GemmEpilogue relu_bias;
  relu_bias.activation = Activation::kRelu;
  relu_bias.col_bias = reinterpret_cast<const float*>(1);  // marker
  check_case(Case{90, 1700, 520, true, false, 1.0f, 0.5f, false, true, relu_bias}, &pool2, rng);
  check_case(Case{13, 1555, 300, false, true, 1.0f, 0.0f, true, true, relu_bias}, nullptr, rng,
             false);
}

TEST(Gemm, ZeroKScalesC) {
  std::vector<float> c = {1, 2, 3, 4};
  gemm(2, 2, 0, 1.0f, GemmOperand::matrix(nullptr, 0), GemmOperand::matrix(nullptr, 0), 0.5f,
       c.data(), 2);
  EXPECT_EQ(c, (std::vector<float>{0.5f, 1, 1.5f, 2}));
}

TEST(Gemm, BetaZeroIgnoresNaN) {
  std::vector<float> a = {1, 2}, b = {3, 4}, c = {NAN};
  gemm(1, 1, 2, 1.0f, GemmOperand::matrix(a.data(), 2), GemmOperand::matrix(b.data(), 1), 0.0f,
       c.data(), 1);
  EXPECT_EQ(c[0], 11.0f);
}

}  // namespace
}  // namespace onyx::kernels
