// Transpose (axis permutation) of dense row-major arrays.
//
// Contract: `in` has shape in_dims; output axis k has size in_dims[perm[k]] and
//   out[i_0, ..., i_{r-1}] = in[j] with j[perm[k]] = i_k.
// perm must be a permutation of [0, rank) (callers validate). Elements are trivially copyable
// blocks of elem_size bytes (any size; 1/2/4/8/16 have typed fast paths) or std::string objects
// (the *_strings variants). `out` must not overlap `in`. `pool` may be null (single thread).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "base/thread_pool.h"

namespace onyx::kernels {

// Picks transpose_blocked, or transpose_reference when force_scalar_kernels() is set.
void transpose(const void* in, void* out, size_t elem_size, std::span<const int64_t> in_dims,
               std::span<const int64_t> perm, ThreadPool* pool = nullptr);
void transpose_strings(const std::string* in, std::string* out, std::span<const int64_t> in_dims,
                       std::span<const int64_t> perm, ThreadPool* pool = nullptr);

// Element-by-element odometer walk of the output; the test oracle and scalar fallback.
void transpose_reference(const void* in, void* out, size_t elem_size,
                         std::span<const int64_t> in_dims, std::span<const int64_t> perm);
void transpose_strings_reference(const std::string* in, std::string* out,
                                 std::span<const int64_t> in_dims, std::span<const int64_t> perm);

// Fast path: drops size-1 axes and merges axes that stay adjacent, then either copies contiguous
// rows (innermost axis unmoved) or runs cache-blocked 2-D tile transposes between the input's
// and the output's innermost axes, batched over the remaining axes. Parallel over tiles/rows.
// No heap allocation up to rank 16; higher ranks use the reference walk.
void transpose_blocked(const void* in, void* out, size_t elem_size,
                       std::span<const int64_t> in_dims, std::span<const int64_t> perm,
                       ThreadPool* pool = nullptr);
void transpose_strings_blocked(const std::string* in, std::string* out,
                               std::span<const int64_t> in_dims, std::span<const int64_t> perm,
                               ThreadPool* pool = nullptr);

// 2-D transpose of 4-byte elements: dst[j * ldd + i] = src[i * lds + j] for i < ni, j < nj
// (strides in elements; no overlap). transpose_blocked's inner kernel for 4-byte types; register
// block transposes on SIMD targets, element copies on the edges. Ignores force_scalar_kernels().
using Transpose2D32Fn = void (*)(const uint32_t* src, int64_t lds, uint32_t* dst, int64_t ldd,
                                 int64_t ni, int64_t nj);
void transpose_2d_32(const uint32_t* src, int64_t lds, uint32_t* dst, int64_t ldd, int64_t ni,
                     int64_t nj);
// The best target's transpose_2d_32 (resolve once, call in a loop).
Transpose2D32Fn transpose_2d_32_best();

}  // namespace onyx::kernels
