// Family code of the ai.onnx.ml support vector machines (SVMClassifier, SVMRegressor): the kernel
// function named by kernel_type/kernel_params, the input row widening, and the pairwise coupling
// that turns one-vs-one probabilities into class probabilities.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "onyx/status.hpp"
#include "onyx/tensor.hpp"
#include "ops/common/dtype_visit.h"

namespace onyx::ops {

// Element types of X accepted by both SVM ops.
using SvmInputTypes = TypeList<float, double, int64_t, int32_t>;

// K(x, v) for kernel_type LINEAR, POLY, RBF or SIGMOID with kernel_params [gamma, coef0, degree]
// (all 0 when kernel_params is absent):
//   LINEAR   x.v
//   POLY     (gamma x.v + coef0)^degree
//   RBF      exp(-gamma |x - v|^2)
//   SIGMOID  tanh(gamma x.v + coef0)
struct SvmKernel {
  enum class Type { kLinear, kPoly, kRbf, kSigmoid };
  Type type = Type::kLinear;
  double gamma = 0, coef0 = 0;
  int64_t degree = 0;

  // Reads kernel_type (default LINEAR) and kernel_params; on error returns its message.
  static std::optional<std::string> parse(const ir::Node& node, SvmKernel* out);
  double operator()(const double* x, const double* v, int64_t n) const;
};

// Row r (of `features` values) of X, widened to double. X is [features] or [N, features].
void svm_row(const Tensor& x, int64_t r, int64_t features, double* out);

// Rows of X: N for [N, F], 1 for [F].
inline int64_t svm_batch(const Tensor& x) {
  return x.rank() == 2 ? x.dim(0) : 1;
}

// 1 / (1 + exp(score * a + b)): the Platt-scaled probability of the pair's first class, computed
// without overflow for large |score * a + b|.
double platt_probability(double score, double a, double b);

// Pairwise coupling (Wu, Lin and Weng 2004, method 2, as libsvm): `pair` is k x k with pair[i][j]
// the probability of class i against class j (pair[j][i] = 1 - pair[i][j], diagonal unused);
// writes k class probabilities summing to 1. Iterates at most max(100, k) times, stopping when
// every entry of Qp is within 0.005 / k of p'Qp.
void couple_pairwise(int64_t k, const std::vector<double>& pair, double* probs);

}  // namespace onyx::ops
