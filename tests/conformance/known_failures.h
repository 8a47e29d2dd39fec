// The known-failures list: one test per line, "<suite>/<test_name>  <reason>", e.g.
// "onnx123/node/test_abs  not implemented: Abs". '#' starts a comment line; blank lines are
// ignored.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "onyx/status.hpp"

namespace onyx::conformance {

struct KnownFailures {
  std::vector<std::string> header;           // leading comment lines, kept on rewrite
  std::map<std::string, std::string> tests;  // "<suite>/<test_name>" -> reason
};

// A missing file is an empty list.
Result<KnownFailures> read_known_failures(const std::string& path);

// Rewrites `path`: keeps `previous.header` and the entries of suites not in `suites_run`, and
// replaces the entries of `suites_run` by `current_failures`. Output lines are sorted.
Status write_known_failures(const std::string& path, const KnownFailures& previous,
                            const std::set<std::string>& suites_run,
                            const std::map<std::string, std::string>& current_failures);

// "onnx123/node/test_abs" -> "onnx123/node".
std::string suite_of(const std::string& test_key);

}  // namespace onyx::conformance
