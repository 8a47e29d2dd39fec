// Which SIMD target the kernels run on. The kernels pick their implementation once per process:
// the scalar reference when force_scalar_kernels() (ONYX_ISA=scalar), otherwise the best Highway
// target compiled in and supported by this CPU (HWY_DYNAMIC_DISPATCH).
#pragma once

namespace onyx::kernels {

// "scalar" when the reference kernels are forced, else Highway's target name ("AVX2", "NEON"...).
const char* active_isa_name();

// True when SIMD kernels are in use (i.e. !force_scalar_kernels()).
bool simd_kernels_enabled();

}  // namespace onyx::kernels
