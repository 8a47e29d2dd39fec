// Schemas of the ONNX standard's "ml" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {

void add_ml_schemas(SchemaBuilder& b) {
  (void)b;
}

}  // namespace onyx::schema
