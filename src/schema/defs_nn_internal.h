// The "nn" family's schemas are spread over several files; add_nn_schemas (defs_nn.cc) calls
// these parts.
#pragma once

#include "schema/builder.h"

namespace onyx::schema {

void add_nn_normalization_schemas(SchemaBuilder& b);  // defs_nn_norm.cc
void add_nn_misc_schemas(SchemaBuilder& b);           // defs_nn_misc.cc

}  // namespace onyx::schema
