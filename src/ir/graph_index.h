// Producer / consumer maps of one graph's values, shared by graph passes and the topological sort.
//
// Built in O(nodes + edges + subgraph nodes). A node's subgraphs (If/Loop/Scan bodies, nested to
// any depth) may read values of the enclosing graph by name; those outer-scope reads are the
// node's *implicit inputs* and count as uses of the value like a direct input does, so a value
// read only inside a subgraph stays live.
//
// Node ids are indices into Graph::nodes. The mutation helpers keep the maps valid: nodes are
// marked removed, and erase_removed_nodes() compacts Graph::nodes and renumbers the maps in place
// (O(N), no rebuild).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ir/graph.h"

namespace onyx::ir {

// Outer-scope names read inside `node`'s subgraph attributes, recursively: names read by subgraph
// nodes that the subgraph (or a graph nested between) does not define as an input, initializer or
// node output. Sorted and unique.
std::vector<std::string> implicit_inputs(const Node& node);

class GraphIndex {
 public:
  static constexpr size_t kNoNode = SIZE_MAX;
  // One read of a value: node `node` reads it as input `slot`, or implicitly (slot kImplicit)
  // inside one of its subgraphs.
  static constexpr int kImplicit = -1;
  struct Use {
    size_t node;
    int slot;
  };

  explicit GraphIndex(const Graph& graph) { rebuild(graph); }

  // Recomputes every map from `graph`. Counts in rebuild_count().
  void rebuild(const Graph& graph);

  // Node producing `value`, or kNoNode (graph input, initializer, outer-scope or unknown name).
  size_t producer(const std::string& value) const;
  // Every read of `value` by a node not removed, in node order, a node once per slot read.
  std::vector<Use> uses(const std::string& value) const;
  // Distinct nodes reading `value` (directly or implicitly), in node order.
  std::vector<size_t> consumers(const std::string& value) const;
  bool has_uses(const std::string& value) const { return use_count(value) > 0; }
  size_t use_count(const std::string& value) const;
  bool is_graph_output(const std::string& value) const { return graph_outputs_.count(value) > 0; }
  // Outer-scope names read by `node`'s subgraphs (see implicit_inputs()).
  const std::vector<std::string>& implicit_inputs_of(size_t node) const { return implicit_[node]; }
  bool removed(size_t node) const { return removed_[node]; }
  size_t node_count() const { return removed_.size(); }

  // Rewrites every read of `from` (direct inputs, and reads inside subgraphs of implicit users)
  // to read `to` instead. O(uses of `from` + nodes of the subgraphs that read it). Graph outputs
  // are not renamed: callers check is_graph_output(from) first.
  void replace_uses(Graph& graph, const std::string& from, const std::string& to);
  // Makes output `slot` of node `n` the value `name` (which then has `n` as producer).
  void rename_output(Graph& graph, size_t n, size_t slot, const std::string& name);
  // Marks node `n` removed: its outputs lose their producer, its reads stop counting as uses.
  void remove_node(size_t n);
  // Erases the removed nodes from graph.nodes (keeping order) and renumbers the index to match.
  // Returns how many were erased.
  size_t erase_removed_nodes(Graph& graph);

  // Times rebuild() ran: lets tests bound the work of a pass.
  size_t rebuild_count() const { return rebuilds_; }

 private:
  std::unordered_map<std::string, size_t> producer_;
  std::unordered_map<std::string, std::vector<Use>> uses_;
  std::unordered_set<std::string> graph_outputs_;
  std::vector<std::vector<std::string>> implicit_;
  std::vector<bool> removed_;
  size_t rebuilds_ = 0;
};

}  // namespace onyx::ir
