// Shared helpers for the `onyx` command-line tool: argument scanning, exit codes, formatting.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "onyx/session.hpp"
#include "onyx/status.hpp"
#include "onyx/tensor.hpp"

namespace onyx::cli {

// Process exit codes.
constexpr int kExitOk = 0;
constexpr int kExitError = 1;  // the model, an input file or the run failed
constexpr int kExitUsage = 2;  // bad command line

// One command's arguments, scanned left to right. Options take their value as the next argument
// or after '=' ("--threads 2", "--threads=2").
class ArgScanner {
 public:
  ArgScanner(int argc, char** argv, int first) : args_(argv + first, argv + argc) {}

  bool done() const { return pos_ >= args_.size(); }
  const std::string& peek() const { return args_[pos_]; }
  // True (and consumes it) when the next argument is `name` (or `alias`), or `name=...`.
  bool flag(const char* name, const char* alias = nullptr);
  // After a true flag(): the option's value; error when missing.
  Result<std::string> value(const char* name);
  std::string next() { return args_[pos_++]; }

 private:
  std::vector<std::string> args_;
  size_t pos_ = 0;
  std::optional<std::string> inline_value_;  // the part after '=' of the last matched flag
};

// Parses a non-negative decimal integer option value.
Result<int64_t> parse_count(const std::string& text, const char* option);
// "none" | "basic" | "extended" | "all" (onnxruntime's graph optimization levels); the error
// names `option`.
Result<OptLevel> parse_opt_level(const std::string& text, const char* option);
const char* opt_level_name(OptLevel level);
// "a,b,c" -> {"a", "b", "c"} (empty items dropped): --disable's list of optimizer pass names.
std::vector<std::string> split_list(const std::string& text);
// "1x3x224x224" -> {1, 3, 224, 224}; "" or "scalar" -> {} (rank 0).
Result<Shape> parse_dims(const std::string& text);
// Splits "NAME=VALUE" at the first '=' (or the last, when the value cannot contain one, so names
// may); error naming `option` when there is none.
Result<std::pair<std::string, std::string>> split_assignment(const std::string& text,
                                                             const char* option, bool at_last);

// A file name made from a tensor name: characters other than [A-Za-z0-9._-] become '_'; never
// empty, "." or "..".
std::string sanitize_file_name(const std::string& name);

// Prints "error: <message>" to stderr and returns kExitError.
int report_error(const Status& status);
// Prints "error: <message>\n\n<usage>" to stderr and returns kExitUsage.
int usage_error(const std::string& message, const char* usage);

}  // namespace onyx::cli
