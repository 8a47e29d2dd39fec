// Schemas of the ONNX standard's "reduction" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {

void add_reduction_schemas(SchemaBuilder& b) {
  (void)b;
}

}  // namespace onyx::schema
