// Schemas of the ONNX standard's "text" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {

void add_text_schemas(SchemaBuilder& b) {
  (void)b;
}

}  // namespace onyx::schema
