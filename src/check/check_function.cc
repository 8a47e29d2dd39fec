// Model-local functions (IR >= 8) and training_info.
//
// Functions: a name, a domain (IR >= 8), a unique (domain, name, overload) id, distinct input,
// output and attribute names, nodes checked with the function's own opset imports (which must
// select the same schema versions as the model's imports where both import a domain), and outputs
// produced. training_info: its graphs are checked like subgraphs that see the main graph's names;
// bindings name main-graph initializers and outputs of the bound graph. onnx.checker (1.12 and
// 1.23) never looks at training_info, so these findings are warnings.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "check/check_context.h"
#include "schema/schema.h"

namespace onyx::check {
namespace {

void check_unique(const std::vector<std::string_view>& names, const char* what, const Context& ctx,
                  const std::string& loc) {
  std::unordered_set<std::string_view> seen;
  for (std::string_view n : names)
    if (!seen.insert(n).second)
      ctx.error(std::string("function.duplicate_") + what, loc,
                std::string(what) + " " + quote_name(n) + " is listed more than once");
}

// Where the function and the model import the same domain at different versions, the op must
// resolve to the same schema under both (onnx.checker's opset compatibility rule).
void check_opset_compatibility(const proto::NodeView& node, const OpsetMap& function_opsets,
                               const OpsetMap& model_opsets, const Context& ctx,
                               const std::string& loc) {
  auto f = function_opsets.find(node.domain);
  auto m = model_opsets.find(node.domain);
  if (f == function_opsets.end() || m == model_opsets.end() || f->second == m->second) return;
  const schema::OpSchema* fs = schema::find_schema(node.domain, node.op_type, f->second);
  const schema::OpSchema* ms = schema::find_schema(node.domain, node.op_type, m->second);
  if (!fs && !ms) return;  // custom op: nothing to compare
  if (fs && ms && fs->since_version == ms->since_version) return;
  ctx.error("function.opset_incompatible", loc,
            "the function imports " + quote_name(node.domain) + " opset " +
                std::to_string(f->second) + " and the model opset " + std::to_string(m->second) +
                ", which select different versions of " + quote_name(node.op_type));
}

void check_function(const proto::FunctionView& fn, const Context& model_ctx,
                    const OpsetMap& model_opsets) {
  const std::string path =
      "function " +
      quote_name(std::string(fn.domain) + (fn.domain.empty() ? "" : ":") + std::string(fn.name));
  if (fn.name.empty()) model_ctx.error("function.name_missing", path, "the function has no name");
  if (!fn.has_domain)
    model_ctx.error("function.domain_missing", path,
                    "functions must set 'domain' from IR version 8 on");
  Context ctx = model_ctx;
  ctx.opsets = opset_map(fn.opset_imports, model_ctx, path);
  ctx.opsets_reported = false;  // a function's imports are its own
  ctx.in_function = true;
  check_unique(fn.inputs, "input", ctx, path);
  check_unique(fn.outputs, "output", ctx, path);
  std::vector<std::string_view> attrs(fn.attributes.begin(), fn.attributes.end());
  for (const proto::AttributeView& a : fn.attribute_protos) attrs.push_back(a.name);
  check_unique(attrs, "attribute", ctx, path);

  for (size_t n = 0; n < fn.nodes.size(); ++n) {
    const proto::NodeView& node = fn.nodes[n];
    if (ctx.opsets.find(node.domain) != ctx.opsets.end())
      check_opset_compatibility(
          node, ctx.opsets, model_opsets, ctx,
          node_location(path, n, node, ctx.opsets.at(std::string(node.domain))));
  }
  Scope scope;
  for (std::string_view in : fn.inputs) scope.add(in);
  check_node_sequence(fn.nodes, ctx, &scope, path, false);
  for (std::string_view out : fn.outputs)
    if (!scope.has_here(out))
      ctx.error("function.output_not_produced", item_location(path, "output", out),
                "no input or node of the function defines this output");
}

void check_bindings(const std::vector<proto::StringStringEntryView>& bindings, const char* what,
                    const proto::GraphView& bound, bool has_bound,
                    const std::unordered_set<std::string_view>& initializers, const Context& ctx,
                    const std::string& loc) {
  std::unordered_set<std::string_view> outputs, keys;
  for (const proto::ValueInfoView& v : bound.outputs) outputs.insert(v.name);
  for (const proto::StringStringEntryView& b : bindings) {
    const std::string bloc = loc + "." + what + " " + quote_name(b.key);
    if (!keys.insert(b.key).second)
      ctx.error("training.duplicate_binding", bloc, "the initializer is bound more than once");
    if (!initializers.count(b.key))
      ctx.error("training.binding_not_initializer", bloc,
                "the key must name an initializer of the main graph");
    if (!has_bound || !outputs.count(b.value))
      ctx.error("training.binding_not_output", bloc,
                "the value " + quote_name(b.value) + " must name an output of the bound graph");
  }
}

using FunctionId = std::pair<std::string_view, std::string_view>;  // (domain, name)

// Local functions called by `nodes` (and by nodes of their subgraphs), appended to `out`.
void collect_calls(const std::vector<proto::NodeView>& nodes,
                   const std::map<FunctionId, size_t>& index, std::vector<size_t>* out) {
  for (const proto::NodeView& n : nodes) {
    auto it = index.find({n.domain, n.op_type});
    if (it != index.end()) out->push_back(it->second);
    for (const proto::AttributeView& a : n.attributes) {
      if (a.g) collect_calls(a.g->nodes, index, out);
      for (const proto::GraphView& g : a.graphs) collect_calls(g.nodes, index, out);
    }
  }
}

// Functions that call themselves, directly or through others, would expand forever: one error
// per cycle, naming the chain.
void check_call_cycles(const proto::ModelView& model, const Context& ctx) {
  std::map<FunctionId, size_t> index;
  // Calls in standard domains resolve to schemas, never to local functions (check_node.cc).
  for (size_t i = 0; i < model.functions.size(); ++i) {
    std::string_view d = model.functions[i].domain;
    if (d.empty() || d == "ai.onnx" || d == "ai.onnx.ml" || d == "ai.onnx.training") continue;
    index.emplace(FunctionId{d, model.functions[i].name}, i);
  }
  std::vector<std::vector<size_t>> calls(model.functions.size());
  for (size_t i = 0; i < model.functions.size(); ++i)
    collect_calls(model.functions[i].nodes, index, &calls[i]);
  enum class Mark { kNew, kOnPath, kDone };
  std::vector<Mark> mark(model.functions.size(), Mark::kNew);
  std::vector<size_t> path;
  auto name = [&](size_t i) {
    const proto::FunctionView& f = model.functions[i];
    return std::string(f.domain) + ":" + std::string(f.name);
  };
  // Iterative DFS (call graphs of hostile models may be deep).
  for (size_t root = 0; root < model.functions.size(); ++root) {
    if (mark[root] != Mark::kNew) continue;
    std::vector<std::pair<size_t, size_t>> stack{{root, 0}};  // (function, next call index)
    mark[root] = Mark::kOnPath;
    path.push_back(root);
    while (!stack.empty()) {
      auto& [f, next] = stack.back();
      if (next == calls[f].size()) {
        mark[f] = Mark::kDone;
        path.pop_back();
        stack.pop_back();
        continue;
      }
      const size_t callee = calls[f][next++];
      if (mark[callee] == Mark::kOnPath) {
        std::string chain;
        auto from = std::find(path.begin(), path.end(), callee);
        for (auto it = from; it != path.end(); ++it) chain += name(*it) + " -> ";
        ctx.error("function.call_cycle", "function " + quote_name(name(callee)),
                  "model-local functions call each other in a cycle (" + chain + name(callee) +
                      "); they could never be expanded");
      } else if (mark[callee] == Mark::kNew) {
        mark[callee] = Mark::kOnPath;
        path.push_back(callee);
        stack.emplace_back(callee, 0);
      }
    }
  }
}

}  // namespace

void check_functions(const proto::ModelView& model, const Context& ctx) {
  // The model's imports plus, for domains the model does not import, the functions' own.
  OpsetMap merged = ctx.opsets;
  for (const proto::FunctionView& f : model.functions)
    for (const proto::OperatorSetIdView& imp : f.opset_imports)
      merged.emplace(std::string(imp.domain), imp.version);
  std::set<std::tuple<std::string_view, std::string_view, std::string_view>> ids;
  for (const proto::FunctionView& f : model.functions) {
    if (!ids.emplace(f.domain, f.name, f.overload).second)
      ctx.error("function.duplicate_id",
                "function " + quote_name(std::string(f.domain) + ":" + std::string(f.name)),
                "another model-local function has the same domain, name and overload");
    check_function(f, ctx, merged);
  }
  check_call_cycles(model, ctx);
}

void check_training_info(const proto::ModelView& model, const Context& ctx) {
  if (model.training_info.empty()) return;
  Scope main_scope;
  std::unordered_set<std::string_view> initializers;
  for (const proto::ValueInfoView& v : model.graph.inputs) main_scope.add(v.name);
  for (const proto::TensorView& t : model.graph.initializers) {
    main_scope.add(t.name);
    initializers.insert(t.name);
  }
  for (const proto::SparseTensorView& t : model.graph.sparse_initializers) {
    main_scope.add(t.values.name);
    initializers.insert(t.values.name);
  }
  Context sub = ctx;
  sub.main_graph = false;
  sub.errors_as_warnings = true;
  for (size_t i = 0; i < model.training_info.size(); ++i) {
    const proto::TrainingInfoView& info = model.training_info[i];
    const std::string loc = "training_info[" + std::to_string(i) + "]";
    if (info.has_initialization)
      check_graph(info.initialization, sub, &main_scope, loc + ".initialization");
    if (info.has_algorithm) check_graph(info.algorithm, sub, &main_scope, loc + ".algorithm");
    check_bindings(info.initialization_binding, "initialization_binding", info.initialization,
                   info.has_initialization, initializers, sub, loc);
    check_bindings(info.update_binding, "update_binding", info.algorithm, info.has_algorithm,
                   initializers, sub, loc);
  }
}

}  // namespace onyx::check
