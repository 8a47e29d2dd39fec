// Graph optimization passes, one per file, applied by level like onnxruntime's:
//   basic    : identity elimination, dead-node elimination
//   extended : + Conv/activation fusion (com.onyx FusedConv)
// Every pass preserves the graph's outputs bit for bit on every input.
#pragma once

#include "ir/graph.h"
#include "onyx/session.hpp"

namespace onyx {

// Returns the number of nodes removed or rewritten, summed over passes.
int optimize_graph(ir::Model& model, OptLevel level);

namespace opt {
// Removes Identity nodes whose output is not a graph output, rewiring consumers to the input.
int eliminate_identity(ir::Graph& graph);
// Removes nodes none of whose outputs is used by another node or the graph outputs.
int eliminate_dead_nodes(ir::Graph& graph);
// Conv followed by its only consumer Relu/Clip becomes com.onyx FusedConv.
int fuse_conv_activation(ir::Model& model);
}  // namespace opt

}  // namespace onyx
