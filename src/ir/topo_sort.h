// Topological order of a graph's nodes.
//
// ONNX requires nodes in topological order, but exporters and hand-edited models do not always
// comply (onnxruntime sorts them). Every consumer of the IR (inference, planning, passes) walks
// Graph::nodes front to back, so import sorts each graph once.
#pragma once

#include <cstddef>
#include <vector>

#include "ir/graph.h"
#include "onyx/status.hpp"

namespace onyx::ir {

// Reorders graph.nodes so that every node follows the producers of the values it reads, directly
// or inside its subgraphs (outer-scope reads); subgraphs are sorted too, recursively. Stable:
// among nodes whose inputs are ready the earliest in the original order goes first, so a sorted
// graph is left unchanged. O(N log N). A cycle gives kInvalidGraph naming the nodes on it, in
// data-flow order ("Add 'a' -> Relu 'b' -> Add 'a'"), and leaves the graph unchanged.
Status topological_sort(Graph& graph);

// The same order without moving anything (this graph only; subgraphs not visited): node indices
// in execution order. Same stability, complexity and cycle error as topological_sort().
Result<std::vector<size_t>> topological_order(const Graph& graph);

// True when every node follows the producers of the values it reads (subgraphs not inspected).
bool is_topologically_sorted(const Graph& graph);

}  // namespace onyx::ir
