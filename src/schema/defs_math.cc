// Schemas of the ONNX standard's "math" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {

void add_math_schemas(SchemaBuilder& b) {
  (void)b;
}

}  // namespace onyx::schema
