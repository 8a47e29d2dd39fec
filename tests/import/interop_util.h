// Helpers for tests that run Debian's python3-onnx (/usr/bin/python3) next to onyx.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

namespace onyx::import::testing {

inline const char* kPython = "/usr/bin/python3";

// True when /usr/bin/python3 can import onnx.
inline bool python_onnx_available() {
  static const bool ok = std::system("/usr/bin/python3 -c 'import onnx' >/dev/null 2>&1") == 0;
  return ok;
}

// Runs `/usr/bin/python3 <ONYX_SOURCE_DIR>/tests/import/<script> <args>`; returns the exit status
// (0 = success); output goes to `log_path`.
inline int run_python(const std::string& script, const std::string& args,
                      const std::string& log_path) {
  std::string cmd = std::string(kPython) + " " + ONYX_SOURCE_DIR "/tests/import/" + script + " " +
                    args + " > '" + log_path + "' 2>&1";
  return std::system(cmd.c_str());
}

inline std::string read_text(const std::string& path) {
  std::string s;
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
    std::fclose(f);
  }
  return s;
}

// A fresh folder under the build dir, unique per process (ctest -j runs tests side by side).
inline std::string scratch_dir(const std::string& name) {
  std::string dir = ONYX_BINARY_DIR "/test_scratch/import/" + name + "." + std::to_string(getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace onyx::import::testing
