// Graph-level type/shape inference driver with constant folding.
//
// Walks the nodes in topological order, calling each op's infer(). Values whose contents are known
// (initializers, Constant, Shape of a fully known input, and any deterministic node whose inputs
// are all known) are evaluated here, so at plan time Shape->Gather->Concat->Reshape chains turn
// into constants. Symbolic dims (dim_param) become negative ids (see ops/op.h): -(k+2) for
// symbols[k]. The ids index a DimTable (ops/common/dim_expr.h), so besides names they may denote
// expressions ops derived ("seq+1", "batch*seq"); symbols[k] is the display text of entry k.
// Integer shape tensors built from Shape(x) carry their symbolic elements (elem_dims below, see
// shape/elem_dims.h) so Shape->Gather->Concat->Reshape chains keep the symbols. A size no rule
// derives (an input dim declared without name, a data-dependent count) gets a fresh symbol
// "unk_N" rather than kUnknownDim, so values sharing it stay equal: the dims of tensor node
// outputs and declared inputs are then never kUnknownDim (types passed in input_types are kept
// as given; elem_dims entries may still be unknown).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/thread_pool.h"
#include "ir/graph.h"
#include "onyx/status.hpp"
#include "ops/common/dim_expr.h"
#include "ops/op.h"

namespace onyx::shape {

// Default limit on subgraph nesting (If/Loop/Scan bodies inside bodies); Options can change it.
constexpr int kDefaultMaxSubgraphDepth = 16;

struct InferOptions {
  bool fold_constants = true;
  ThreadPool* pool = nullptr;  // used when folding
  int depth = 0;               // nesting level of the graph being inferred (main graph: 0)
  int max_depth = kDefaultMaxSubgraphDepth;
  // Table of symbolic dims to intern into (nested subgraphs share their parent's); null: the
  // call makes its own (GraphInference::dim_table).
  ops::DimTable* dim_table = nullptr;
};

struct NodeInference {
  size_t node_index = 0;                  // index into graph.nodes
  int64_t opset = 0;                      // opset of the node's domain
  std::unique_ptr<ops::OpKernel> kernel;  // init()ed and infer()ed
  bool folded = false;                    // every output is a known constant
};

struct GraphInference {
  std::unordered_map<std::string, ops::ValueType> values;  // by value name
  std::vector<NodeInference> nodes;                        // in execution order
  std::vector<std::string> symbols;                        // symbolic dim names by id
  std::shared_ptr<ops::DimTable> dim_table;                // the entries symbols[] name
  ops::ElemDimsMap elem_dims;  // partly known int shape tensors, by value name

  const ops::ValueType* find(const std::string& name) const;
};

// Converts a declared ONNX type into what inference starts from, interning dim_param names.
ops::ValueType value_type_from_declared(const ir::TypeInfo& type,
                                        std::vector<std::string>* symbols);
// The same, interning dim_params into `table` (null: they become unknown).
ops::ValueType value_type_from_declared(const ir::TypeInfo& type, ops::DimTable* table);

// Nodes of `graph` in a valid execution order (stable: keeps file order where possible). A node
// with subgraphs also depends on the producers of the values they capture (shape/scope.h).
// `outer` names values visible from enclosing scopes. Errors: cycles, and inputs that nothing
// produces.
Result<std::vector<size_t>> topological_order(const ir::Graph& graph,
                                              const std::vector<std::string>& outer = {});

// `input_types` overrides the declared type of graph inputs (e.g. concrete fed shapes). A graph
// input that is also an initializer is constant unless it appears in `input_types`. Entries that
// name no graph input are outer-scope values a subgraph captures (shape/scope.h).
Result<GraphInference> infer_graph(const ir::Model& model, const ir::Graph& graph,
                                   const std::map<std::string, ops::ValueType>& input_types,
                                   const InferOptions& options);

}  // namespace onyx::shape
