#include "kernels/fft.h"

#include <algorithm>
#include <cassert>
#include <numbers>

#include "kernels/dispatch.h"

namespace onyx::kernels {

namespace {

Complex unit_root(double turns) {  // exp(2*pi*i*turns)
  const double a = 2.0 * std::numbers::pi * turns;
  return {std::cos(a), std::sin(a)};
}

bool is_power_of_two(int64_t n) {
  return n > 0 && (n & (n - 1)) == 0;
}

}  // namespace

void dft_reference(const Complex* in, Complex* out, int64_t n, bool inverse) {
  assert(in != out);
  const double sign = inverse ? 1.0 : -1.0;
  for (int64_t k = 0; k < n; ++k) {
    Complex sum = 0.0;
    for (int64_t j = 0; j < n; ++j)
      // (j * k) mod n keeps the angle small, so the twiddle stays exact to rounding.
      sum += in[j] * unit_root(sign * double((j * k) % n) / double(n));
    out[k] = sum;
  }
}

FftPlan::FftPlan(int64_t n) : n_(n) {
  if (n <= 1) return;
  m_ = 1;
  while (m_ < (is_power_of_two(n) ? n : 2 * n - 1)) m_ *= 2;
  twiddle_.resize(size_t(m_ / 2));
  for (int64_t k = 0; k < m_ / 2; ++k) twiddle_[size_t(k)] = unit_root(-double(k) / double(m_));
  bitrev_.resize(size_t(m_));
  int log2m = 0;
  while ((int64_t{1} << log2m) < m_) ++log2m;
  for (int64_t i = 0; i < m_; ++i) {
    int64_t r = 0;
    for (int b = 0; b < log2m; ++b)
      if (i & (int64_t{1} << b)) r |= int64_t{1} << (log2m - 1 - b);
    bitrev_[size_t(i)] = r;
  }
  if (m_ == n) return;
  // Bluestein: j*k = (j^2 + k^2 - (k-j)^2) / 2, so X[k] = c[k] * sum_j (x[j] c[j]) conj(c[k-j])
  // with c[k] = exp(-pi*i*k^2/n): a convolution done with power-of-two FFTs of length m_.
  chirp_.resize(size_t(n));
  for (int64_t k = 0; k < n; ++k)
    chirp_[size_t(k)] = unit_root(-0.5 * double((k * k) % (2 * n)) / double(n));
  chirp_fft_.assign(size_t(m_), Complex(0.0));
  chirp_fft_[0] = std::conj(chirp_[0]);
  for (int64_t k = 1; k < n; ++k)
    chirp_fft_[size_t(k)] = chirp_fft_[size_t(m_ - k)] = std::conj(chirp_[size_t(k)]);
  radix2(chirp_fft_.data(), false);
}

int64_t FftPlan::scratch_size() const {
  return (m_ > n_) ? m_ : 0;
}

void FftPlan::radix2(Complex* a, bool inverse) const {
  for (int64_t i = 0; i < m_; ++i)
    if (i < bitrev_[size_t(i)]) std::swap(a[i], a[bitrev_[size_t(i)]]);
  for (int64_t len = 2; len <= m_; len *= 2) {
    const int64_t half = len / 2, stride = m_ / len;
    for (int64_t start = 0; start < m_; start += len)
      for (int64_t j = 0; j < half; ++j) {
        Complex w = twiddle_[size_t(j * stride)];
        if (inverse) w = std::conj(w);
        const Complex u = a[start + j], v = a[start + j + half] * w;
        a[start + j] = u + v;
        a[start + j + half] = u - v;
      }
  }
}

void FftPlan::transform(Complex* data, bool inverse, Complex* scratch) const {
  if (n_ <= 1) return;
  if (m_ == n_) {
    radix2(data, inverse);
    return;
  }
  // The inverse transform is the conjugate of the forward transform of the conjugate.
  auto in = [&](int64_t j) { return inverse ? std::conj(data[j]) : data[j]; };
  for (int64_t j = 0; j < n_; ++j) scratch[j] = in(j)*chirp_[size_t(j)];
  std::fill(scratch + n_, scratch + m_, Complex(0.0));
  radix2(scratch, false);
  for (int64_t k = 0; k < m_; ++k) scratch[k] *= chirp_fft_[size_t(k)];
  radix2(scratch, true);
  const double scale = 1.0 / double(m_);
  for (int64_t k = 0; k < n_; ++k) {
    const Complex x = scratch[k] * scale * chirp_[size_t(k)];
    data[k] = inverse ? std::conj(x) : x;
  }
}

void fft_dispatch(const FftPlan& plan, Complex* data, bool inverse, Complex* scratch) {
  if (simd_kernels_enabled()) {
    plan.transform(data, inverse, scratch);
    return;
  }
  const int64_t n = plan.size();
  dft_reference(data, scratch, n, inverse);
  std::copy(scratch, scratch + n, data);
}

}  // namespace onyx::kernels
