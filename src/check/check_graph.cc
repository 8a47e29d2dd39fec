// Graph rules: name, typed inputs/outputs of the main graph, unique (SSA) value names across
// inputs, initializers, sparse initializers and node outputs, no shadowing of enclosing scopes,
// nodes in topological order, outputs produced.
#include <unordered_map>

#include "check/check_context.h"

namespace onyx::check {
namespace {

std::string type_problem(const proto::TypeView& t) {
  using K = proto::TypeView::Kind;
  switch (t.kind) {
    case K::kTensor:
    case K::kSparseTensor:
      if (!t.has_elem_type) return "its tensor type has no elem_type";
      if (!t.has_shape) return "its tensor type has no shape";
      return "";
    case K::kSequence:
    case K::kOptional:
      return t.inner ? "" : "its element type is missing";
    case K::kMap:
      if (!t.has_key_type) return "its map type has no key_type";
      return t.inner ? "" : "its map type has no value_type";
    case K::kOpaque:
      return "";
    case K::kNone:
      break;
  }
  return "its type names no kind (tensor, sequence, map, optional, sparse tensor or opaque)";
}

}  // namespace

void check_value_info(const proto::ValueInfoView& v, const Context& ctx, const std::string& where) {
  if (v.name.empty()) {
    ctx.error("value.name_missing", where, "the value has an empty name");
    return;
  }
  if (!ctx.main_graph) return;  // subgraph and function signatures may leave types to inference
  const std::string loc = where + " " + quote_name(v.name);
  if (!v.has_type) {
    ctx.error("value.type_missing", loc,
              "inputs and outputs of the main graph must declare a type");
    return;
  }
  std::string problem = type_problem(v.type);
  if (!problem.empty())
    ctx.error("value.type_incomplete", loc,
              "the main graph's inputs and outputs need a complete type, but " + problem);
}

void check_node_sequence(const std::vector<proto::NodeView>& nodes, const Context& ctx,
                         Scope* scope_ptr, const std::string& path, bool nested) {
  Scope& scope = *scope_ptr;
  // Where each node output is defined, to tell "defined later" from "never defined".
  std::unordered_map<std::string_view, size_t> producer;
  for (size_t n = 0; n < nodes.size(); ++n)
    for (std::string_view out : nodes[n].outputs)
      if (!out.empty()) producer.emplace(out, n);

  std::unordered_set<std::string_view> reported;  // undefined names, reported once per graph
  for (size_t n = 0; n < nodes.size(); ++n) {
    const proto::NodeView& node = nodes[n];
    auto opset = ctx.opsets.find(node.domain);
    const std::string loc =
        node_location(path, n, node, opset == ctx.opsets.end() ? -1 : opset->second);
    for (size_t k = 0; k < node.inputs.size(); ++k) {
      std::string_view in = node.inputs[k];
      if (in.empty() || scope.has_anywhere(in) || !reported.insert(in).second) continue;
      auto it = producer.find(in);
      if (it != producer.end() && it->second >= n)
        ctx.error("graph.not_topological", loc,
                  "input " + std::to_string(k) + " " + quote_name(in) + " is produced by node " +
                      std::to_string(it->second) +
                      (it->second == n ? " (this node itself)" : ", which comes later") +
                      "; nodes must be listed in topological order");
      else
        ctx.error("graph.undefined_input", loc,
                  "input " + std::to_string(k) + " " + quote_name(in) +
                      " is not a graph input, initializer, or output of an earlier node" +
                      (nested ? " in this graph or an enclosing one" : ""));
    }
    check_node(node, n, ctx, scope, path);
    for (std::string_view out : node.outputs) {
      if (out.empty()) continue;
      if (scope.has_here(out))
        ctx.error("graph.duplicate_name", loc,
                  "output " + quote_name(out) +
                      " is already defined in this graph (SSA: every name is assigned once)");
      else if (scope.has_anywhere(out))
        ctx.error("graph.shadows_outer", loc,
                  "output " + quote_name(out) +
                      " is already defined in an enclosing graph; subgraphs may not redefine it");
      scope.add(out);
    }
  }
}

void check_graph(const proto::GraphView& graph, const Context& ctx, const Scope* outer,
                 const std::string& path) {
  if (graph.name.empty()) ctx.error("graph.name_missing", path, "the graph has an empty name");
  for (const proto::ValueInfoView& v : graph.inputs) check_value_info(v, ctx, path + ": input");
  for (const proto::ValueInfoView& v : graph.outputs) check_value_info(v, ctx, path + ": output");

  Scope scope(outer);
  for (const proto::ValueInfoView& v : graph.inputs) {
    if (v.name.empty()) continue;
    // A subgraph input may reuse an enclosing name (onnx.checker only rejects repeats here).
    if (scope.has_here(v.name))
      ctx.error("graph.duplicate_input", item_location(path, "input", v.name),
                "the name is listed as a graph input more than once (SSA: one definition each)");
    scope.add(v.name);
  }

  std::unordered_set<std::string_view> initializer_names;
  for (size_t i = 0; i < graph.initializers.size(); ++i) {
    const proto::TensorView& t = graph.initializers[i];
    if (t.name.empty()) {
      ctx.error("graph.initializer_name_missing", path + ": initializer " + std::to_string(i),
                "initializers must have a name");
      continue;
    }
    const std::string loc = item_location(path, "initializer", t.name);
    if (!initializer_names.insert(t.name).second)
      ctx.error("graph.duplicate_initializer", loc, "two initializers have this name");
    check_tensor(t, ctx, loc);
    if (ctx.ir_version <= 3 && !scope.has_here(t.name))
      ctx.error("graph.initializer_not_input", loc,
                "with ir_version " + std::to_string(ctx.ir_version) +
                    " (<= 3) every initializer must also be a graph input");
    scope.add(t.name);  // defined either way, so its users are not reported again
  }
  for (size_t i = 0; i < graph.sparse_initializers.size(); ++i) {
    const proto::SparseTensorView& st = graph.sparse_initializers[i];
    std::string_view name = st.values.name;
    if (name.empty()) {
      ctx.error("graph.initializer_name_missing",
                path + ": sparse_initializer " + std::to_string(i),
                "sparse initializers must have a name (on their values tensor)");
      continue;
    }
    const std::string loc = item_location(path, "sparse_initializer", name);
    if (!initializer_names.insert(name).second)
      ctx.error("graph.duplicate_initializer", loc,
                "the name is used by another initializer or sparse initializer");
    check_sparse_tensor(st, ctx, loc);
    scope.add(name);
  }

  check_node_sequence(graph.nodes, ctx, &scope, path, outer != nullptr);

  for (const proto::ValueInfoView& v : graph.outputs) {
    if (v.name.empty() || scope.has_here(v.name)) continue;
    // Stricter than onnx 1.12, which does not look (onnx 1.16+ does).
    if (outer && scope.has_anywhere(v.name))
      ctx.warn("graph.output_from_outer", item_location(path, "output", v.name),
               "the subgraph output is a value of an enclosing graph, not of this graph");
    else
      ctx.error("graph.output_not_produced", item_location(path, "output", v.name),
                "no input, initializer or node of this graph defines the graph output");
  }

  std::unordered_set<std::string_view> annotated;
  for (const proto::ValueInfoView& v : graph.value_info) {
    if (v.name.empty()) {
      ctx.warn("value.name_missing", path + ": value_info", "a value_info entry has no name");
    } else if (!annotated.insert(v.name).second) {
      ctx.warn("graph.duplicate_value_info", item_location(path, "value_info", v.name),
               "the value is annotated more than once");
    }
  }
}

}  // namespace onyx::check
