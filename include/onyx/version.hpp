// Library version.
#pragma once

namespace onyx {
// Library version, "MAJOR.MINOR.PATCH".
const char* version();
}  // namespace onyx
