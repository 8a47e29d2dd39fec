// Family code of ScatterElements, ScatterND and Scatter: the `reduction` attribute and the
// element update it selects.
//
// reduction (opset 16+: none/add/mul; 18+: max/min): how an update combines with the element it
// lands on. With "none", duplicate indices leave the last update (in index order); with the others
// every update is applied in index order. Reductions compute float16/bfloat16 in float32 and
// apply to numeric types only (bool/string data allow "none" alone).
#pragma once

#include <algorithm>
#include <string>

#include "base/half.h"
#include "ops/common/index_common.h"
#include "ops/op.h"

namespace onyx::ops {

enum class ScatterReduction { kNone, kAdd, kMul, kMax, kMin };

// Parses the `reduction` attribute for `opset` (kNone before 16); error names the bad value.
Status parse_scatter_reduction(const InitContext& ctx, ScatterReduction* out);

// The element types a reduction other than kNone accepts.
using ScatterReduceTypes = types::Numeric;

// dst = dst (reduction) src.
template <class T>
void scatter_combine(T& dst, const T& src, ScatterReduction r) {
  if constexpr (std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>) {
    if (r == ScatterReduction::kNone) {
      dst = src;
    } else {
      float d = to_float(dst);
      scatter_combine(d, to_float(src), r);
      dst = from_float<T>(d);
    }
  } else if constexpr (!std::is_arithmetic_v<T>) {
    dst = src;  // strings: "none" only (checked by the ops)
  } else {
    switch (r) {
      case ScatterReduction::kNone:
        dst = src;
        break;
      case ScatterReduction::kAdd:
        dst = static_cast<T>(dst + src);
        break;
      case ScatterReduction::kMul:
        dst = static_cast<T>(dst * src);
        break;
      case ScatterReduction::kMax:
        dst = std::max(dst, src);
        break;
      case ScatterReduction::kMin:
        dst = std::min(dst, src);
        break;
    }
  }
}

}  // namespace onyx::ops

namespace onyx::ops {

// ScatterElements (and the deprecated Scatter, opsets 9..10): out = copy of data, then for every
// element i of `indices` (int32/int64, same shape as `updates`, same rank as data):
//   out[i0..ik with i_axis = indices[i]] (reduction)= updates[i]
// axis default 0, negative counts from the end; negative indices count from the end of the
// axis; an index outside [-n, n) is an error from run(). Any element type for reduction "none".
class ScatterElementsBase : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = kMovableDTypes;

  Status init(const InitContext& ctx) override;
  Status infer(InferContext& ctx) const override;
  Status run(RunContext& ctx) const override;

 private:
  int64_t axis_ = 0;
  ScatterReduction reduction_ = ScatterReduction::kNone;
};

}  // namespace onyx::ops
