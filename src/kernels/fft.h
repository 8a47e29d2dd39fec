// Discrete Fourier transforms of complex double sequences (the kernel of ONNX DFT and STFT).
//
//   X[k] = sum_j x[j] * exp(-+2*pi*i*j*k / n)   (sign - forward, + inverse; never normalized:
//                                                callers divide an inverse by n)
//
// dft_reference is the O(n^2) definition (the test oracle, and the path taken under
// ONYX_ISA=scalar). FftPlan is the fast path: iterative radix-2 for powers of two, Bluestein's
// chirp-z (three power-of-two FFTs of length >= 2n - 1) for every other n; O(n log n) either way.
// Both compute in double; the twiddles are evaluated directly (no recurrences), so the error
// grows like log n. Not SIMD: the ops using it are not hot.
#pragma once

#include <complex>
#include <cstdint>
#include <vector>

namespace onyx::kernels {

using Complex = std::complex<double>;

// out[k] for k in [0, n); in and out must not overlap.
void dft_reference(const Complex* in, Complex* out, int64_t n, bool inverse);

class FftPlan {
 public:
  explicit FftPlan(int64_t n);
  int64_t size() const { return n_; }
  // Complex elements of scratch transform() needs.
  int64_t scratch_size() const;
  // data[0, n) is replaced by its transform. scratch: scratch_size() elements (or nullptr when
  // scratch_size() is 0). A plan is immutable and may be shared between threads.
  void transform(Complex* data, bool inverse, Complex* scratch) const;

 private:
  void radix2(Complex* data, bool inverse) const;  // for n_ == m_ (a power of two)
  int64_t n_ = 0;
  int64_t m_ = 0;                   // power-of-two length of the radix-2 transform
  std::vector<Complex> twiddle_;    // exp(-2*pi*i*k/m_), k < m_/2
  std::vector<int64_t> bitrev_;     // bit-reversal permutation of [0, m_)
  std::vector<Complex> chirp_;      // Bluestein: exp(-pi*i*k^2/n), k < n
  std::vector<Complex> chirp_fft_;  // Bluestein: FFT of the conjugate chirp filter, length m_
};

// Transforms `data` (n elements) with the fast plan, or the reference when SIMD kernels are
// disabled (ONYX_ISA=scalar). scratch: max(plan.scratch_size(), n) elements.
void fft_dispatch(const FftPlan& plan, Complex* data, bool inverse, Complex* scratch);

}  // namespace onyx::kernels
