// One ONNX backend test folder: model.onnx + test_data_set_*/{input,output}_N.pb.
#pragma once

#include <filesystem>
#include <string>

namespace onyx::conformance {

struct Outcome {
  enum Kind { kPass = 0, kFail = 1, kSkip = 2 };
  Kind kind = kFail;
  std::string reason;  // one line; empty for kPass
};

// Loads the model (1 thread), runs every data set and compares all outputs. In-process: a crash
// in an op takes the caller down (the runner forks around it).
Outcome run_test_case(const std::filesystem::path& test_dir);

}  // namespace onyx::conformance
