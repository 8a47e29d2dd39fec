// Schemas of the ONNX standard's "logical" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {

void add_logical_schemas(SchemaBuilder& b) {
  (void)b;
}

}  // namespace onyx::schema
