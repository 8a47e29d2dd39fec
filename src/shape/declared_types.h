// Conflicts between the types a model declares (graph outputs, value_info) and what shape
// inference derives: what `onyx check --full` reports. Only contradictions count, never a
// declared type that says less (an unknown or symbolic dim, an absent shape) than inference.
#pragma once

#include <string>
#include <vector>

#include "ir/graph.h"
#include "shape/infer.h"

namespace onyx::shape {

struct TypeConflict {
  enum class Kind { kElementType, kRank, kDim };
  Kind kind = Kind::kDim;
  std::string value;    // the value's name
  std::string where;    // "graph output" or "value_info"
  std::string message;  // "graph output 'y': declared float32 [batch, 4], inferred ... (dim 1)"
};

// Checks every tensor-typed graph output and value_info entry of `model.graph` against
// `inference` (from infer_graph on that graph): element types both defined and different, ranks
// both known and different, or a dim fixed on both sides with different sizes. Values inference
// did not reach are skipped. Conflicts come in declaration order (outputs first).
std::vector<TypeConflict> check_declared_types(const ir::Model& model,
                                               const GraphInference& inference);

}  // namespace onyx::shape
