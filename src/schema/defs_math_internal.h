// The "math" family's schemas are spread over several files; add_math_schemas (defs_math.cc)
// calls each part once.
#pragma once

#include "schema/builder.h"

namespace onyx::schema {

// Elementwise activations: Relu, Elu, Selu, LeakyRelu, PRelu, Gelu, Swish, Softplus, ...
void add_math_activation_schemas(SchemaBuilder& b);
// Products and normalizations: Gemm, MatMul (and quantized), Einsum, Softmax family, losses.
void add_math_linalg_schemas(SchemaBuilder& b);
// Everything else: Clip, CumSum/CumProd, Expand, TopK, DFT/STFT, window functions, Mel matrix.
void add_math_misc_schemas(SchemaBuilder& b);

}  // namespace onyx::schema
