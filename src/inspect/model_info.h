// Model summary for `onyx info` (and the Python binding): header fields, opsets, graph inputs and
// outputs with symbolic dims, op histogram, parameter count and size.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ir/graph.h"

namespace onyx::inspect {

struct ValueSummary {
  std::string name;
  std::string type;   // element type ("float32") for tensors, else the type string ("seq(...)")
  std::string shape;  // "[batch_size, 1, 224, 224]"; unknown dims are "?"; "unknown" = no rank
  // Per dim (when the rank is known): the size as text ("224", "batch", "seq+1", "?").
  std::vector<std::string> dims;
  bool has_rank = false;
};

struct ModelInfoOptions {
  // Also list every value of the main graph (graph inputs, initializers excluded, and node
  // outputs) with its inferred type and shape.
  bool shapes = false;
};

struct ModelInfo {
  int64_t ir_version = 0;
  std::string producer_name, producer_version, domain, graph_name;
  int64_t model_version = 0;
  std::vector<std::pair<std::string, int64_t>> opset_imports;  // domain ("" = ai.onnx), version
  std::vector<ValueSummary> inputs;  // graph inputs that are not initializers
  std::vector<ValueSummary> outputs;
  // op_type (prefixed "domain::" outside the default domain) -> count, over the main graph and
  // all subgraphs (If/Loop/Scan bodies); sorted by count descending, then op_type.
  std::vector<std::pair<std::string, int64_t>> op_histogram;
  int64_t node_count = 0;        // main graph only
  int64_t total_node_count = 0;  // including subgraphs
  int64_t initializer_count = 0;
  int64_t parameter_count = 0;  // sum of initializer element counts (main graph)
  int64_t parameter_bytes = 0;  // sum of initializer sizes in bytes (strings: their lengths)
  int64_t function_count = 0;   // model-local functions
  // With ModelInfoOptions::shapes (then `shapes` is true): node outputs in execution order, as
  // inferred; the text and JSON reports list them and any inference error.
  bool shapes = false;
  std::vector<ValueSummary> values;
  // Why shape inference failed ("" when it ran); declared shapes are shown then.
  std::string inference_error;
  // With ModelInfoOptions::shapes: declared types (graph outputs, value_info) that inference
  // contradicts (shape::check_declared_types messages).
  std::vector<std::string> type_conflicts;
};

// Runs shape inference: graph outputs whose declared dims are exporter placeholders (a dim_param
// naming no graph input dim, e.g. "Reshapeoutput_dim_1") show the inferred dim instead.
ModelInfo collect_model_info(const ir::Model& model, const ModelInfoOptions& options = {});

// Human-readable multi-line report. `model_label` (e.g. the file path) heads it when non-empty.
std::string model_info_text(const ModelInfo& info, const std::string& model_label = "");
// One JSON object (pretty-printed, trailing newline).
std::string model_info_json(const ModelInfo& info, const std::string& model_label = "");

// numpy-style element type name: "float32", "float64", "int64", "bool", "float16", "string".
std::string elem_type_name(DType dtype);
// Escapes `s` as a JSON string literal, quotes included.
std::string json_quote(const std::string& s);

}  // namespace onyx::inspect
