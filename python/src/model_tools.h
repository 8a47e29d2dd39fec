// Whole-model operations the Python module needs beyond onyx::Session: the structural checker
// behind onyx.checker.check_model, and saving the optimized graph (optimized_model_filepath).
// They use onyx's internal layers (import, shape, opt) directly.
#pragma once

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

struct CheckReport {
  Status error;                       // first problem found, ok when the model passes
  std::vector<std::string> warnings;  // checks that could not be completed (e.g. unsupported op)
};

// Checks that the bytes parse as an ONNX ModelProto, ir_version and opset_import are set, the
// graph is in SSA form, node inputs are produced before use (no cycles), and graph outputs are
// produced. `full_check` adds graph-wide type/shape inference; ops onyx does not implement stop
// that part with a warning instead of an error.
CheckReport check_model(const ModelSource& source, bool full_check);

// Loads the model, applies the optimization passes of `level` and writes it to `out_path`.
Status save_optimized_model(const ModelSource& source, OptLevel level, const std::string& out_path);

}  // namespace onyx::python
