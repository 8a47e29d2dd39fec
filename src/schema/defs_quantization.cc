// Schemas of the ONNX standard's "quantization" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {

void add_quantization_schemas(SchemaBuilder& b) {
  (void)b;
}

}  // namespace onyx::schema
