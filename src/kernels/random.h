// onyx's one pseudo-random generator: Philox4x32-10 (Salmon et al., "Parallel random numbers: as
// easy as 1, 2, 3", SC 2011), a counter-based generator. Stream `key` (64 bits, from an op's seed)
// and a 64-bit block counter give four 32-bit words per block; word i of a stream is word i % 4 of
// block i / 4, so any range of a stream can be computed independently (and in parallel).
//
// Values are deterministic per key and platform-independent, but they are NOT numpy's: ONNX test
// data drawn from numpy's RNG cannot be reproduced bit for bit by any other generator.
//
// Derived distributions (element i uses words of the stream starting at i * words_per_element):
//   uniform:   low + (high - low) * u, u = 24 (float) or 53 (double) random bits / 2^bits in [0,
//   1);
//              a result that rounds up to high is replaced by the largest value below high.
//   normal:    mean + scale * z, z from Box-Muller on two uniforms (computed in double).
// Outputs have n elements, any alignment; n == 0 writes nothing. Scalar only: these ops are not
// hot paths (no SIMD variant).
#pragma once

#include <array>
#include <cstdint>

namespace onyx::kernels {

// The four words of Philox4x32-10 block `counter` of stream `key`.
std::array<uint32_t, 4> philox4x32(uint64_t key, uint64_t counter);

// Word `index` of stream `key`.
uint32_t random_word(uint64_t key, uint64_t index);

// 64-bit mixing function (splitmix64 finalizer): seeds -> stream keys.
uint64_t mix64(uint64_t x);

void random_uniform_f32(uint64_t key, float low, float high, float* out, int64_t n);
void random_uniform_f64(uint64_t key, double low, double high, double* out, int64_t n);
void random_normal_f32(uint64_t key, float mean, float scale, float* out, int64_t n);
void random_normal_f64(uint64_t key, double mean, double scale, double* out, int64_t n);

}  // namespace onyx::kernels
