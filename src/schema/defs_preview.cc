// Schemas of the ONNX standard's "preview" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {

void add_preview_schemas(SchemaBuilder& b) {
  (void)b;
}

}  // namespace onyx::schema
