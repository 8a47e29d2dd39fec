// Process-wide kernel selection switch. ONYX_ISA=scalar (environment) forces the scalar reference
// kernels everywhere; any other value or none lets the kernels pick the best SIMD target at run
// time (see kernels/dispatch.h).
#pragma once

namespace onyx {

// True when ONYX_ISA=scalar was set when first called (read once, cached).
bool force_scalar_kernels();

}  // namespace onyx
