// Cancellation of adjacent shape ops, bit for bit (they only move or relabel elements):
//   Transpose(p2) of Transpose(p1)   ->  one Transpose with perm[i] = p1[p2[i]], or nothing when
//                                        that is the identity permutation;
//   Reshape(s2) of Reshape(s1)       ->  Reshape(s2) of the first one's input, when s2 is a
//                                        constant without 0 entries (a 0 copies a dim of the
//                                        intermediate shape) or allowzero = 1;
//   Squeeze(a) of Unsqueeze(a), Unsqueeze(a) of Squeeze(a)  ->  nothing (same constant axes).
// The second node reads the first one's input instead; the first goes when nothing else reads it
// (dead-node elimination). Transposes without an explicit perm are left alone (the default
// depends on the rank).
#include "opt/optimize.h"
#include "opt/pattern.h"

namespace onyx::opt {

namespace {

bool is_identity_perm(const std::vector<int64_t>& perm) {
  for (size_t i = 0; i < perm.size(); ++i)
    if (perm[i] != static_cast<int64_t>(i)) return false;
  return true;
}

// Composed permutation of Transpose(p2) after Transpose(p1), or empty when either is invalid.
std::vector<int64_t> compose_perms(const std::vector<int64_t>& p1, const std::vector<int64_t>& p2) {
  const int64_t r = static_cast<int64_t>(p1.size());
  if (p2.size() != p1.size()) return {};
  std::vector<int64_t> c(p1.size());
  for (size_t i = 0; i < p2.size(); ++i) {
    if (p2[i] < 0 || p2[i] >= r || p1[static_cast<size_t>(p2[i])] < 0) return {};
    c[i] = p1[static_cast<size_t>(p2[i])];
  }
  return c;
}

}  // namespace

Result<int> cancel_inverse_ops(ir::Graph& graph, PassContext& ctx) {
  ir::GraphIndex& index = ctx.index;
  int changed = 0;
  // Rewiring a node's input leaves the index's use lists stale until the rebuild at the end, so
  // after the first rewire this sweep stops bypassing nodes (the next round does them).
  bool rewired = false;
  auto rewire = [&](ir::Node& node, const std::string& x) {
    node.inputs[0] = x;
    rewired = true;
    ++changed;
  };
  for (size_t n = 0; n < graph.nodes.size(); ++n) {
    ++ctx.node_visits;
    if (index.removed(n)) continue;
    ir::Node& node = graph.nodes[n];
    if (!ir::is_default_domain(node.domain) || node.inputs.empty() || node.inputs[0].empty())
      continue;
    const size_t p = index.producer(node.inputs[0]);
    if (p == ir::GraphIndex::kNoNode || index.removed(p) || graph.nodes[p].inputs.empty() ||
        graph.nodes[p].inputs[0].empty())
      continue;
    const std::string x = graph.nodes[p].inputs[0];
    if (node.op_type == "Transpose" && is_op(graph, index, p, "Transpose")) {
      const ir::Attribute* p1 = graph.nodes[p].attr("perm");
      ir::Attribute* p2 = nullptr;
      for (ir::Attribute& a : node.attributes)
        if (a.name == "perm") p2 = &a;
      if (!p1 || !p2) continue;
      std::vector<int64_t> c = compose_perms(p1->ints, p2->ints);
      if (c.empty()) continue;
      if (!is_identity_perm(c)) {
        p2->ints = c;
        rewire(node, x);
      } else if (!rewired && bypass_node(graph, index, n, x)) {
        ++changed;
      }
    } else if (node.op_type == "Reshape" && is_op(graph, index, p, "Reshape") &&
               node.inputs.size() > 1) {
      auto shape = constant_ints(graph, index, node.inputs[1]);
      if (!shape) continue;
      bool copies_dims = false;
      for (int64_t d : *shape) copies_dims |= d == 0;
      if (!copies_dims || node.attr_int("allowzero", 0) != 0) rewire(node, x);
    } else if (!rewired && ((node.op_type == "Squeeze" && is_op(graph, index, p, "Unsqueeze")) ||
                            (node.op_type == "Unsqueeze" && is_op(graph, index, p, "Squeeze")))) {
      auto mine = squeeze_axes(graph, index, node, ctx.opset);
      auto theirs = squeeze_axes(graph, index, graph.nodes[p], ctx.opset);
      if (mine && theirs && *mine == *theirs && bypass_node(graph, index, n, x)) ++changed;
    }
  }
  if (changed) index.erase_removed_nodes(graph);
  if (rewired) index.rebuild(graph);
  return changed;
}

}  // namespace onyx::opt
