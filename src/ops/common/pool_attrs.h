// Sliding-window attributes shared by Conv, MaxPool and AveragePool: kernel_shape, strides,
// dilations, pads, auto_pad, ceil_mode, and the output-size rule they imply.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ops/op.h"

namespace onyx::ops {

struct WindowAttrs {
  std::vector<int64_t> kernel_shape;              // empty = not given (Conv takes it from W)
  std::vector<int64_t> strides, dilations, pads;  // empty = defaults (1, 1, 0)
  std::string auto_pad = "NOTSET";                // NOTSET, SAME_UPPER, SAME_LOWER, VALID
  bool ceil_mode = false;
};

// Reads the attributes (no rank checks yet); rejects unknown auto_pad values and non-positive
// kernel/stride/dilation entries, negative pads.
Status parse_window_attrs(const InitContext& ctx, WindowAttrs* out);

// Output spatial sizes and the resolved begin/end pads for one spatial rank.
struct WindowGeometry {
  std::vector<int64_t> kernel, strides, dilations, pad_begin, pad_end, out;
};

// Resolves attrs against the input's spatial dims (kUnknownDim/symbolic dims give kUnknownDim
// outputs). `kernel` is the effective kernel shape. Errors go through `ctx` naming input 0.
Status resolve_window(const InferContext& ctx, const WindowAttrs& attrs,
                      const std::vector<int64_t>& in_spatial, const std::vector<int64_t>& kernel,
                      WindowGeometry* out);

}  // namespace onyx::ops

namespace onyx::kernels {
struct PoolShape;
}

namespace onyx::ops {

// Shared infer for MaxPool/AveragePool/LpPool (the op checks the element type): X [N, C,
// spatial...] -> outputs 0 (and 1 when
// requested, int64 indices) of shape [N, C, out...].
Status infer_pool(InferContext& ctx, const WindowAttrs& attrs);

// Shared infer for GlobalMaxPool/GlobalLpPool (the op checks the element type): X [N, C,
// spatial...] -> [N, C, 1, ...].
Status infer_global_pool(InferContext& ctx);

// Concrete pool geometry at prepare time (NotImplemented beyond 3 spatial dims).
Status make_pool_shape(const PrepareContext& ctx, const WindowAttrs& attrs,
                       kernels::PoolShape* out);

}  // namespace onyx::ops
