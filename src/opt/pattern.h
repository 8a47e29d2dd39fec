// Helpers the graph passes share to match patterns: constants, single-reader values, attributes.
//
// "Constant" here means a value fixed by the model itself: an initializer that is not also a graph
// input (a graph input with an initializer is only a default the caller may override), or the
// `value` tensor of a default-domain Constant node.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "ir/graph_index.h"
#include "opt/pass.h"
#include "shape/infer.h"

namespace onyx::opt {

// Node `n` is a live default-domain node of type `op`.
bool is_op(const ir::Graph& graph, const ir::GraphIndex& index, size_t n, const char* op);

// The tensor behind constant value `name`, or nullptr.
const Tensor* constant_tensor(const ir::Graph& graph, const ir::GraphIndex& index,
                              const std::string& name);
// Float32 scalar (or one-element tensor) value of constant `name`.
std::optional<float> constant_scalar(const ir::Graph& graph, const ir::GraphIndex& index,
                                     const std::string& name);
// Integer (int64 or int32) elements of constant `name`.
std::optional<std::vector<int64_t>> constant_ints(const ir::Graph& graph,
                                                  const ir::GraphIndex& index,
                                                  const std::string& name);

// The node producing `value` when `value` is that node's only output in use, it has exactly one
// reader (one slot of one node, no subgraph read) and is not a graph output: the conditions under
// which a pass may fuse the producer into its reader. kNoNode otherwise.
size_t sole_producer(const ir::Graph& graph, const ir::GraphIndex& index, const std::string& value);

// Removes node `n` and makes every reader of its output 0 read `value` instead (bit-exact when
// the node computes the identity). False, changing nothing, when output 0 is a graph output or
// another output of the node is in use.
bool bypass_node(ir::Graph& graph, ir::GraphIndex& index, size_t n, const std::string& value);

// Axes of a Squeeze / Unsqueeze node (attribute before opset 13, constant input from 13), sorted;
// nullopt when absent or not constant.
std::optional<std::vector<int64_t>> squeeze_axes(const ir::Graph& graph,
                                                 const ir::GraphIndex& index, const ir::Node& node,
                                                 int64_t opset);

// Adds initializer `t` under a fresh name derived from `stem` and returns the name.
std::string add_initializer(ir::Graph& graph, const std::string& stem, Tensor t);

ir::Attribute make_string_attr(const std::string& name, const std::string& value);
ir::Attribute make_floats_attr(const std::string& name, std::vector<float> values);
ir::Attribute make_ints_attr(const std::string& name, std::vector<int64_t> values);

// Types and shapes of every value of model.graph (inference without folding); passes that need a
// rank or an element type call it once per run.
Result<shape::GraphInference> infer_types(const ir::Model& model);

}  // namespace onyx::opt
