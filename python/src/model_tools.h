// Whole-model operations the Python module needs beyond onyx::Session: the checker behind
// onyx.checker.check_model, and saving the optimized graph (optimized_model_filepath). Both go
// through the public API only (onyx/check.hpp, onyx/model_io.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "onyx/session.hpp"
#include "onyx/status.hpp"

namespace onyx::python {

// The model source: a file path, or the serialized bytes when `is_bytes`.
struct ModelSource {
  std::string path_or_bytes;
  bool is_bytes = false;
};

struct CheckOutcome {
  // The first error as "[rule] location: message", or the reason the model could not be read;
  // empty when the model is valid.
  std::optional<std::string> error;
  std::vector<std::string> warnings;  // "[rule] location: message" each
};

// Runs onyx's checker (CheckOptions::full when `full_check`).
CheckOutcome check_model(const ModelSource& source, bool full_check);

// Loads the model, applies the optimization passes of `level` and writes it to `out_path`.
Status save_optimized_model(const ModelSource& source, OptLevel level, const std::string& out_path,
                            const std::vector<std::string>& disabled_optimizers);

}  // namespace onyx::python
