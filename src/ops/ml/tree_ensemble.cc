// TreeEnsemble (ai.onnx.ml opset 5): sums (or averages / takes min / max of) the leaf weights the
// trees reach for each row of X, per target (evaluation: ops/ml/tree_common.h).
//   X: [N, F] float, double or float16; Y: [N, n_targets], X's type.
//   Nodes (arrays indexed by node id): nodes_featureids, nodes_modes (uint8 tensor:
//   0 x<=s, 1 x<s, 2 x>=s, 3 x>s, 4 x==s, 5 x!=s, 6 x in set), nodes_splits (tensor),
//   nodes_truenodeids / nodes_falsenodeids with nodes_trueleafs / nodes_falseleafs saying whether
//   the id names a node or a leaf, nodes_missing_value_tracks_true. Leaves: leaf_targetids,
//   leaf_weights (tensor). tree_roots: a root node id per tree; a root whose true and false sides
//   are the same leaf is that leaf. membership_values: the sets of the mode-6 nodes, in node-id
//   order, each ended by NaN. aggregate_function: 0 AVERAGE, 1 SUM (default), 2 MIN, 3 MAX (a
//   target no leaf reaches is the type's max for MIN, lowest for MAX, 0 otherwise).
//   post_transform 0..4: NONE, SOFTMAX, LOGISTIC, SOFTMAX_ZERO, PROBIT.
// Weights and splits are kept in double; results are rounded to X's type.
#include <algorithm>
#include <cmath>
#include <limits>

#include "ops/common/float_widen.h"
#include "ops/common/ml_common.h"
#include "ops/ml/tree_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

using TreeTypes = TypeList<float, double, Float16>;

class TreeEnsembleOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<TreeTypes>();

  Status init(const InitContext& ctx) override {
    const ir::Node& n = ctx.node();
    const int64_t n_targets = n.attr_int("n_targets", 0);
    if (n_targets <= 0) return ctx.error("n_targets must be given and positive");
    const int64_t agg = n.attr_int("aggregate_function", 1);
    if (agg < 0 || agg > 3) return ctx.error("aggregate_function must be 0..3");
    aggregate_ = static_cast<TreeAggregate>(agg);
    const int64_t post = n.attr_int("post_transform", 0);
    if (post < 0 || post > 4) return ctx.error("post_transform must be 0..4");
    post_ = static_cast<PostTransform>(post);

    const std::vector<int64_t> features = n.attr_ints("nodes_featureids");
    const std::vector<int64_t> true_ids = n.attr_ints("nodes_truenodeids");
    const std::vector<int64_t> false_ids = n.attr_ints("nodes_falsenodeids");
    const std::vector<int64_t> true_leafs = n.attr_ints("nodes_trueleafs");
    const std::vector<int64_t> false_leafs = n.attr_ints("nodes_falseleafs");
    const std::vector<int64_t> missing = n.attr_ints("nodes_missing_value_tracks_true");
    const std::vector<double> none;
    const std::vector<double> modes = attr_tensor_doubles(n, "nodes_modes").value_or(none);
    const std::vector<double> splits = attr_tensor_doubles(n, "nodes_splits").value_or(none);
    const std::vector<double> members = attr_tensor_doubles(n, "membership_values").value_or(none);
    const size_t count = features.size();
    if (true_ids.size() != count || false_ids.size() != count || true_leafs.size() != count ||
        false_leafs.size() != count || modes.size() != count || splits.size() != count ||
        (!missing.empty() && missing.size() != count))
      return ctx.error("the nodes_* attributes must all have " + std::to_string(count) +
                       " entries");
    const std::vector<int64_t> leaf_targets = n.attr_ints("leaf_targetids");
    const std::vector<double> leaf_weights = attr_tensor_doubles(n, "leaf_weights").value_or(none);
    if (leaf_targets.size() != leaf_weights.size())
      return ctx.error("leaf_targetids and leaf_weights differ in length");
    forest_.num_targets = n_targets;
    for (size_t i = 0; i < leaf_targets.size(); ++i)
      forest_.leaves.push_back({{leaf_targets[i], leaf_weights[i]}});
    size_t member_pos = 0;
    forest_.nodes.resize(count);
    for (size_t i = 0; i < count; ++i) {
      TreeNode& node = forest_.nodes[i];
      if (!(modes[i] >= 0 && modes[i] <= 6)) return ctx.error("nodes_modes entry must be 0..6");
      node.mode = static_cast<TreeMode>(static_cast<int>(modes[i]));
      node.feature = features[i];
      if (node.feature < 0) return ctx.error("nodes_featureids entry is negative");
      node.split = splits[i];
      node.missing_true = !missing.empty() && missing[i] != 0;
      node.next[0] = false_ids[i];
      node.next[1] = true_ids[i];
      node.is_leaf[0] = false_leafs[i] != 0;
      node.is_leaf[1] = true_leafs[i] != 0;
      forest_.max_feature = std::max(forest_.max_feature, node.feature);
      if (node.mode == TreeMode::kMember) {
        while (member_pos < members.size() && !std::isnan(members[member_pos]))
          node.members.push_back(members[member_pos++]);
        if (member_pos == members.size())
          return ctx.error("membership_values has too few NaN-ended sets");
        ++member_pos;
        std::sort(node.members.begin(), node.members.end());
      }
    }
    for (int64_t r : n.attr_ints("tree_roots")) {
      if (r < 0 || static_cast<size_t>(r) >= count)
        return ctx.error("tree_roots entry out of range");
      const TreeNode& root = forest_.nodes[static_cast<size_t>(r)];
      if (root.is_leaf[0] && root.is_leaf[1] && root.next[0] == root.next[1])
        forest_.roots.push_back({root.next[0], true});
      else
        forest_.roots.push_back({r, false});
    }
    const std::string invalid = forest_.validate();
    if (!invalid.empty()) return ctx.error(invalid);
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const ValueType& x = ctx.input(0);
    ctx.output(0) = ValueType();
    ctx.output(0).dtype = x.dtype;
    if (!x.has_shape) return Status::ok();
    if (x.rank() != 2) return ctx.input_error(0, "must be 2-D [N, F]");
    if (dim_known(x.dims[1]) && x.dims[1] <= forest_.max_feature)
      return ctx.input_error(0, "has " + std::to_string(x.dims[1]) +
                                    " features but the trees read feature " +
                                    std::to_string(forest_.max_feature));
    ctx.output(0).has_shape = true;
    ctx.output(0).dims = {x.dims[0], forest_.num_targets};
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    const int64_t rows = x.dim(0), features = x.dim(1), targets = forest_.num_targets;
    std::vector<double> row(static_cast<size_t>(features)), acc(static_cast<size_t>(targets));
    std::vector<char> hit(static_cast<size_t>(targets));
    bool cycle = false;
    visit_dtype<TreeTypes>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      using W = Wide<T>;
      const double unhit = aggregate_ == TreeAggregate::kMin   ? std::numeric_limits<W>::max()
                           : aggregate_ == TreeAggregate::kMax ? std::numeric_limits<W>::lowest()
                                                               : 0.0;
      for (int64_t r = 0; r < rows && !cycle; ++r) {
        for (int64_t f = 0; f < features; ++f)
          row[static_cast<size_t>(f)] = static_cast<double>(widen(x.data<T>()[r * features + f]));
        std::fill(acc.begin(), acc.end(), 0.0);
        std::fill(hit.begin(), hit.end(), 0);
        cycle = !accumulate_trees(forest_, aggregate_, row.data(), acc.data(), &hit);
        for (int64_t t = 0; t < targets; ++t)
          if (!hit[static_cast<size_t>(t)]) acc[static_cast<size_t>(t)] = unhit;
        apply_post_transform(post_, acc.data(), targets);
        for (int64_t t = 0; t < targets; ++t)
          y.data<T>()[r * targets + t] = narrow<T>(static_cast<W>(acc[static_cast<size_t>(t)]));
      }
    });
    return cycle ? ctx.error("the tree node ids form a cycle") : Status::ok();
  }

 private:
  TreeForest forest_;
  TreeAggregate aggregate_ = TreeAggregate::kSum;
  PostTransform post_ = PostTransform::kNone;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(TreeEnsemble, TreeEnsembleOp)
