// Whole-model file operations beyond running a Session.
#pragma once

#include <string>

#include "onyx/session.hpp"
#include "onyx/status.hpp"

namespace onyx {

// Loads the model (a file path, or serialized ModelProto bytes when `is_bytes`), applies the graph
// optimizations of `level` (as a Session would) and writes the result to `out_path` with weights
// stored inline. The onnxruntime equivalent is SessionOptions.optimized_model_filepath.
Status save_optimized_model(const std::string& path_or_bytes, bool is_bytes, OptLevel level,
                            const std::string& out_path);

}  // namespace onyx
