// Shape/type function shared by the ai.onnx.ml models that score rows of features
// (LinearClassifier/Regressor, SVMClassifier/Regressor, TreeEnsembleClassifier/Regressor):
// X is [F] (one row) or [N, F] of the op's element types.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "ops/op.h"

namespace onyx::ops {

// What the model writes for N rows.
struct ModelRowOutputs {
  bool classifier = false;     // output 0: labels [N]; output 1 (optional): scores [N, width]
  bool string_labels = false;  // classifier labels are strings, else int64
  int64_t score_width = 1;     // columns of the float32 scores (the regressor's output 0)
};

// Validates input 0 and sets the outputs. `feature_problem(F)` is called with a known feature
// count F and returns "" when the model accepts it, else what is wrong ("has 3 features, the
// model 4"), which becomes the input error.
Status infer_model_rows(InferContext& ctx, DTypeSet element_types, const ModelRowOutputs& out,
                        const std::function<std::string(int64_t)>& feature_problem);

// The usual feature_problem: F must equal `expected`; `what` names the model's side ("the model").
std::function<std::string(int64_t)> features_equal(int64_t expected, const std::string& what);

}  // namespace onyx::ops
