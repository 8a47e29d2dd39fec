// Static memory planning: place buffers with known sizes and lifetimes into one arena so that
// buffers whose lifetimes overlap never overlap in memory.
#pragma once

#include <cstddef>
#include <vector>

namespace onyx::runtime {

struct BufferRequest {
  size_t bytes = 0;
  int first_step = 0;  // step that writes it
  int last_step = 0;   // last step that reads it (inclusive)
};

struct MemoryPlan {
  std::vector<size_t> offsets;  // per request, multiples of 64
  size_t arena_bytes = 0;
};

// Greedy best-fit by decreasing size (the usual heuristic for offset assignment): each buffer goes
// to the lowest 64-byte-aligned offset not used by any placed buffer with an overlapping lifetime.
MemoryPlan plan_memory(const std::vector<BufferRequest>& requests);

}  // namespace onyx::runtime
