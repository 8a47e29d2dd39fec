// The graph-pass contract: every optimization is a named rewrite of ir::Graph applied from a
// minimum optimization level up, run by optimize_graph() (optimize.h) to a fixed point.
#pragma once

#include <cstdint>
#include <string>

#include "ir/graph.h"
#include "ir/graph_index.h"
#include "onyx/status.hpp"

namespace onyx::opt {

// Optimization levels, as onnxruntime's GraphOptimizationLevel; the public onyx::OptLevel maps
// onto these one to one (runtime/opt_level.h).
enum class Level { kNone = 0, kBasic = 1, kExtended = 2, kAll = 99 };

const char* level_name(Level level);

// What a pass sees besides the graph it rewrites.
struct PassContext {
  ir::Model& model;  // opset imports (a pass introducing a domain adds its import)
  // Producer/consumer maps of the graph being rewritten, valid when the pass starts; a pass keeps
  // it valid through the GraphIndex mutation helpers (or rebuild()) before it returns.
  ir::GraphIndex& index;
  int64_t opset = 0;  // default-domain opset of the model
  // Nodes examined by passes, summed: tests bound a pass's work with it (e.g. O(N) per run).
  uint64_t node_visits = 0;
};

struct Pass {
  const char* name;
  Level min_level;  // runs when the requested level is at least this
  // Rewrites `graph` preserving its outputs bit for bit on every input. Returns the number of
  // nodes removed or rewritten (0 = graph unchanged); an error leaves the graph valid.
  Result<int> (*run)(ir::Graph& graph, PassContext& ctx);
};

}  // namespace onyx::opt
