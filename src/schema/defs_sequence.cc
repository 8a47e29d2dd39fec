// Schemas of the ONNX standard's "sequence" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {

void add_sequence_schemas(SchemaBuilder& b) {
  (void)b;
}

}  // namespace onyx::schema
