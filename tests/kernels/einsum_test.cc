// kernels/einsum: the GEMM lowering of two-operand float32 contractions against the direct loop
// (the reference) on matmuls, batched/transposed layouts, diagonals, broadcasts and odd sizes,
// and the layouts it must refuse.
#include "kernels/einsum.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace onyx::kernels {
namespace {

struct Case {
  std::vector<int64_t> sizes;
  int64_t num_output;
  std::vector<int64_t> a_dims_labels, b_dims_labels;  // the label of each dim, in dim order
};

// Per-label strides of a dense operand whose dims carry `labels` (repeated labels add up).
std::vector<int64_t> strides_of(const std::vector<int64_t>& labels,
                                const std::vector<int64_t>& sizes, int64_t* numel) {
  std::vector<int64_t> strides(sizes.size(), 0);
  int64_t s = 1;
  for (size_t d = labels.size(); d-- > 0;) {
    strides[size_t(labels[d])] += s;
    s *= sizes[size_t(labels[d])];
  }
  *numel = s;
  return strides;
}

void expect_gemm_matches_loop(const Case& c) {
  std::mt19937 rng(42);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  int64_t na = 0, nb = 0, nout = 1;
  EinsumOperand<float> a, b;
  a.strides = strides_of(c.a_dims_labels, c.sizes, &na);
  b.strides = strides_of(c.b_dims_labels, c.sizes, &nb);
  std::vector<float> da(static_cast<size_t>(na));
  std::vector<float> db(static_cast<size_t>(nb));
  for (float& v : da) v = dist(rng);
  for (float& v : db) v = dist(rng);
  a.data = da.data();
  b.data = db.data();
  for (int64_t l = 0; l < c.num_output; ++l) nout *= c.sizes[size_t(l)];
  std::vector<float> want(size_t(nout), -7.0f), got(size_t(nout), -9.0f);
  const std::vector<EinsumOperand<float>> ops = {a, b};
  einsum_loop<float>(c.sizes, c.num_output, ops, want.data());
  ASSERT_TRUE(einsum_gemm_f32(c.sizes, c.num_output, a, b, got.data()));
  for (int64_t i = 0; i < nout; ++i) ASSERT_NEAR(got[size_t(i)], want[size_t(i)], 1e-4f) << i;
}

TEST(EinsumKernel, GemmLoweringMatchesLoop) {
  // Labels: output labels first. "ij,jk->ik": i=0, k=1, j=2.
  expect_gemm_matches_loop({{5, 7, 3}, 2, {0, 2}, {2, 1}});
  // Odd sizes past the microkernel tile: "ij,jk->ik" 17 x 13 x 29.
  expect_gemm_matches_loop({{17, 29, 13}, 2, {0, 2}, {2, 1}});
  // Batched with transposed operands: "bji,bkj->bki" (b=0, k=1, i=2, j=3).
  expect_gemm_matches_loop({{3, 4, 5, 6}, 3, {0, 3, 2}, {0, 1, 3}});
  // "ik,bk->ib" (i=0, b=1, k=2): b is n here, after m in the output.
  expect_gemm_matches_loop({{4, 3, 5}, 2, {0, 2}, {1, 2}});
  // "bij,bjk->ibk" (i=0, b=1, k=2, j=3): the batch label is not first in the output.
  expect_gemm_matches_loop({{3, 2, 4, 5}, 3, {1, 0, 3}, {1, 3, 2}});
  // A diagonal inside operand a: "iij,jk->ik" and an outer product "i,k->ik".
  expect_gemm_matches_loop({{3, 4, 2}, 2, {0, 0, 2}, {2, 1}});
  expect_gemm_matches_loop({{6, 5}, 2, {0}, {1}});
  // Several contracted labels: "ijk,jkl->il" (i=0, l=1, j=2, k=3).
  expect_gemm_matches_loop({{2, 3, 4, 5}, 2, {0, 2, 3}, {2, 3, 1}});
}

TEST(EinsumKernel, GemmLoweringRefusesOneSidedSums) {
  // "ij,k->k": j is summed but only a has it.
  EinsumOperand<float> a, b;
  std::vector<float> da(6, 1.0f), db(4, 1.0f), out(4);
  a.data = da.data();
  b.data = db.data();
  a.strides = {0, 3, 1};  // labels: k=0 (output), i=1, j=2
  b.strides = {1, 0, 0};
  EXPECT_FALSE(einsum_gemm_f32(std::vector<int64_t>{4, 2, 3}, 1, a, b, out.data()));
}

}  // namespace
}  // namespace onyx::kernels
