#include "known_failures.h"

#include <fstream>

namespace onyx::conformance {

std::string suite_of(const std::string& test_key) {
  size_t slash = test_key.rfind('/');
  return slash == std::string::npos ? "" : test_key.substr(0, slash);
}

Result<KnownFailures> read_known_failures(const std::string& path) {
  KnownFailures list;
  std::ifstream in(path);
  if (!in) return list;
  std::string line;
  bool in_header = true;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos) {
      if (in_header) list.header.push_back("");
      continue;
    }
    if (line[start] == '#') {
      if (in_header) list.header.push_back(line);
      continue;
    }
    in_header = false;
    size_t end = line.find_first_of(" \t", start);
    std::string key =
        line.substr(start, end == std::string::npos ? std::string::npos : end - start);
    std::string reason;
    if (end != std::string::npos) {
      size_t r = line.find_first_not_of(" \t", end);
      if (r != std::string::npos) reason = line.substr(r);
    }
    if (suite_of(key).empty()) {
      return Status(StatusCode::kInvalidArgument,
                    path + ":" + std::to_string(line_no) +
                        ": expected '<source>/<suite>/<test_name>  <reason>', got '" + line + "'");
    }
    list.tests[key] = reason;
  }
  while (!list.header.empty() && list.header.back().empty()) list.header.pop_back();
  return list;
}

Status write_known_failures(const std::string& path, const KnownFailures& previous,
                            const std::set<std::string>& suites_run,
                            const std::map<std::string, std::string>& current_failures) {
  std::map<std::string, std::string> merged;
  for (const auto& [key, reason] : previous.tests)
    if (!suites_run.count(suite_of(key))) merged[key] = reason;
  for (const auto& [key, reason] : current_failures) merged[key] = reason;

  std::ofstream out(path, std::ios::trunc);
  if (!out) return Status(StatusCode::kNoSuchFile, path + ": cannot write");
  for (const std::string& line : previous.header) out << line << "\n";
  if (!previous.header.empty()) out << "\n";
  for (const auto& [key, reason] : merged) out << key << "  " << reason << "\n";
  out.close();
  if (!out) return Status(StatusCode::kFail, path + ": write error");
  return Status::ok();
}

}  // namespace onyx::conformance
