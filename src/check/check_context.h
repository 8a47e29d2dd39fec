// Internal state shared by the checker's rule files (check_*.cc): where issues go, the opset
// imports in force, the lexical scope of value names, and how locations are spelled.
//
// Locations are paths: "main" is the model's graph; a subgraph appends
// " > <Op> '<node name>'.<attribute>" (e.g. "main > If 'cond_1'.then_branch"); a function is
// "function '<domain>:<name>'". Items append ": node 3 'conv1' (Conv, opset 13)",
// ": initializer 'W'", ": input 'x'" and so on (see node_location / item_location).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "onyx/check.hpp"
#include "proto/onnx_views.h"

namespace onyx::check {

// The newest IR version whose rules this checker knows (ONNX 1.23 writes up to 13 in its tests).
constexpr int64_t kNewestIrVersion = 13;

// Names visible in one graph (or function body) and its enclosing graphs. ONNX forbids shadowing,
// so a name defined anywhere up the chain may not be defined again.
class Scope {
 public:
  explicit Scope(const Scope* parent = nullptr) : parent_(parent) {}
  bool has_here(std::string_view name) const { return names_.count(name) > 0; }
  bool has_anywhere(std::string_view name) const {
    return has_here(name) || (parent_ && parent_->has_anywhere(name));
  }
  void add(std::string_view name) { names_.insert(name); }

 private:
  const Scope* parent_;
  std::unordered_set<std::string_view> names_;
};

// Opset imports keyed by domain exactly as written ("" and "ai.onnx" are distinct keys, as in
// onnx.checker; lookups fall back to the other spelling with a warning).
using OpsetMap = std::map<std::string, int64_t, std::less<>>;

struct Context {
  CheckReport* report = nullptr;
  const proto::ModelView* model = nullptr;
  int64_t ir_version = 0;
  OpsetMap opsets;
  bool main_graph = true;    // value_info types are required only on the model's own graph
  bool in_function = false;  // ref_attr_name is allowed only inside function bodies
  // Folder external data resolves against; only used when `files` is true.
  std::string model_dir;
  bool files = false;
  // (domain, name) of the model-local functions: nodes calling them are not standard ops.
  std::set<std::pair<std::string, std::string>, std::less<>> local_functions;
  // Domains already warned about (one warning per domain per model); owned by the driver.
  std::set<std::string, std::less<>>* warned_domains = nullptr;

  // Report errors as warnings (training_info: onnx.checker does not look at it, so its problems
  // must not change the verdict).
  bool errors_as_warnings = false;
  // The model's opset_import is missing or not allowed (already an error): nodes whose domain is
  // not imported are not reported one by one.
  bool opsets_reported = false;

  void error(std::string rule, std::string location, std::string message) const;
  void warn(std::string rule, std::string location, std::string message) const;
};

std::string quote_name(std::string_view s);  // 'text' (with control characters escaped)
// "<graph>: node <index> '<name>' (<op>, opset <v>)"; opset omitted when < 0.
std::string node_location(std::string_view graph, size_t index, const proto::NodeView& node,
                          int64_t opset);
// "<graph>: <what> '<name>'"
std::string item_location(std::string_view graph, std::string_view what, std::string_view name);

// Rule groups (one file each). `where` is the location of the enclosing item.
void check_graph(const proto::GraphView& graph, const Context& ctx, const Scope* outer,
                 const std::string& path);
// Nodes in order: inputs defined before use (in `scope` or, when `nested`, its parents), each
// node's own rules, outputs assigned once and not shadowing; node outputs are added to `scope`.
void check_node_sequence(const std::vector<proto::NodeView>& nodes, const Context& ctx,
                         Scope* scope, const std::string& path, bool nested);
void check_node(const proto::NodeView& node, size_t index, const Context& ctx, const Scope& scope,
                const std::string& graph_path);
void check_attribute(const proto::AttributeView& attr, const Context& ctx, const Scope& scope,
                     const std::string& where, const std::string& graph_path);
void check_tensor(const proto::TensorView& t, const Context& ctx, const std::string& where);
void check_sparse_tensor(const proto::SparseTensorView& t, const Context& ctx,
                         const std::string& where);
void check_value_info(const proto::ValueInfoView& v, const Context& ctx, const std::string& where);
void check_functions(const proto::ModelView& model, const Context& ctx);
void check_training_info(const proto::ModelView& model, const Context& ctx);

// Opset map of a list of imports; duplicates reported under `where` (rule opset.duplicate_domain).
OpsetMap opset_map(const std::vector<proto::OperatorSetIdView>& imports, const Context& ctx,
                   const std::string& where);

}  // namespace onyx::check
