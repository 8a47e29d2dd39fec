// Family code of the ai.onnx.ml operators (src/ops/ml/): attribute access that reads either the
// list form (floats/ints) or the tensor form (opset-4/5 `*_tensor` style attributes), and the
// post_transform score functions shared by tree ensembles and linear models.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "onyx/status.hpp"
#include "onyx/tensor.hpp"

namespace onyx::ops {

// The numeric contents of a tensor attribute (any integer or float element type) as doubles;
// nullopt when the attribute is absent or not a numeric tensor.
std::optional<std::vector<double>> attr_tensor_doubles(const ir::Node& node,
                                                       const std::string& name);
// `name` as doubles from either a tensor attribute or a floats attribute (`floats_name`, when not
// empty); nullopt when neither is present.
std::optional<std::vector<double>> attr_doubles(const ir::Node& node, const std::string& name,
                                                const std::string& floats_name);

// post_transform of the ml tree/linear models: the string form (TreeEnsembleRegressor/Classifier,
// LinearClassifier: "NONE", "SOFTMAX", "LOGISTIC", "SOFTMAX_ZERO", "PROBIT") and the enum form
// (TreeEnsemble opset 5: 0..4 in the same order).
enum class PostTransform { kNone = 0, kSoftmax = 1, kLogistic = 2, kSoftmaxZero = 3, kProbit = 4 };
std::optional<PostTransform> parse_post_transform(const std::string& s);

// Applies `t` in place to one row of `n` scores:
//   SOFTMAX       exp(v - max) / sum
//   LOGISTIC      1 / (1 + exp(-v)) per element
//   SOFTMAX_ZERO  softmax over the non-zero entries; zero entries stay 0
//   PROBIT        sqrt(2) * erfinv(2v - 1) per element (inverse normal CDF)
void apply_post_transform(PostTransform t, double* row, int64_t n);

}  // namespace onyx::ops
