// ai.onnx.preview.training Gradient reads the graph around it: its outputs are the derivatives of
// the value named by attribute `y` with respect to the values named by `xs` (its first inputs;
// `zs`, the rest, are inputs held constant). A kernel only sees its own node, so session creation
// attaches the forward computation to the node as a graph attribute (on the session's copy of the
// model; the imported model stays as the file says):
//
//   "forward": inputs xs..., zs...; nodes: the copies of every node on a path to y that does not
//              pass through an x or z (in graph order); outputs: every value those nodes read or
//              write other than the inputs (values of the enclosing graph they read are captures).
//
// The Gradient op (src/ops/gradient.cc) runs that graph and back-propagates through its nodes.
#pragma once

#include "ir/graph.h"
#include "onyx/status.hpp"

namespace onyx::ir {

inline constexpr const char* kGradientForwardAttr = "forward";

// Attaches "forward" to every Gradient node of `graph` (not of its subgraphs) that lacks one.
// Errors: y or an x that no node, input or initializer defines.
Status attach_gradient_graphs(Graph& graph);

}  // namespace onyx::ir
