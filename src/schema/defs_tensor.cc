// Schemas of the ONNX standard's "tensor" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {

void add_tensor_schemas(SchemaBuilder& b) {
  (void)b;
}

}  // namespace onyx::schema
