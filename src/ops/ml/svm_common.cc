#include "ops/ml/svm_common.h"

#include <algorithm>
#include <cmath>

namespace onyx::ops {

std::optional<std::string> SvmKernel::parse(const ir::Node& node, SvmKernel* out) {
  const std::string type = node.attr_string("kernel_type", "LINEAR");
  if (type == "LINEAR")
    out->type = Type::kLinear;
  else if (type == "POLY")
    out->type = Type::kPoly;
  else if (type == "RBF")
    out->type = Type::kRbf;
  else if (type == "SIGMOID")
    out->type = Type::kSigmoid;
  else
    return "kernel_type must be LINEAR, POLY, RBF or SIGMOID, got '" + type + "'";
  const std::vector<float> params = node.attr_floats("kernel_params");
  if (!params.empty() && params.size() != 3)
    return "kernel_params must hold 3 values (gamma, coef0, degree), got " +
           std::to_string(params.size());
  if (params.size() == 3) {
    out->gamma = params[0];
    out->coef0 = params[1];
    out->degree = static_cast<int64_t>(params[2]);
  }
  return std::nullopt;
}

double SvmKernel::operator()(const double* x, const double* v, int64_t n) const {
  double s = 0;
  if (type == Type::kRbf) {
    for (int64_t i = 0; i < n; ++i) s += (x[i] - v[i]) * (x[i] - v[i]);
    return std::exp(-gamma * s);
  }
  for (int64_t i = 0; i < n; ++i) s += x[i] * v[i];
  switch (type) {
    case Type::kPoly:
      return std::pow(gamma * s + coef0, static_cast<double>(degree));
    case Type::kSigmoid:
      return std::tanh(gamma * s + coef0);
    default:
      return s;
  }
}

void svm_row(const Tensor& x, int64_t r, int64_t features, double* out) {
  visit_dtype<SvmInputTypes>(x.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* row = x.data<T>() + r * features;
    for (int64_t j = 0; j < features; ++j) out[j] = static_cast<double>(row[j]);
  });
}

double platt_probability(double score, double a, double b) {
  const double v = score * a + b;
  return v >= 0 ? std::exp(-v) / (1 + std::exp(-v)) : 1 / (1 + std::exp(v));
}

void couple_pairwise(int64_t k, const std::vector<double>& pair, double* probs) {
  const auto at = [k](int64_t i, int64_t j) { return static_cast<size_t>(i * k + j); };
  std::vector<double> q(static_cast<size_t>(k * k), 0.0), qp(static_cast<size_t>(k));
  for (int64_t t = 0; t < k; ++t) {
    probs[t] = 1.0 / static_cast<double>(k);
    for (int64_t j = 0; j < k; ++j) {
      if (j == t) continue;
      q[at(t, t)] += pair[at(j, t)] * pair[at(j, t)];
      q[at(t, j)] = -pair[at(j, t)] * pair[at(t, j)];
    }
  }
  const double eps = 0.005 / static_cast<double>(k);
  const int64_t max_iter = std::max<int64_t>(100, k);
  for (int64_t iter = 0; iter < max_iter; ++iter) {
    double pqp = 0;
    for (int64_t t = 0; t < k; ++t) {
      qp[static_cast<size_t>(t)] = 0;
      for (int64_t j = 0; j < k; ++j) qp[static_cast<size_t>(t)] += q[at(t, j)] * probs[j];
      pqp += probs[t] * qp[static_cast<size_t>(t)];
    }
    double max_error = 0;
    for (int64_t t = 0; t < k; ++t)
      max_error = std::max(max_error, std::fabs(qp[static_cast<size_t>(t)] - pqp));
    if (max_error < eps) break;
    for (int64_t t = 0; t < k; ++t) {
      const double qtt = q[at(t, t)];
      if (qtt == 0) continue;
      const double diff = (pqp - qp[static_cast<size_t>(t)]) / qtt;
      probs[t] += diff;
      pqp = (pqp + diff * (diff * qtt + 2 * qp[static_cast<size_t>(t)])) / (1 + diff) / (1 + diff);
      for (int64_t j = 0; j < k; ++j) {
        qp[static_cast<size_t>(j)] = (qp[static_cast<size_t>(j)] + diff * q[at(t, j)]) / (1 + diff);
        probs[j] /= 1 + diff;
      }
    }
  }
}

}  // namespace onyx::ops
