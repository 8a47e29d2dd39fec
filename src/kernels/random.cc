#include "kernels/random.h"

#include <cmath>
#include <numbers>

namespace onyx::kernels {
namespace {

constexpr uint32_t kMul0 = 0xD2511F53u, kMul1 = 0xCD9E8D57u;    // Philox round multipliers
constexpr uint32_t kWeyl0 = 0x9E3779B9u, kWeyl1 = 0xBB67AE85u;  // key schedule increments

// 24 random bits of word w as a float in [0, 1).
float unit_f32(uint32_t w) {
  return static_cast<float>(w >> 8) * 0x1.0p-24f;
}
// 53 random bits of (hi, lo) as a double in [0, 1).
double unit_f64(uint32_t hi, uint32_t lo) {
  const uint64_t bits = (static_cast<uint64_t>(hi) << 21) ^ (lo >> 11);
  return static_cast<double>(bits & ((uint64_t{1} << 53) - 1)) * 0x1.0p-53;
}

template <class T>
T below(T value, T low, T high) {
  return value < high || !(high > low) ? value : std::nextafter(high, low);
}

// Box-Muller: standard normal from u1 in (0, 1] and u2 in [0, 1).
double box_muller(double u1, double u2) {
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

}  // namespace

std::array<uint32_t, 4> philox4x32(uint64_t key, uint64_t counter) {
  uint32_t c0 = static_cast<uint32_t>(counter), c1 = static_cast<uint32_t>(counter >> 32);
  uint32_t c2 = 0, c3 = 0;
  uint32_t k0 = static_cast<uint32_t>(key), k1 = static_cast<uint32_t>(key >> 32);
  for (int round = 0; round < 10; ++round) {
    const uint64_t p0 = static_cast<uint64_t>(kMul0) * c0;
    const uint64_t p1 = static_cast<uint64_t>(kMul1) * c2;
    const uint32_t n0 = static_cast<uint32_t>(p1 >> 32) ^ c1 ^ k0;
    const uint32_t n1 = static_cast<uint32_t>(p1);
    const uint32_t n2 = static_cast<uint32_t>(p0 >> 32) ^ c3 ^ k1;
    const uint32_t n3 = static_cast<uint32_t>(p0);
    c0 = n0, c1 = n1, c2 = n2, c3 = n3;
    k0 += kWeyl0;
    k1 += kWeyl1;
  }
  return {c0, c1, c2, c3};
}

uint32_t random_word(uint64_t key, uint64_t index) {
  return philox4x32(key, index / 4)[index % 4];
}

uint64_t mix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

void random_uniform_f32(uint64_t key, float low, float high, float* out, int64_t n) {
  for (int64_t b = 0; b * 4 < n; ++b) {
    const std::array<uint32_t, 4> w = philox4x32(key, static_cast<uint64_t>(b));
    for (int64_t j = 0; j < 4 && b * 4 + j < n; ++j)
      out[b * 4 + j] = below(low + (high - low) * unit_f32(w[static_cast<size_t>(j)]), low, high);
  }
}

void random_uniform_f64(uint64_t key, double low, double high, double* out, int64_t n) {
  for (int64_t b = 0; b * 2 < n; ++b) {
    const std::array<uint32_t, 4> w = philox4x32(key, static_cast<uint64_t>(b));
    for (int64_t j = 0; j < 2 && b * 2 + j < n; ++j)
      out[b * 2 + j] = below(low + (high - low) * unit_f64(w[2 * j], w[2 * j + 1]), low, high);
  }
}

void random_normal_f64(uint64_t key, double mean, double scale, double* out, int64_t n) {
  // Element i uses block i: 53-bit u1 from words 0-1, u2 from words 2-3.
  for (int64_t i = 0; i < n; ++i) {
    const std::array<uint32_t, 4> w = philox4x32(key, static_cast<uint64_t>(i));
    const double u1 = 1.0 - unit_f64(w[0], w[1]);  // (0, 1]
    out[i] = mean + scale * box_muller(u1, unit_f64(w[2], w[3]));
  }
}

void random_normal_f32(uint64_t key, float mean, float scale, float* out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    const std::array<uint32_t, 4> w = philox4x32(key, static_cast<uint64_t>(i));
    const double u1 = 1.0 - unit_f64(w[0], w[1]);
    out[i] = static_cast<float>(mean + scale * box_muller(u1, unit_f64(w[2], w[3])));
  }
}

}  // namespace onyx::kernels
