#include "ir/graph_index.h"

#include <algorithm>

namespace onyx::ir {

namespace {

// Graphs held by `node`'s attributes (kGraph and kGraphs).
template <typename NodeT, typename Fn>
void for_each_subgraph(NodeT& node, Fn&& fn) {
  for (auto& a : node.attributes) {
    if (a.g) fn(*a.g);
    for (auto& g : a.graphs)
      if (g) fn(*g);
  }
}

// Names `graph` itself defines: its inputs, initializers and node outputs.
std::unordered_set<std::string> defined_names(const Graph& graph) {
  std::unordered_set<std::string> names;
  for (const ValueInfo& v : graph.inputs) names.insert(v.name);
  for (const auto& init : graph.initializers) names.insert(init.first);
  for (const Node& n : graph.nodes)
    for (const std::string& o : n.outputs)
      if (!o.empty()) names.insert(o);
  return names;
}

// Adds to `free` the names read in `graph` (and graphs nested in it) that none of them defines.
void collect_free_names(const Graph& graph, std::vector<std::string>& free) {
  std::unordered_set<std::string> defined = defined_names(graph);
  std::vector<std::string> inner;
  for (const Node& n : graph.nodes) {
    for (const std::string& in : n.inputs)
      if (!in.empty()) inner.push_back(in);
    for_each_subgraph(n, [&](const Graph& g) { collect_free_names(g, inner); });
  }
  // A subgraph output may name an outer value directly (no node produces it inside).
  for (const ValueInfo& o : graph.outputs) inner.push_back(o.name);
  for (std::string& name : inner)
    if (!defined.count(name)) free.push_back(std::move(name));
}

// Renames reads of `from` to `to` in `graph` and its nested graphs, unless a scope defines `from`.
void rename_in_scope(Graph& graph, const std::string& from, const std::string& to) {
  if (defined_names(graph).count(from)) return;
  for (Node& n : graph.nodes) {
    for (std::string& in : n.inputs)
      if (in == from) in = to;
    for_each_subgraph(n, [&](Graph& g) { rename_in_scope(g, from, to); });
  }
  for (ValueInfo& o : graph.outputs)
    if (o.name == from) o.name = to;
}

bool has_subgraph(const Node& node) {
  for (const Attribute& a : node.attributes)
    if (a.g || !a.graphs.empty()) return true;
  return false;
}

}  // namespace

std::vector<std::string> implicit_inputs(const Node& node) {
  std::vector<std::string> names;
  for_each_subgraph(node, [&](const Graph& g) { collect_free_names(g, names); });
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

void GraphIndex::rebuild(const Graph& graph) {
  ++rebuilds_;
  producer_.clear();
  uses_.clear();
  graph_outputs_.clear();
  const size_t n = graph.nodes.size();
  implicit_.assign(n, {});
  removed_.assign(n, false);
  producer_.reserve(n);
  uses_.reserve(n);
  for (const ValueInfo& o : graph.outputs) graph_outputs_.insert(o.name);
  for (size_t i = 0; i < n; ++i) {
    const Node& node = graph.nodes[i];
    for (const std::string& o : node.outputs)
      if (!o.empty()) producer_.emplace(o, i);  // the first producer wins; the checker rejects two
    for (size_t s = 0; s < node.inputs.size(); ++s)
      if (!node.inputs[s].empty()) uses_[node.inputs[s]].push_back({i, static_cast<int>(s)});
    if (has_subgraph(node)) {
      implicit_[i] = implicit_inputs(node);
      for (const std::string& name : implicit_[i]) uses_[name].push_back({i, kImplicit});
    }
  }
}

size_t GraphIndex::producer(const std::string& value) const {
  auto it = producer_.find(value);
  return it == producer_.end() || removed_[it->second] ? kNoNode : it->second;
}

std::vector<GraphIndex::Use> GraphIndex::uses(const std::string& value) const {
  std::vector<Use> live;
  auto it = uses_.find(value);
  if (it == uses_.end()) return live;
  for (const Use& u : it->second)
    if (!removed_[u.node]) live.push_back(u);
  // replace_uses appends moved reads at the end: restore node order.
  std::stable_sort(live.begin(), live.end(), [](const Use& a, const Use& b) {
    return a.node < b.node || (a.node == b.node && a.slot < b.slot);
  });
  return live;
}

std::vector<size_t> GraphIndex::consumers(const std::string& value) const {
  std::vector<size_t> nodes;
  for (const Use& u : uses(value))
    if (nodes.empty() || nodes.back() != u.node) nodes.push_back(u.node);
  return nodes;
}

size_t GraphIndex::use_count(const std::string& value) const {
  auto it = uses_.find(value);
  if (it == uses_.end()) return 0;
  size_t count = 0;
  for (const Use& u : it->second) count += removed_[u.node] ? 0 : 1;
  return count;
}

void GraphIndex::replace_uses(Graph& graph, const std::string& from, const std::string& to) {
  auto it = uses_.find(from);
  if (it == uses_.end() || from == to) return;
  std::vector<Use> moved = std::move(it->second);
  uses_.erase(it);
  std::vector<Use>& target = uses_[to];
  for (const Use& u : moved) {
    if (removed_[u.node]) continue;
    Node& node = graph.nodes[u.node];
    if (u.slot == kImplicit) {
      for_each_subgraph(node, [&](Graph& g) { rename_in_scope(g, from, to); });
      std::vector<std::string>& names = implicit_[u.node];
      bool already_read = std::binary_search(names.begin(), names.end(), to);
      std::replace(names.begin(), names.end(), from, to);
      std::sort(names.begin(), names.end());
      names.erase(std::unique(names.begin(), names.end()), names.end());
      if (already_read) continue;  // one implicit use per (node, name)
    } else {
      node.inputs[static_cast<size_t>(u.slot)] = to;
    }
    target.push_back(u);
  }
}

void GraphIndex::rename_output(Graph& graph, size_t n, size_t slot, const std::string& name) {
  std::string& out = graph.nodes[n].outputs[slot];
  auto it = producer_.find(out);
  if (it != producer_.end() && it->second == n) producer_.erase(it);
  out = name;
  if (!name.empty()) producer_[name] = n;
}

void GraphIndex::remove_node(size_t n) {
  removed_[n] = true;
}

size_t GraphIndex::erase_removed_nodes(Graph& graph) {
  // New position of every kept node; the maps are renumbered in place (no string rehashing).
  std::vector<size_t> moved_to(graph.nodes.size(), kNoNode);
  size_t kept = 0;
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    if (removed_[i]) continue;
    if (kept != i) {
      graph.nodes[kept] = std::move(graph.nodes[i]);
      implicit_[kept] = std::move(implicit_[i]);
    }
    moved_to[i] = kept++;
  }
  const size_t erased = graph.nodes.size() - kept;
  if (erased == 0) return 0;
  graph.nodes.resize(kept);
  implicit_.resize(kept);
  removed_.assign(kept, false);
  for (auto it = producer_.begin(); it != producer_.end();) {
    if (moved_to[it->second] == kNoNode) {
      it = producer_.erase(it);
    } else {
      it->second = moved_to[it->second];
      ++it;
    }
  }
  for (auto it = uses_.begin(); it != uses_.end();) {
    std::vector<Use>& list = it->second;
    size_t out = 0;
    for (const Use& u : list)
      if (moved_to[u.node] != kNoNode) list[out++] = {moved_to[u.node], u.slot};
    list.resize(out);
    it = list.empty() ? uses_.erase(it) : std::next(it);
  }
  return erased;
}

}  // namespace onyx::ir
