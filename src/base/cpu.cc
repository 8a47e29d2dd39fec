#include "base/cpu.h"

#include <cstdlib>
#include <cstring>

namespace onyx {

bool force_scalar_kernels() {
  static const bool scalar = [] {
    const char* env = std::getenv("ONYX_ISA");
    return env && std::strcmp(env, "scalar") == 0;
  }();
  return scalar;
}

}  // namespace onyx
