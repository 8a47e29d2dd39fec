// Schemas of the ONNX standard's "training" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {

void add_training_schemas(SchemaBuilder& b) {
  (void)b;
}

}  // namespace onyx::schema
