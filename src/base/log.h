// Minimal leveled logging to stderr. Level from ONYX_LOG (0=verbose .. 3=error, 4=off; default 2).
#pragma once

#include <string>

namespace onyx {

enum class LogLevel { kVerbose = 0, kInfo = 1, kWarning = 2, kError = 3 };

void log_message(LogLevel level, const std::string& message);
inline void log_warning(const std::string& m) {
  log_message(LogLevel::kWarning, m);
}
inline void log_info(const std::string& m) {
  log_message(LogLevel::kInfo, m);
}

}  // namespace onyx
