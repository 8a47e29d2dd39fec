#include "cli_common.h"

#include <cctype>
#include <cstdio>
#include <cstring>

namespace onyx::cli {

bool ArgScanner::flag(const char* name, const char* alias) {
  if (done()) return false;
  const std::string& a = args_[pos_];
  for (const char* n : {name, alias}) {
    if (!n) continue;
    const size_t len = std::strlen(n);
    if (a == n) {
      inline_value_.reset();
      ++pos_;
      return true;
    }
    if (a.size() > len && a.compare(0, len, n) == 0 && a[len] == '=' && n[1] == '-') {
      inline_value_ = a.substr(len + 1);
      ++pos_;
      return true;
    }
  }
  return false;
}

Result<std::string> ArgScanner::value(const char* name) {
  if (inline_value_) {
    std::string v = *inline_value_;
    inline_value_.reset();
    return v;
  }
  if (done()) return Status(StatusCode::kInvalidArgument, std::string(name) + " needs a value");
  return args_[pos_++];
}

Result<int64_t> parse_count(const std::string& text, const char* option) {
  if (text.empty() || text.size() > 18)
    return Status(StatusCode::kInvalidArgument,
                  std::string(option) + ": expected a non-negative integer, got '" + text + "'");
  int64_t v = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c)))
      return Status(StatusCode::kInvalidArgument,
                    std::string(option) + ": expected a non-negative integer, got '" + text + "'");
    v = v * 10 + (c - '0');
  }
  return v;
}

Result<OptLevel> parse_opt_level(const std::string& text, const char* option) {
  if (text == "none") return OptLevel::kNone;
  if (text == "basic") return OptLevel::kBasic;
  if (text == "extended") return OptLevel::kExtended;
  if (text == "all") return OptLevel::kAll;
  return Status(StatusCode::kInvalidArgument,
                std::string(option) + ": '" + text + "' is not one of none, basic, extended, all");
}

const char* opt_level_name(OptLevel level) {
  switch (level) {
    case OptLevel::kNone:
      return "none";
    case OptLevel::kBasic:
      return "basic";
    case OptLevel::kExtended:
      return "extended";
    case OptLevel::kAll:
      return "all";
  }
  return "?";
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = std::min(text.find(',', start), text.size());
    if (comma > start) items.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return items;
}

Result<Shape> parse_dims(const std::string& text) {
  Shape shape;
  if (text.empty() || text == "scalar") return shape;
  size_t start = 0;
  for (;;) {
    size_t x = text.find_first_of("x,", start);
    std::string part = text.substr(start, x == std::string::npos ? std::string::npos : x - start);
    Result<int64_t> d = parse_count(part, "dim");
    if (!d)
      return Status(StatusCode::kInvalidArgument,
                    "bad shape '" + text + "': expected dims like 1x3x224x224");
    shape.push_back(*d);
    if (x == std::string::npos) break;
    start = x + 1;
  }
  return shape;
}

Result<std::pair<std::string, std::string>> split_assignment(const std::string& text,
                                                             const char* option, bool at_last) {
  size_t eq = at_last ? text.rfind('=') : text.find('=');
  if (eq == std::string::npos || eq == 0)
    return Status(StatusCode::kInvalidArgument,
                  std::string(option) + ": expected NAME=VALUE, got '" + text + "'");
  return std::make_pair(text.substr(0, eq), text.substr(eq + 1));
}

std::string sanitize_file_name(const std::string& name) {
  std::string out;
  for (unsigned char c : name)
    out += (std::isalnum(c) || c == '.' || c == '_' || c == '-') ? static_cast<char>(c) : '_';
  if (out.empty() || out == "." || out == "..") out = "_" + out;
  return out;
}

int report_error(const Status& status) {
  std::fprintf(stderr, "error: %s\n", status.message().c_str());
  return kExitError;
}

int usage_error(const std::string& message, const char* usage) {
  std::fprintf(stderr, "error: %s\n\n%s", message.c_str(), usage);
  return kExitUsage;
}

}  // namespace onyx::cli
