// Schemas of the ONNX standard's "optional" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {

void add_optional_schemas(SchemaBuilder& b) {
  (void)b;
}

}  // namespace onyx::schema
