// Schemas of the ONNX standard's "controlflow" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {

void add_controlflow_schemas(SchemaBuilder& b) {
  (void)b;
}

}  // namespace onyx::schema
