// Test helpers for the elementwise kernel tests: run a check once per compiled+supported Highway
// target, and deterministic random inputs.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "hwy/targets.h"

namespace onyx::kernels::testing {

// Calls fn() with dynamic dispatch pinned to each SIMD target this binary has and the CPU runs.
template <class Fn>
void for_each_simd_target(const Fn& fn) {
  for (int64_t target : hwy::SupportedAndGeneratedTargets()) {
    hwy::SetSupportedTargetsForTest(target);
    SCOPED_TRACE(hwy::TargetName(target));
    fn();
  }
  hwy::SetSupportedTargetsForTest(0);  // back to the real CPU's best target
}

inline std::vector<float> random_floats(size_t n, float lo, float hi, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(lo, hi);
  std::vector<float> v(n);
  for (float& x : v) x = dist(rng);
  return v;
}

// |a - b| <= atol + rtol * |b|, NaN matching NaN.
inline ::testing::AssertionResult near(float a, float b, float rtol, float atol) {
  if (a == b || (std::isnan(a) && std::isnan(b))) return ::testing::AssertionSuccess();
  if (std::fabs(a - b) <= atol + rtol * std::fabs(b)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << a << " vs " << b;
}

}  // namespace onyx::kernels::testing
