#include "ir/topo_sort.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <string_view>
#include <unordered_map>

#include "ir/graph_index.h"

namespace onyx::ir {

namespace {

// For every node, the producers (deduplicated) of the values it reads directly or inside its
// subgraphs, as compressed rows: node n's are nodes[offsets[n] .. offsets[n + 1]).
struct Predecessors {
  std::vector<size_t> offsets;
  std::vector<size_t> nodes;

  size_t begin(size_t n) const { return offsets[n]; }
  size_t end(size_t n) const { return offsets[n + 1]; }
};

Predecessors predecessors(const Graph& graph) {
  const size_t n = graph.nodes.size();
  // Keys view the nodes' output strings, which outlive this function's use of the map.
  std::unordered_map<std::string_view, size_t> producer;
  producer.reserve(n);
  for (size_t i = 0; i < n; ++i)
    for (const std::string& o : graph.nodes[i].outputs)
      if (!o.empty()) producer.emplace(o, i);
  Predecessors p;
  p.offsets.reserve(n + 1);
  p.offsets.push_back(0);
  p.nodes.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const size_t row = p.nodes.size();
    auto add = [&](std::string_view name) {
      if (name.empty()) return;
      auto it = producer.find(name);
      if (it == producer.end()) return;
      if (std::find(p.nodes.begin() + static_cast<ptrdiff_t>(row), p.nodes.end(), it->second) ==
          p.nodes.end())
        p.nodes.push_back(it->second);
    };
    const Node& node = graph.nodes[i];
    for (const std::string& in : node.inputs) add(in);
    for (const Attribute& a : node.attributes)
      if (a.g || !a.graphs.empty()) {
        for (const std::string& in : implicit_inputs(node)) add(in);
        break;
      }
    p.offsets.push_back(p.nodes.size());
  }
  return p;
}

bool sorted(const Predecessors& preds, size_t n) {
  for (size_t i = 0; i < n; ++i)
    for (size_t k = preds.begin(i); k < preds.end(i); ++k)
      if (preds.nodes[k] >= i) return false;
  return true;
}

// A cycle among the nodes Kahn's algorithm could not place (`placed` false), as a message.
std::string describe_cycle(const Graph& graph, const Predecessors& preds,
                           const std::vector<bool>& placed) {
  size_t start = 0;
  while (placed[start]) ++start;
  // Every unplaced node has an unplaced predecessor: walk backwards until a node repeats.
  std::vector<size_t> walk;
  std::vector<size_t> position(graph.nodes.size(), SIZE_MAX);
  size_t cur = start;
  while (position[cur] == SIZE_MAX) {
    position[cur] = walk.size();
    walk.push_back(cur);
    for (size_t k = preds.begin(cur); k < preds.end(cur); ++k)
      if (!placed[preds.nodes[k]]) {
        cur = preds.nodes[k];
        break;
      }
  }
  std::vector<size_t> cycle(walk.begin() + static_cast<ptrdiff_t>(position[cur]), walk.end());
  std::reverse(cycle.begin(), cycle.end());  // predecessor walk -> data-flow order
  // Start at the earliest listed node, so the message does not depend on where the walk began.
  std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
  std::string text;
  for (size_t n : cycle) text += graph.nodes[n].label() + " -> ";
  text += graph.nodes[cycle.front()].label();
  return text;
}

}  // namespace

bool is_topologically_sorted(const Graph& graph) {
  return sorted(predecessors(graph), graph.nodes.size());
}

Result<std::vector<size_t>> topological_order(const Graph& graph) {
  const size_t n = graph.nodes.size();
  const Predecessors preds = predecessors(graph);
  std::vector<size_t> order;
  order.reserve(n);
  if (sorted(preds, n)) {
    for (size_t i = 0; i < n; ++i) order.push_back(i);
    return order;
  }

  // Successor rows, and the count of unplaced predecessors of each node.
  std::vector<size_t> succ_offsets(n + 1, 0), succs(preds.nodes.size()), pending(n);
  for (size_t p : preds.nodes) ++succ_offsets[p + 1];
  for (size_t i = 0; i < n; ++i) succ_offsets[i + 1] += succ_offsets[i];
  std::vector<size_t> fill(succ_offsets.begin(), succ_offsets.end() - 1);
  for (size_t i = 0; i < n; ++i) {
    pending[i] = preds.end(i) - preds.begin(i);
    for (size_t k = preds.begin(i); k < preds.end(i); ++k) succs[fill[preds.nodes[k]]++] = i;
  }

  // Kahn's algorithm taking the smallest original index among ready nodes (stable).
  std::priority_queue<size_t, std::vector<size_t>, std::greater<size_t>> ready;
  for (size_t i = 0; i < n; ++i)
    if (pending[i] == 0) ready.push(i);
  std::vector<bool> placed(n, false);
  while (!ready.empty()) {
    size_t i = ready.top();
    ready.pop();
    order.push_back(i);
    placed[i] = true;
    for (size_t k = succ_offsets[i]; k < succ_offsets[i + 1]; ++k)
      if (--pending[succs[k]] == 0) ready.push(succs[k]);
  }
  if (order.size() != n)
    return Status(StatusCode::kInvalidGraph, "graph '" + graph.name + "': nodes form a cycle: " +
                                                 describe_cycle(graph, preds, placed));
  return order;
}

Status topological_sort(Graph& graph) {
  for (Node& node : graph.nodes)
    for (Attribute& a : node.attributes) {
      std::vector<Graph*> subgraphs;
      if (a.g) subgraphs.push_back(a.g.get());
      for (auto& g : a.graphs)
        if (g) subgraphs.push_back(g.get());
      for (Graph* g : subgraphs) {
        Status s = topological_sort(*g);
        if (!s.is_ok()) return s.with_context(node.label() + " attribute '" + a.name + "'");
      }
    }
  ONYX_ASSIGN_OR_RETURN(std::vector<size_t> order, topological_order(graph));
  bool identity = true;
  for (size_t i = 0; i < order.size() && identity; ++i) identity = order[i] == i;
  if (identity) return Status::ok();
  std::vector<Node> nodes;
  nodes.reserve(order.size());
  for (size_t i : order) nodes.push_back(std::move(graph.nodes[i]));
  graph.nodes = std::move(nodes);
  return Status::ok();
}

}  // namespace onyx::ir
