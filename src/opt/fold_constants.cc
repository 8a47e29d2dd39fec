// Constant folding: a node whose outputs shape inference can compute at load time (every input a
// constant, or a value such as Shape of a statically shaped input) is evaluated once and its
// outputs become initializers of the same names, so a saved model no longer carries the node.
//
// Exactness: the values are the ones the node's own kernel computes, so results are bit for bit
// those of the unfolded graph. Shape-derived values are safe because a session rejects inputs
// whose shape differs from a declared fixed dim.
//
// Not folded: nodes with subgraphs, nodes producing a graph output or a non-tensor value,
// DequantizeLinear (it would inflate quantized weights back to float), and nodes whose outputs are
// more than kMaxGrowthBytes larger than their constant inputs (Expand, Tile, ConstantOfShape
// would bloat the file). Models with IR version < 4 are left alone: there every initializer must
// also be a graph input, which would make the folded values overridable.
#include <map>

#include "opt/optimize.h"
#include "opt/pattern.h"

namespace onyx::opt {

namespace {

constexpr size_t kMaxGrowthBytes = size_t{1} << 20;

bool has_subgraph(const ir::Node& node) {
  for (const ir::Attribute& a : node.attributes)
    if (a.type == ir::Attribute::Type::kGraph || a.type == ir::Attribute::Type::kGraphs)
      return true;
  return false;
}

}  // namespace

Result<int> fold_constants(ir::Graph& graph, PassContext& ctx) {
  if (ctx.model.ir_version < 4 || &graph != &ctx.model.graph) return 0;
  shape::InferOptions options;
  options.fold_constants = true;
  // Graph inputs with an initializer are defaults the caller may override: not constant.
  std::map<std::string, ops::ValueType> overridable;
  for (const ir::ValueInfo& in : graph.inputs)
    if (graph.initializer(in.name))
      overridable[in.name] =
          shape::value_type_from_declared(in.type, static_cast<ops::DimTable*>(nullptr));
  Result<shape::GraphInference> result = shape::infer_graph(ctx.model, graph, overridable, options);
  if (!result) return 0;  // a graph inference rejects is left as it is
  shape::GraphInference& inferred = result.value();
  ir::GraphIndex& index = ctx.index;
  int folded = 0;
  for (const shape::NodeInference& ni : inferred.nodes) {
    ++ctx.node_visits;
    const size_t n = ni.node_index;
    const ir::Node& node = graph.nodes[n];
    if (!ni.folded || index.removed(n) || has_subgraph(node) ||
        (node.op_type == "DequantizeLinear" && ir::is_default_domain(node.domain)))
      continue;
    bool foldable = true;
    size_t in_bytes = 0, out_bytes = 0;
    for (const std::string& in : node.inputs) {
      const ops::ValueType* t = in.empty() ? nullptr : inferred.find(in);
      if (t && t->is_tensor() && t->is_constant()) in_bytes += t->value.nbytes();
    }
    for (const std::string& out : node.outputs) {
      if (out.empty()) continue;
      const ops::ValueType* t = inferred.find(out);
      if (!t || !t->is_tensor() || !t->is_constant() || index.is_graph_output(out)) {
        foldable = false;
        break;
      }
      out_bytes += t->value.nbytes();
    }
    if (!foldable || out_bytes > in_bytes + kMaxGrowthBytes) continue;
    const std::vector<std::string> outputs = node.outputs;
    index.remove_node(n);
    for (const std::string& out : outputs)
      if (!out.empty()) graph.initializers.emplace_back(out, inferred.find(out)->value);
    ++folded;
  }
  if (folded) index.erase_removed_nodes(graph);
  return folded;
}

}  // namespace onyx::opt
