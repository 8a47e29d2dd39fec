// The parts of the "tensor" family's schema table (schema/defs.h's add_tensor_schemas calls them).
#pragma once

#include "schema/builder.h"

namespace onyx::schema {

void add_tensor_indexing_schemas(SchemaBuilder& b);  // defs_tensor_indexing.cc
void add_tensor_cast_schemas(SchemaBuilder& b);      // defs_tensor_cast.cc
void add_tensor_resample_schemas(SchemaBuilder& b);  // defs_tensor_resample.cc

}  // namespace onyx::schema
