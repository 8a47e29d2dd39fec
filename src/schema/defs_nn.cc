// Schemas of the ONNX standard's "nn" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {

void add_nn_schemas(SchemaBuilder& b) {
  (void)b;
}

}  // namespace onyx::schema
