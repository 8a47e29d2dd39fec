#include "ops/ml/tree_common.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "ops/common/ml_common.h"

namespace onyx::ops {
namespace {

bool test_node(const TreeNode& node, double v) {
  if (std::isnan(v)) return node.missing_true;
  switch (node.mode) {
    case TreeMode::kLeq:
      return v <= node.split;
    case TreeMode::kLt:
      return v < node.split;
    case TreeMode::kGte:
      return v >= node.split;
    case TreeMode::kGt:
      return v > node.split;
    case TreeMode::kEq:
      return v == node.split;
    case TreeMode::kNeq:
      return v != node.split;
    case TreeMode::kMember:
      return std::binary_search(node.members.begin(), node.members.end(), v);
  }
  return false;
}

}  // namespace

int64_t TreeForest::walk(TreeRef root, const double* row) const {
  if (root.is_leaf) return root.index;
  int64_t id = root.index;
  for (size_t step = 0; step <= nodes.size(); ++step) {
    const TreeNode& node = nodes[static_cast<size_t>(id)];
    const int side = test_node(node, row[node.feature]) ? 1 : 0;
    if (node.is_leaf[side]) return node.next[side];
    id = node.next[side];
  }
  return -1;
}

std::string TreeForest::validate() const {
  auto in_range = [&](int64_t i, bool leaf) {
    return i >= 0 && static_cast<size_t>(i) < (leaf ? leaves.size() : nodes.size());
  };
  for (size_t i = 0; i < nodes.size(); ++i)
    for (int s = 0; s < 2; ++s)
      if (!in_range(nodes[i].next[s], nodes[i].is_leaf[s]))
        return "node " + std::to_string(i) + " points to a missing node or leaf";
  for (const TreeRef& r : roots)
    if (!in_range(r.index, r.is_leaf)) return "a tree root is out of range";
  for (const auto& leaf : leaves)
    for (const auto& [target, w] : leaf)
      if (target < 0 || target >= num_targets)
        return "leaf target " + std::to_string(target) + " is out of range [0, " +
               std::to_string(num_targets) + ")";
  return "";
}

Result<TreeForest> load_legacy_forest(const ir::Node& n, const std::string& prefix,
                                      int64_t num_targets) {
  auto error = [&](const std::string& m) { return Status(StatusCode::kInvalidGraph, m); };
  const std::vector<int64_t> tree_ids = n.attr_ints("nodes_treeids");
  const std::vector<int64_t> node_ids = n.attr_ints("nodes_nodeids");
  const std::vector<int64_t> features = n.attr_ints("nodes_featureids");
  const std::vector<int64_t> true_ids = n.attr_ints("nodes_truenodeids");
  const std::vector<int64_t> false_ids = n.attr_ints("nodes_falsenodeids");
  const std::vector<int64_t> missing = n.attr_ints("nodes_missing_value_tracks_true");
  const std::vector<std::string> modes = n.attr_strings("nodes_modes");
  const std::vector<double> values =
      attr_doubles(n, "nodes_values_as_tensor", "nodes_values").value_or(std::vector<double>{});
  const size_t count = tree_ids.size();
  if (node_ids.size() != count || features.size() != count || modes.size() != count ||
      values.size() != count || (!missing.empty() && missing.size() != count))
    return error("the nodes_* attributes must all have " + std::to_string(count) + " entries");
  // Non-leaf entries become nodes, LEAF entries leaves; keyed by (tree id, node id).
  std::map<std::pair<int64_t, int64_t>, TreeRef> refs;
  TreeForest f;
  f.num_targets = num_targets;
  for (size_t i = 0; i < count; ++i) {
    const bool leaf = modes[i] == "LEAF";
    TreeRef ref{static_cast<int64_t>(leaf ? f.leaves.size() : f.nodes.size()), leaf};
    if (!refs.emplace(std::make_pair(tree_ids[i], node_ids[i]), ref).second)
      return error("node (" + std::to_string(tree_ids[i]) + ", " + std::to_string(node_ids[i]) +
                   ") is listed twice");
    if (leaf) {
      f.leaves.emplace_back();
      continue;
    }
    static const char* kModes[] = {"BRANCH_LEQ", "BRANCH_LT", "BRANCH_GTE",
                                   "BRANCH_GT",  "BRANCH_EQ", "BRANCH_NEQ"};
    const auto* it = std::find(std::begin(kModes), std::end(kModes), modes[i]);
    if (it == std::end(kModes)) return error("unknown nodes_modes entry '" + modes[i] + "'");
    TreeNode node;
    node.mode = static_cast<TreeMode>(it - std::begin(kModes));
    node.feature = features[i];
    if (node.feature < 0) return error("nodes_featureids entry is negative");
    node.split = values[i];
    node.missing_true = !missing.empty() && missing[i] != 0;
    f.max_feature = std::max(f.max_feature, node.feature);
    f.nodes.push_back(node);
  }
  if (true_ids.size() < count || false_ids.size() < count)
    return error("nodes_truenodeids and nodes_falsenodeids need an entry per node");
  std::map<std::pair<int64_t, int64_t>, bool> referenced;
  for (size_t i = 0; i < count; ++i) {
    if (modes[i] == "LEAF") continue;  // a leaf's true/false ids mean nothing
    referenced[{tree_ids[i], true_ids[i]}] = true;
    referenced[{tree_ids[i], false_ids[i]}] = true;
  }
  std::map<int64_t, TreeRef> roots;  // tree id -> its root: the one node nothing points to
  for (size_t i = 0; i < count; ++i) {
    const TreeRef self = refs[{tree_ids[i], node_ids[i]}];
    if (!referenced.count({tree_ids[i], node_ids[i]}) && !roots.emplace(tree_ids[i], self).second)
      return error("tree " + std::to_string(tree_ids[i]) +
                   " has more than one node that no other node points to");
    if (self.is_leaf) continue;
    TreeNode& node = f.nodes[static_cast<size_t>(self.index)];
    const int64_t sides[2] = {false_ids[i], true_ids[i]};
    for (int s = 0; s < 2; ++s) {
      auto target = refs.find({tree_ids[i], sides[s]});
      if (target == refs.end())
        return error("node (" + std::to_string(tree_ids[i]) + ", " + std::to_string(node_ids[i]) +
                     ") points to missing node " + std::to_string(sides[s]));
      node.next[s] = target->second.index;
      node.is_leaf[s] = target->second.is_leaf;
    }
  }
  for (size_t i = 0; i < count; ++i)
    if (!roots.count(tree_ids[i]))
      return error("tree " + std::to_string(tree_ids[i]) + " has no root (its nodes form a cycle)");
  for (const auto& [tree, ref] : roots) f.roots.push_back(ref);
  const std::vector<int64_t> w_trees = n.attr_ints(prefix + "_treeids");
  const std::vector<int64_t> w_nodes = n.attr_ints(prefix + "_nodeids");
  const std::vector<int64_t> w_ids = n.attr_ints(prefix + "_ids");
  const std::vector<double> weights =
      attr_doubles(n, prefix + "_weights_as_tensor", prefix + "_weights")
          .value_or(std::vector<double>{});
  if (w_nodes.size() != w_trees.size() || w_ids.size() != w_trees.size() ||
      weights.size() != w_trees.size())
    return error("the " + prefix + "_* attributes must all have the same length");
  for (size_t i = 0; i < w_trees.size(); ++i) {
    auto it = refs.find({w_trees[i], w_nodes[i]});
    if (it == refs.end() || !it->second.is_leaf)
      return error(prefix + " weight " + std::to_string(i) + " names no LEAF node");
    f.leaves[static_cast<size_t>(it->second.index)].emplace_back(w_ids[i], weights[i]);
  }
  const std::string invalid = f.validate();
  if (!invalid.empty()) return error(invalid);
  return f;
}

bool accumulate_trees(const TreeForest& forest, TreeAggregate aggregate, const double* row,
                      double* scores, std::vector<char>* hit) {
  for (const TreeRef& root : forest.roots) {
    const int64_t leaf = forest.walk(root, row);
    if (leaf < 0) return false;
    for (const auto& [target, w] : forest.leaves[static_cast<size_t>(leaf)]) {
      double& s = scores[target];
      char& seen = (*hit)[static_cast<size_t>(target)];
      if (aggregate == TreeAggregate::kMin)
        s = seen ? std::min(s, w) : w;
      else if (aggregate == TreeAggregate::kMax)
        s = seen ? std::max(s, w) : w;
      else
        s += w;
      seen = 1;
    }
  }
  if (aggregate == TreeAggregate::kAverage && !forest.roots.empty())
    for (int64_t t = 0; t < forest.num_targets; ++t)
      scores[t] /= static_cast<double>(forest.roots.size());
  return true;
}

std::function<std::string(int64_t)> forest_features(const TreeForest& forest) {
  const int64_t max_feature = forest.max_feature;
  return [max_feature](int64_t f) -> std::string {
    if (f > max_feature) return "";
    return "has " + std::to_string(f) + " features but the trees read feature " +
           std::to_string(max_feature);
  };
}

}  // namespace onyx::ops
