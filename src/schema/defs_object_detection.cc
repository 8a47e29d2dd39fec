// Schemas of the ONNX standard's "object_detection" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {

void add_object_detection_schemas(SchemaBuilder& b) {
  (void)b;
}

}  // namespace onyx::schema
