#include "shape/infer.h"

#include <algorithm>
#include <unordered_set>

#include "ir/topo_sort.h"
#include "ops/common/eval.h"
#include "ops/registry.h"
#include "shape/elem_dims.h"
#include "shape/scope.h"

namespace onyx::shape {

const ops::ValueType* GraphInference::find(const std::string& name) const {
  auto it = values.find(name);
  return it == values.end() ? nullptr : &it->second;
}

namespace {

// Interns dim_param names: into a name list (ids by position) or a DimTable.
struct SymbolSink {
  std::vector<std::string>* names = nullptr;
  ops::DimTable* table = nullptr;

  int64_t intern(const std::string& param) const {
    if (table) return table->symbol(param);
    if (!names) return ops::kUnknownDim;
    auto it = std::find(names->begin(), names->end(), param);
    size_t id = static_cast<size_t>(it - names->begin());
    if (it == names->end()) names->push_back(param);
    return -static_cast<int64_t>(id) - 2;
  }
};

ops::ValueType declared_type(const ir::TypeInfo& type, const SymbolSink& symbols);

}  // namespace

ops::ValueType value_type_from_declared(const ir::TypeInfo& type,
                                        std::vector<std::string>* symbols) {
  return declared_type(type, SymbolSink{symbols, nullptr});
}

ops::ValueType value_type_from_declared(const ir::TypeInfo& type, ops::DimTable* table) {
  return declared_type(type, SymbolSink{nullptr, table});
}

namespace {

ops::ValueType declared_type(const ir::TypeInfo& type, const SymbolSink& symbols) {
  using Kind = ir::TypeInfo::Kind;
  if (type.kind == Kind::kSequence || type.kind == Kind::kOptional || type.kind == Kind::kMap) {
    // Element description from the inner type (an optional's inner may itself be a sequence).
    const ir::TypeInfo* inner = type.inner.get();
    ops::ValueKind optional_of = ops::ValueKind::kTensor;
    if (type.kind == Kind::kOptional && inner && inner->kind == Kind::kSequence) {
      optional_of = ops::ValueKind::kSequence;
      inner = inner->inner.get();
    }
    ops::ValueType v = inner ? declared_type(*inner, symbols) : ops::ValueType();
    v.kind = type.kind == Kind::kSequence   ? ops::ValueKind::kSequence
             : type.kind == Kind::kOptional ? ops::ValueKind::kOptional
                                            : ops::ValueKind::kMap;
    v.optional_of = optional_of;
    if (type.kind == Kind::kMap)
      v.map_key = type.map_key_type;  // seq(map): kept from the inner map
    return v;
  }
  ops::ValueType v;
  v.dtype = type.elem_type;
  v.has_shape = type.has_shape;
  for (size_t i = 0; i < type.dims.size(); ++i) {
    int64_t d = type.dims[i];
    const std::string& param = i < type.dim_params.size() ? type.dim_params[i] : std::string();
    if (d < 0 && !param.empty()) {
      d = symbols.intern(param);
    } else if (d < 0) {
      d = ops::kUnknownDim;
    }
    v.dims.push_back(d);
  }
  return v;
}

}  // namespace

Result<std::vector<size_t>> topological_order(const ir::Graph& graph,
                                              const std::vector<std::string>& outer) {
  // The order (and the cycle error) is ir's; this adds the check that every value read, directly
  // or by a subgraph, is defined: a graph input, an initializer, an enclosing scope's value or
  // the output of a node that comes earlier in that order.
  ONYX_ASSIGN_OR_RETURN(std::vector<size_t> order, ir::topological_order(graph));
  std::unordered_set<std::string> available(outer.begin(), outer.end());
  for (const ir::ValueInfo& in : graph.inputs) available.insert(in.name);
  for (const auto& [name, t] : graph.initializers) available.insert(name);
  for (size_t n : order) {
    const ir::Node& node = graph.nodes[n];
    std::vector<std::string> reads = node.inputs;
    for (std::string& name : node_captures(node)) reads.push_back(std::move(name));
    for (const std::string& in : reads)
      if (!in.empty() && !available.count(in))
        return Status(StatusCode::kInvalidGraph,
                      node.label() + ": input '" + in +
                          "' is not a graph input, an initializer, any node's output or a value "
                          "of an enclosing graph");
    for (const std::string& out : node.outputs)
      if (!out.empty()) available.insert(out);
  }
  return order;
}

namespace {

// A size no rule could derive still is one size: naming it (unk_N) lets values that share it
// (a NonZero count flowing through Gathers, an input's unnamed batch dim) be seen as equal.
void name_unknown_dims(ops::ValueType& v, ops::DimTable* table) {
  if (!v.is_tensor() || !v.has_shape) return;
  for (int64_t& d : v.dims)
    if (d == ops::kUnknownDim) d = table->fresh_symbol();
}

Status fold_node(NodeInference& ni, const ir::Node& node,
                 const std::vector<const ops::ValueType*>& in_types,
                 std::vector<ops::ValueType>& out_types, ThreadPool* pool) {
  std::vector<Tensor> inputs(in_types.size());
  for (size_t i = 0; i < in_types.size(); ++i)
    if (in_types[i]) inputs[i] = in_types[i]->value;
  ONYX_ASSIGN_OR_RETURN(
      std::vector<Tensor> outs,
      ops::run_kernel_eagerly(*ni.kernel, node, ni.opset, inputs, in_types, out_types, pool));
  for (size_t i = 0; i < outs.size(); ++i) {
    if (!outs[i].defined()) continue;
    out_types[i].dtype = outs[i].dtype();
    out_types[i].has_shape = true;
    out_types[i].dims = outs[i].shape();
    out_types[i].value = outs[i];
  }
  return Status::ok();
}

// Infers the subgraphs of one node: their captures are typed from the enclosing scope, which is
// the graph being inferred (`values`, holding its own captures too).
class ScopeInferrer final : public ops::SubgraphInferrer {
 public:
  ScopeInferrer(const ir::Model& model, const GraphInference& scope, const InferOptions& options)
      : model_(model), scope_(scope), options_(options) {}

  Result<std::vector<ops::ValueType>> infer(
      const ir::Graph& graph, const std::vector<ops::ValueType>& inputs) const override {
    if (options_.depth + 1 > options_.max_depth)
      return Status(StatusCode::kNotImplemented, "subgraph '" + graph.name +
                                                     "' is nested deeper than the limit of " +
                                                     std::to_string(options_.max_depth) +
                                                     " levels (Options::max_subgraph_depth)");
    if (inputs.size() != graph.inputs.size())
      return Status(StatusCode::kInvalidGraph, "subgraph '" + graph.name + "' declares " +
                                                   std::to_string(graph.inputs.size()) +
                                                   " inputs, the op binds " +
                                                   std::to_string(inputs.size()));
    std::map<std::string, ops::ValueType> types;
    for (size_t i = 0; i < inputs.size(); ++i) types[graph.inputs[i].name] = inputs[i];
    for (const std::string& name : free_variables(graph)) {
      const ops::ValueType* t = scope_.find(name);
      if (!t)
        return Status(StatusCode::kInvalidGraph, "subgraph '" + graph.name + "' reads '" + name +
                                                     "', which no enclosing graph defines");
      types[name] = *t;
    }
    InferOptions nested = options_;
    nested.depth = options_.depth + 1;
    nested.dim_table = scope_.dim_table.get();
    ONYX_ASSIGN_OR_RETURN(GraphInference inf, infer_graph(model_, graph, types, nested));
    std::vector<ops::ValueType> outs;
    for (const ir::ValueInfo& o : graph.outputs) {
      const ops::ValueType* t = inf.find(o.name);
      if (!t)
        return Status(StatusCode::kInvalidGraph,
                      "subgraph '" + graph.name + "' output '" + o.name + "' is never produced");
      // Symbolic dims keep their meaning: the subgraph's inputs and captures are all typed by
      // the enclosing scope, so it interns no symbols of its own.
      outs.push_back(*t);
    }
    return outs;
  }

 private:
  const ir::Model& model_;
  const GraphInference& scope_;
  const InferOptions& options_;
};

}  // namespace

Result<GraphInference> infer_graph(const ir::Model& model, const ir::Graph& graph,
                                   const std::map<std::string, ops::ValueType>& input_types,
                                   const InferOptions& options) {
  GraphInference result;
  if (options.dim_table)  // shared, not owned
    result.dim_table = std::shared_ptr<ops::DimTable>(std::shared_ptr<void>(), options.dim_table);
  else
    result.dim_table = std::make_shared<ops::DimTable>();
  ops::DimTable* table = result.dim_table.get();
  ops::SymbolicScope symbolic_scope(table, &result.elem_dims);  // ops' dim_add etc. use it
  for (const auto& [name, tensor] : graph.initializers) {
    ops::ValueType v = ops::ValueType::tensor(tensor.dtype(), tensor.shape());
    v.value = tensor;
    result.values[name] = std::move(v);
  }
  for (const ir::ValueInfo& in : graph.inputs) {
    auto fed = input_types.find(in.name);
    if (fed != input_types.end())
      result.values[in.name] = fed->second;
    else if (!result.values.count(in.name))
      result.values[in.name] = value_type_from_declared(in.type, table);
  }
  for (const ir::ValueInfo& in : graph.inputs)  // declared without size or name: name them
    if (!input_types.count(in.name) && !graph.initializer(in.name))
      name_unknown_dims(result.values[in.name], table);
  std::vector<std::string> outer;  // captured outer-scope values
  for (const auto& [name, type] : input_types) {
    bool is_input = graph.initializer(name) != nullptr;  // the graph's own definition wins
    for (const ir::ValueInfo& in : graph.inputs) is_input = is_input || in.name == name;
    if (is_input) continue;
    result.values[name] = type;
    outer.push_back(name);
  }
  ScopeInferrer subgraphs(model, result, options);

  ONYX_ASSIGN_OR_RETURN(std::vector<size_t> order, topological_order(graph, outer));
  result.nodes.reserve(order.size());
  for (size_t index : order) {
    const ir::Node& node = graph.nodes[index];
    NodeInference ni;
    ni.node_index = index;
    ni.opset = model.opset(node.domain);
    ONYX_ASSIGN_OR_RETURN(ni.kernel, ops::create_kernel(node, ni.opset));

    std::vector<const ops::ValueType*> in_types(node.inputs.size(), nullptr);
    // Ops with subgraphs or non-tensor values are never folded (captures need not be constant;
    // folding runs kernels without values bound, which only aliasing ops such as Identity allow).
    bool all_constant =
        !has_subgraphs(node) && (!ni.kernel->accepts_values() || ni.kernel->output_aliases_input());
    for (size_t i = 0; i < node.inputs.size(); ++i) {
      if (node.inputs[i].empty()) continue;
      in_types[i] = result.find(node.inputs[i]);
      if (!in_types[i]->is_constant() || !in_types[i]->is_tensor()) all_constant = false;
      if (!in_types[i]->is_tensor() && !ni.kernel->accepts_values())
        return Status(StatusCode::kInvalidGraph, node.label() + ": input " + std::to_string(i) +
                                                     " ('" + node.inputs[i] + "') is " +
                                                     in_types[i]->type_string() + ", but " +
                                                     node.op_type + " takes tensors");
    }
    std::vector<ops::ValueType> out_types(node.outputs.size());
    ops::InferContext ctx(node, ni.opset, in_types, &out_types);
    ctx.set_subgraphs(&subgraphs);
    ONYX_RETURN_IF_ERROR(ni.kernel->infer(ctx));
    propagate_elem_dims(ctx);
    for (size_t i = 0; i < out_types.size(); ++i)
      if (!node.outputs[i].empty()) name_unknown_dims(out_types[i], table);

    bool outputs_known = true;  // omitted ("") outputs don't count
    for (size_t i = 0; i < out_types.size(); ++i) {
      if (node.outputs[i].empty()) continue;
      if (!out_types[i].is_constant()) outputs_known = false;
      if (!out_types[i].is_tensor()) all_constant = false;
    }
    if (!outputs_known && options.fold_constants && all_constant && ni.kernel->deterministic() &&
        !node.inputs.empty()) {
      ONYX_RETURN_IF_ERROR(fold_node(ni, node, in_types, out_types, options.pool));
      outputs_known = true;
    }
    ni.folded = outputs_known && options.fold_constants;
    for (size_t i = 0; i < node.outputs.size(); ++i)
      if (!node.outputs[i].empty()) result.values[node.outputs[i]] = std::move(out_types[i]);
    result.nodes.push_back(std::move(ni));
  }
  result.symbols.resize(table->size());
  for (size_t k = 0; k < table->size(); ++k) result.symbols[k] = table->name(k);
  return result;
}

}  // namespace onyx::shape
