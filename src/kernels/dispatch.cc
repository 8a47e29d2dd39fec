#include "kernels/dispatch.h"

#include "base/cpu.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/dispatch.cc"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

HWY_BEFORE_NAMESPACE();
namespace onyx::kernels {
namespace HWY_NAMESPACE {
const char* TargetName() {
  return hwy::TargetName(HWY_TARGET);
}
}  // namespace HWY_NAMESPACE
}  // namespace onyx::kernels
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace onyx::kernels {
HWY_EXPORT(TargetName);

const char* active_isa_name() {
  if (force_scalar_kernels()) return "scalar";
  return HWY_DYNAMIC_DISPATCH(TargetName)();
}

bool simd_kernels_enabled() {
  return !force_scalar_kernels();
}
}  // namespace onyx::kernels
#endif  // HWY_ONCE
