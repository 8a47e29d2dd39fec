// kernels/fft: the fast plan (radix-2 and Bluestein) against the O(n^2) reference on every length
// up to 70 plus larger powers of two and primes, forward and inverse, and the reference against
// closed forms (impulse, constant, a single tone).
#include "kernels/fft.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

namespace onyx::kernels {
namespace {

std::vector<Complex> random_signal(int64_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> dist(-1.0, 1.0);
  std::vector<Complex> x(static_cast<size_t>(n));
  for (Complex& c : x) c = Complex(dist(rng), dist(rng));
  return x;
}

void expect_fast_matches_reference(int64_t n) {
  const FftPlan plan(n);
  std::vector<Complex> scratch(static_cast<size_t>(std::max<int64_t>(plan.scratch_size(), n)));
  for (bool inverse : {false, true}) {
    const std::vector<Complex> x = random_signal(n, uint32_t(n * 2 + inverse));
    std::vector<Complex> want(x.size());
    dft_reference(x.data(), want.data(), n, inverse);
    std::vector<Complex> got = x;  // transformed in place
    plan.transform(got.data(), inverse, scratch.data());
    const double tol = 1e-12 * double(n) + 1e-13;
    for (int64_t k = 0; k < n; ++k)
      ASSERT_NEAR(std::abs(got[size_t(k)] - want[size_t(k)]), 0.0, tol)
          << "n=" << n << " k=" << k << " inverse=" << inverse;
  }
}

TEST(FftKernel, MatchesReferenceOnAllSmallLengths) {
  for (int64_t n = 0; n <= 70; ++n) expect_fast_matches_reference(n);
}

TEST(FftKernel, MatchesReferenceOnLargePowersOfTwoAndPrimes) {
  for (int64_t n : {128, 256, 1024, 127, 257, 1009, 1000}) expect_fast_matches_reference(n);
}

TEST(FftKernel, ReferenceClosedForms) {
  const int64_t n = 12;
  std::vector<Complex> x(n, Complex(0.0)), y(n);
  x[0] = 1.0;  // impulse -> all ones
  dft_reference(x.data(), y.data(), n, false);
  for (const Complex& c : y) EXPECT_NEAR(std::abs(c - Complex(1.0)), 0.0, 1e-12);
  std::fill(x.begin(), x.end(), Complex(2.0));  // constant -> 2n at bin 0
  dft_reference(x.data(), y.data(), n, false);
  EXPECT_NEAR(std::abs(y[0] - Complex(2.0 * n)), 0.0, 1e-12);
  for (int64_t k = 1; k < n; ++k) EXPECT_NEAR(std::abs(y[size_t(k)]), 0.0, 1e-12);
  for (int64_t j = 0; j < n; ++j)  // exp(2*pi*i*3j/n) -> n at bin 3 (forward)
    x[size_t(j)] = std::polar(1.0, 2.0 * std::numbers::pi * 3.0 * double(j) / double(n));
  dft_reference(x.data(), y.data(), n, false);
  for (int64_t k = 0; k < n; ++k)
    EXPECT_NEAR(std::abs(y[size_t(k)] - Complex(k == 3 ? double(n) : 0.0)), 0.0, 1e-11) << k;
}

TEST(FftKernel, InverseOfForwardIsNTimesTheSignal) {
  for (int64_t n : {1, 2, 7, 16, 45}) {
    const FftPlan plan(n);
    std::vector<Complex> scratch(static_cast<size_t>(std::max<int64_t>(plan.scratch_size(), n)));
    const std::vector<Complex> x = random_signal(n, 7);
    std::vector<Complex> y = x;
    fft_dispatch(plan, y.data(), false, scratch.data());
    fft_dispatch(plan, y.data(), true, scratch.data());
    for (int64_t j = 0; j < n; ++j)
      EXPECT_NEAR(std::abs(y[size_t(j)] / double(n) - x[size_t(j)]), 0.0, 1e-12) << n;
  }
}

}  // namespace
}  // namespace onyx::kernels
