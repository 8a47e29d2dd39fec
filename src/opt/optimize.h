// Graph optimization passes, one per file, applied by level like onnxruntime's:
//   basic    : identity elimination, dead-node elimination
//   extended : + Conv/activation fusion (com.onyx FusedConv)
// Every pass preserves the graph's outputs bit for bit on every input.
#pragma once

#include <vector>

#include "ir/graph.h"
#include "opt/pass.h"

namespace onyx::opt {

// Every pass, in the order one round applies them.
const std::vector<Pass>& all_passes();

// Runs the passes enabled at `level` over model.graph in rounds until a round changes nothing
// (at most kMaxRounds). Logs each pass that changed the graph (ONYX_LOG=1). Returns the number of
// nodes removed or rewritten, summed over passes and rounds.
Result<int> optimize_graph(ir::Model& model, Level level);
constexpr int kMaxRounds = 8;

// Removes Identity nodes whose output is not a graph output, rewiring readers to the input.
Result<int> eliminate_identity(ir::Graph& graph, PassContext& ctx);
// Removes nodes none of whose outputs is read (directly or inside a subgraph) or a graph output.
Result<int> eliminate_dead_nodes(ir::Graph& graph, PassContext& ctx);
// Conv followed by its only consumer Relu/Clip becomes com.onyx FusedConv.
Result<int> fuse_conv_activation(ir::Graph& graph, PassContext& ctx);

// Runs one pass function on model.graph with a freshly built index (tests, tools).
Result<int> run_pass(ir::Model& model, Result<int> (*run)(ir::Graph&, PassContext&));

}  // namespace onyx::opt
