// Subgraph scoping: which outer-scope values a subgraph reads.
//
// ONNX subgraphs (If branches, Loop/Scan bodies) may read any value visible in an enclosing scope
// by name. A graph's free variables are the names its nodes (and, recursively, their subgraphs)
// read that the graph itself does not define (as input, initializer or node output). They are the
// implicit inputs ("captures") of the node owning the graph: that node depends on them for
// ordering, and their values are handed to the subgraph when it runs.
#pragma once

#include <string>
#include <vector>

#include "ir/graph.h"

namespace onyx::shape {

// True when the node has a graph-valued attribute.
bool has_subgraphs(const ir::Node& node);

// The node's graph attributes (graph and graphs), in attribute order.
std::vector<const ir::Graph*> subgraphs_of(const ir::Node& node);

// Free variables of `graph`, in first-use order, without duplicates.
std::vector<std::string> free_variables(const ir::Graph& graph);

// Union of the free variables of the node's subgraphs, in first-use order.
std::vector<std::string> node_captures(const ir::Node& node);

}  // namespace onyx::shape
