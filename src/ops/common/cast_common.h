// Element conversion shared by Cast and CastLike (and any op that converts element types).
//
// Rules (ONNX Cast, with onyx's choices where the spec leaves the result undefined):
//   float -> integer: truncation toward zero; NaN gives 0, values beyond the target's range
//     (including +-inf) saturate to its min/max.
//   float16/bfloat16: converted through float32; narrowing rounds to nearest even, NaN/inf kept.
//   x -> bool: x != 0 (NaN is true); bool -> number: 0 or 1.
//   number -> string: integers in decimal; floats as numpy's str() prints them (shortest digits
//     that round-trip in the source type, positional for 1e-4 <= |x| < 1e16, else scientific
//     "1e-05"; "nan", "inf", "-inf"); bool as "True"/"False".
//   string -> number: decimal or scientific text, "inf"/"INF"/"-inf"/"nan" (any case) for
//     floats; "true"/"false" for bool. Text that is not a number is an error naming it.
//   float8 (E4M3FN, E4M3FNUZ, E5M2, E5M2FNUZ) and float4 (E2M1): see kernels/minifloat.h;
//     `saturate` (Cast opset 19+, default true) clamps out-of-range values to +-max.
//   float8e8m0 (opset 25): see kernels/minifloat.h; Cast's round_mode picks the rounding.
//   int4/uint4 and int2/uint2 (stored unpacked, one value per byte, signed ones sign-extended):
//     values are truncated toward zero and wrap modulo 16 / 4 (NaN and inf give 0).
//   Conversions involving these small types go through double.
#pragma once

#include "base/thread_pool.h"
#include "kernels/minifloat.h"
#include "onyx/status.hpp"
#include "onyx/tensor.hpp"
#include "ops/common/dtype_visit.h"
#include "ops/common/index_common.h"
#include "ops/op.h"

namespace onyx::ops {

// Element types with a C++ storage type that cast_tensor converts between.
using CastTypes = types::All;
// Every element type cast_tensor accepts: CastTypes plus float8, float4, 4-bit and 2-bit integers.
inline constexpr DTypeSet kCastDTypes =
    kMovableDTypes | DTypeSet{DType::kFloat8E8M0, DType::kUInt2, DType::kInt2};

// out (same numel, dtype in kCastDTypes) = in converted element by element. Errors (as
// InvalidArgument) only for strings that do not parse as the target type. float32 <-> float16
// runs the SIMD kernels of kernels/cast.h, split over `pool` (nullable).
Status cast_tensor(const Tensor& in, Tensor& out, ThreadPool* pool = nullptr, bool saturate = true,
                   kernels::E8M0Round e8m0_round = kernels::E8M0Round::kUp);

// Element i of a non-string tensor (any kCastDTypes type but string; float8/float4/int4 decoded)
// as double.
double element_as_double(const Tensor& t, int64_t i);
// Stores v into element i of a non-string tensor converted as Cast does (saturate: float8 only).
void store_element(Tensor& t, int64_t i, double v, bool saturate = true,
                   kernels::E8M0Round e8m0_round = kernels::E8M0Round::kUp);

// Cast/CastLike attribute round_mode (opset 25, float8e8m0 targets): "up" (default), "down" or
// "nearest".
Status parse_e8m0_round_mode(const InitContext& ctx, kernels::E8M0Round* out);

// The numpy-style text of a float of type `source` (float, double, float16 or bfloat16; see
// above): the shortest digits that round-trip in that type.
std::string float_to_text(double v, DType source);

}  // namespace onyx::ops
