// Model checking: the rules of the ONNX standard (as onnx.checker applies them), reported as a list
// of issues rather than the first failure.
//
//   onyx::CheckReport r = onyx::check_model_file("model.onnx", {}).value();
//   if (!r.valid()) for (const onyx::CheckIssue& i : r.issues) ...
//
// The model is checked as written (its protobuf fields), not as the importer would normalise it.
// With CheckOptions::full, the model is also imported and run through strict type and shape
// inference, and declared types that disagree with the inferred ones are reported.
#pragma once

#include <string>
#include <vector>

#include "onyx/status.hpp"

namespace onyx {

struct CheckOptions {
  // Also import the model and run strict type/shape inference (no constant folding).
  bool full = false;
};

struct CheckIssue {
  std::string rule;  // stable identifier, e.g. "node.unknown_attribute"
  std::string
      location;         // where: "main > node 3 'conv1' (Conv, opset 13)", "main > initializer 'W'"
  std::string message;  // the rule and what was found versus expected
  bool warning = false;  // warnings do not make the model invalid
};

struct CheckReport {
  std::vector<CheckIssue> issues;  // errors and warnings, in the order found

  bool valid() const {
    for (const CheckIssue& i : issues)
      if (!i.warning) return false;
    return true;
  }
  size_t error_count() const {
    size_t n = 0;
    for (const CheckIssue& i : issues) n += i.warning ? 0 : 1;
    return n;
  }
};

// Checks the model file at `path`. External data is resolved relative to the file's folder. The
// Result is an error only when there is no model to check: a missing file, a directory, or bytes
// that are not a ModelProto (kNoSuchFile / kInvalidProtobuf); rule violations are in the report.
Result<CheckReport> check_model_file(const std::string& path, const CheckOptions& options = {});

// Checks a serialized ModelProto. `base_dir` is the folder external data is resolved against; when
// empty, external data references are checked for form only (no file access).
Result<CheckReport> check_model_bytes(const void* data, size_t size,
                                      const CheckOptions& options = {},
                                      const std::string& base_dir = "");

}  // namespace onyx
