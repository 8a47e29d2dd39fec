#include "ops/common/ml_common.h"

#include <algorithm>
#include <cmath>

#include "ops/common/dtype_visit.h"
#include "ops/common/float_widen.h"

namespace onyx::ops {

std::optional<std::vector<double>> attr_tensor_doubles(const ir::Node& node,
                                                       const std::string& name) {
  const ir::Attribute* a = node.attr(name);
  if (!a || a->type != ir::Attribute::Type::kTensor || !a->t.defined()) return std::nullopt;
  std::vector<double> out(static_cast<size_t>(a->t.numel()));
  const bool ok = visit_dtype<types::Numeric>(a->t.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* p = a->t.data<T>();
    for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<double>(widen(p[i]));
  });
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::vector<double>> attr_doubles(const ir::Node& node, const std::string& name,
                                                const std::string& floats_name) {
  if (auto t = attr_tensor_doubles(node, name)) return t;
  if (!floats_name.empty() && node.has_attr(floats_name)) {
    std::vector<float> f = node.attr_floats(floats_name);
    return std::vector<double>(f.begin(), f.end());
  }
  return std::nullopt;
}

std::optional<PostTransform> parse_post_transform(const std::string& s) {
  if (s == "NONE") return PostTransform::kNone;
  if (s == "SOFTMAX") return PostTransform::kSoftmax;
  if (s == "LOGISTIC") return PostTransform::kLogistic;
  if (s == "SOFTMAX_ZERO") return PostTransform::kSoftmaxZero;
  if (s == "PROBIT") return PostTransform::kProbit;
  return std::nullopt;
}

namespace {

// Inverse error function: Giles' single-precision approximation refined by two Newton steps on
// erf (relative error ~1e-12 over (-1, 1)).
double erfinv(double x) {
  if (x <= -1) return -INFINITY;
  if (x >= 1) return INFINITY;
  double w = -std::log((1.0 - x) * (1.0 + x)), p;
  if (w < 5.0) {
    w -= 2.5;
    p = 2.81022636e-08;
    p = 3.43273939e-07 + p * w;
    p = -3.5233877e-06 + p * w;
    p = -4.39150654e-06 + p * w;
    p = 0.00021858087 + p * w;
    p = -0.00125372503 + p * w;
    p = -0.00417768164 + p * w;
    p = 0.246640727 + p * w;
    p = 1.50140941 + p * w;
  } else {
    w = std::sqrt(w) - 3.0;
    p = -0.000200214257;
    p = 0.000100950558 + p * w;
    p = 0.00134934322 + p * w;
    p = -0.00367342844 + p * w;
    p = 0.00573950773 + p * w;
    p = -0.0076224613 + p * w;
    p = 0.00943887047 + p * w;
    p = 1.00167406 + p * w;
    p = 2.83297682 + p * w;
  }
  double y = p * x;
  const double two_over_sqrt_pi = 1.1283791670955126;
  for (int i = 0; i < 2; ++i) y -= (std::erf(y) - x) / (two_over_sqrt_pi * std::exp(-y * y));
  return y;
}

}  // namespace

void apply_post_transform(PostTransform t, double* row, int64_t n) {
  switch (t) {
    case PostTransform::kNone:
      return;
    case PostTransform::kLogistic:
      for (int64_t i = 0; i < n; ++i) row[i] = 1.0 / (1.0 + std::exp(-row[i]));
      return;
    case PostTransform::kProbit:
      for (int64_t i = 0; i < n; ++i) row[i] = std::sqrt(2.0) * erfinv(2.0 * row[i] - 1.0);
      return;
    case PostTransform::kSoftmax:
    case PostTransform::kSoftmaxZero: {
      const bool skip_zero = t == PostTransform::kSoftmaxZero;
      double mx = -INFINITY;
      for (int64_t i = 0; i < n; ++i)
        if (!skip_zero || row[i] != 0) mx = std::max(mx, row[i]);
      double sum = 0;
      for (int64_t i = 0; i < n; ++i) {
        if (skip_zero && row[i] == 0) continue;
        row[i] = std::exp(row[i] - mx);
        sum += row[i];
      }
      if (sum > 0)
        for (int64_t i = 0; i < n; ++i) row[i] /= sum;
      return;
    }
  }
}

}  // namespace onyx::ops
