#include "base/log.h"

#include <cstdio>
#include <cstdlib>

namespace onyx {

namespace {
int threshold() {
  static const int level = [] {
    const char* env = std::getenv("ONYX_LOG");
    return env ? std::atoi(env) : static_cast<int>(LogLevel::kWarning);
  }();
  return level;
}
}  // namespace

void log_message(LogLevel level, const std::string& message) {
  if (static_cast<int>(level) < threshold()) return;
  static const char* names[] = {"V", "I", "W", "E"};
  std::fprintf(stderr, "[onyx %s] %s\n", names[static_cast<int>(level)], message.c_str());
}

}  // namespace onyx
