// Family code of the ai.onnx.ml tree ensembles (TreeEnsemble opset 5, TreeEnsembleRegressor and
// TreeEnsembleClassifier opsets 1/3): one evaluation structure both attribute layouts load into.
//
// A forest is a list of nodes and a list of leaves. Each node tests one feature of the row
// (mode: x <= s, x < s, x >= s, x > s, x == s, x != s, x in set) and continues on its true or
// false side, each naming a node or a leaf. A NaN feature takes the true side when the node's
// missing_true is set; otherwise it compares false (and is in no set). A leaf adds
// (target, weight) pairs. Walking a tree stops after visiting every node once (cycle guard).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "ir/graph.h"
#include "onyx/status.hpp"

namespace onyx::ops {

enum class TreeMode : uint8_t { kLeq, kLt, kGte, kGt, kEq, kNeq, kMember };

struct TreeNode {
  TreeMode mode = TreeMode::kLeq;
  int64_t feature = 0;
  double split = 0;
  bool missing_true = false;
  int64_t next[2] = {0, 0};  // [false side, true side]: node or leaf index
  bool is_leaf[2] = {false, false};
  std::vector<double> members;  // kMember: sorted
};

struct TreeRef {
  int64_t index = 0;
  bool is_leaf = false;
};

struct TreeForest {
  std::vector<TreeNode> nodes;
  std::vector<std::vector<std::pair<int64_t, double>>> leaves;  // (target, weight) pairs
  std::vector<TreeRef> roots;
  int64_t max_feature = -1;
  int64_t num_targets = 0;

  // The leaf a row reaches from `root`; -1 on a cycle. `row` holds max_feature + 1 values.
  int64_t walk(TreeRef root, const double* row) const;
  // Checks that every reference points inside nodes/leaves and targets < num_targets; an error
  // message ("" when valid).
  std::string validate() const;
};

// Loads the TreeEnsembleRegressor/Classifier layout: nodes_treeids/nodes_nodeids name nodes,
// nodes_modes are strings (BRANCH_LEQ .. BRANCH_NEQ, LEAF), nodes_values (or the opset-3
// nodes_values_as_tensor) the splits; `prefix`_treeids/_nodeids/_ids/_weights (or
// `prefix`_weights_as_tensor) attach (target, weight) pairs to leaves ("target" or "class").
Result<TreeForest> load_legacy_forest(const ir::Node& node, const std::string& prefix,
                                      int64_t num_targets);

// Accumulates the leaf outputs of every tree of `forest` for one row into `scores`
// (num_targets): sum, or average over the trees, or min / max. `hit` (num_targets) records
// which targets received a value. Returns false on a cycle.
enum class TreeAggregate { kAverage = 0, kSum = 1, kMin = 2, kMax = 3 };
// A feature-count check for infer_model_rows (ops/ml/model_rows.h): the trees must be able to
// read every feature index they test.
std::function<std::string(int64_t)> forest_features(const TreeForest& forest);

bool accumulate_trees(const TreeForest& forest, TreeAggregate aggregate, const double* row,
                      double* scores, std::vector<char>* hit);

}  // namespace onyx::ops
