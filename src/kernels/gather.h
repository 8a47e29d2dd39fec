// Gather along one axis: data viewed as [outer, axis_dim, inner], indices flat [num_indices],
// out as [outer, num_indices, inner] with out[o, n, :] = data[o, idx(n), :], where a negative
// index counts from the end (idx = index + axis_dim).
//
// Indices are validated before anything is written: the return value is -1 on success, or the
// position in `indices` of the first index outside [-axis_dim, axis_dim) (out is untouched).
// Units: elements of `elem_size` bytes (std::string objects for the strings variant). `out`
// must not overlap `data`. `pool` may be null.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "base/thread_pool.h"

namespace onyx::kernels {

int64_t gather(const void* data, void* out, size_t elem_size, int64_t outer, int64_t axis_dim,
               int64_t inner, const int64_t* indices, int64_t num_indices,
               ThreadPool* pool = nullptr);
int64_t gather(const void* data, void* out, size_t elem_size, int64_t outer, int64_t axis_dim,
               int64_t inner, const int32_t* indices, int64_t num_indices,
               ThreadPool* pool = nullptr);
int64_t gather_strings(const std::string* data, std::string* out, int64_t outer, int64_t axis_dim,
                       int64_t inner, const int64_t* indices, int64_t num_indices);
int64_t gather_strings(const std::string* data, std::string* out, int64_t outer, int64_t axis_dim,
                       int64_t inner, const int32_t* indices, int64_t num_indices);

}  // namespace onyx::kernels
