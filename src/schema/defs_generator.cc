// Schemas of the ONNX standard's "generator" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {

void add_generator_schemas(SchemaBuilder& b) {
  (void)b;
}

}  // namespace onyx::schema
