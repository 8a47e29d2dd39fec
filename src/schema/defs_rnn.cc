// Schemas of the ONNX standard's "rnn" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {

void add_rnn_schemas(SchemaBuilder& b) {
  (void)b;
}

}  // namespace onyx::schema
