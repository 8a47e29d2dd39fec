// One ONNX backend test folder: model.onnx + test_data_set_*/{input,output}_N.pb.
#pragma once

#include <filesystem>
#include <string>

namespace onyx::conformance {

struct Outcome {
  enum Kind { kPass = 0, kFail = 1, kSkip = 2 };
  Kind kind = kFail;
  std::string reason;  // one line; empty for kPass
  // kPass of a random-output test (random_output.h): checked by dtype, shape and value range
  // only, never by value.
  bool random_output = false;
};

// How a test case's inputs reach the model.
enum class InputMode {
  kFed,        // graph inputs fed to Session::run, as ONNX's runner does
  kConstants,  // each data set's inputs folded into the model as initializers (no longer graph
               // inputs), so ops see them as plan-time constants (constant folding, pre-packing)
};

// Loads the model (1 thread), runs every data set and compares all outputs. In-process: a crash
// in an op takes the caller down (the runner forks around it).
Outcome run_test_case(const std::filesystem::path& test_dir, InputMode mode = InputMode::kFed);

}  // namespace onyx::conformance
