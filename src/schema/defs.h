// The schema table's data, one function per family (named after the ONNX standard's operator
// folders). Each appends its ops' versions to the builder; schema.cc calls them all once.
// A family may spread over several defs_<family>_*.cc files (split before 800 lines).
#pragma once

#include "schema/builder.h"

namespace onyx::schema {

// domain "" (ai.onnx)
void add_controlflow_schemas(SchemaBuilder& b);
void add_generator_schemas(SchemaBuilder& b);
void add_image_schemas(SchemaBuilder& b);
void add_logical_schemas(SchemaBuilder& b);
void add_math_schemas(SchemaBuilder& b);
void add_nn_schemas(SchemaBuilder& b);
void add_object_detection_schemas(SchemaBuilder& b);
void add_optional_schemas(SchemaBuilder& b);
void add_quantization_schemas(SchemaBuilder& b);
void add_reduction_schemas(SchemaBuilder& b);
void add_rnn_schemas(SchemaBuilder& b);
void add_sequence_schemas(SchemaBuilder& b);
void add_tensor_schemas(SchemaBuilder& b);
void add_text_schemas(SchemaBuilder& b);
// domain "ai.onnx.ml"
void add_ml_schemas(SchemaBuilder& b);
// domain "ai.onnx.preview"
void add_preview_schemas(SchemaBuilder& b);
// domain "ai.onnx.preview.training"
void add_training_schemas(SchemaBuilder& b);

}  // namespace onyx::schema
