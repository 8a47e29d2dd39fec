// Whole-model file operations beyond running a Session.
#pragma once

#include <string>
#include <vector>

#include "onyx/session.hpp"
#include "onyx/status.hpp"

namespace onyx {

// Loads the model (a file path, or serialized ModelProto bytes when `is_bytes`), applies the graph
// optimizations of `level` (as a Session would) and writes the result to `out_path` with weights
// stored inline; passes named in `disabled_optimizers` are skipped (as Options::disable_optimizer).
// The onnxruntime equivalent is SessionOptions.optimized_model_filepath.
Status save_optimized_model(const std::string& path_or_bytes, bool is_bytes, OptLevel level,
                            const std::string& out_path,
                            const std::vector<std::string>& disabled_optimizers = {});

}  // namespace onyx
