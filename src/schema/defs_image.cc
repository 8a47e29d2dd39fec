// Schemas of the ONNX standard's "image" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {

void add_image_schemas(SchemaBuilder& b) {
  (void)b;
}

}  // namespace onyx::schema
