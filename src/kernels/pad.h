// N-d padding / cropping of a dense row-major array (ONNX Pad semantics).
//
// pads holds 2 * rank entries [begin_0, ..., begin_{r-1}, end_0, ..., end_{r-1}] in elements.
// A negative entry crops that many elements first; the positive ones then pad the cropped array,
// so out_dim = in_dim + begin + end. Padded elements are:
//   kConstant  `constant_value`
//   kReflect   mirror without repeating the edge (numpy "reflect"; periodic for wide pads)
//   kEdge      the nearest edge element
//   kWrap      the array repeated periodically (numpy "wrap")
// Preconditions (callers validate): crops on an axis total at most in_dim; for non-constant modes
// an axis that is padded keeps at least one element after cropping. `out` must not overlap `in`.
// Elements are elem_size bytes (std::string objects for pad_strings). `pool` may be null.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "base/thread_pool.h"

namespace onyx::kernels {

enum class PadMode { kConstant, kReflect, kEdge, kWrap };

void pad(const void* in, void* out, size_t elem_size, std::span<const int64_t> in_dims,
         std::span<const int64_t> pads, PadMode mode, const void* constant_value,
         ThreadPool* pool = nullptr);
void pad_strings(const std::string* in, std::string* out, std::span<const int64_t> in_dims,
                 std::span<const int64_t> pads, PadMode mode, const std::string& constant_value);

}  // namespace onyx::kernels
