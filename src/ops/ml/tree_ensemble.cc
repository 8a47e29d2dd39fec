// TreeEnsemble (ai.onnx.ml opset 5): sums (or averages / takes min / max of) the leaf weights the
// trees reach for each row of X, per target.
//   X: [N, F] float, double or float16; Y: [N, n_targets], X's type.
//   Nodes (arrays indexed by node id): nodes_featureids, nodes_modes (uint8 tensor:
//   0 x<=s, 1 x<s, 2 x>=s, 3 x>s, 4 x==s, 5 x!=s, 6 x in set), nodes_splits (tensor),
//   nodes_truenodeids / nodes_falsenodeids with nodes_trueleafs / nodes_falseleafs saying whether
//   the id names a node or a leaf, nodes_missing_value_tracks_true (NaN input takes the true
//   branch; else NaN compares false). Leaves: leaf_targetids, leaf_weights (tensor).
//   tree_roots: a root node id per tree; a root whose true and false sides are the same leaf is
//   that leaf. membership_values: the sets of the mode-6 nodes, in node-id order, each ended by
//   NaN. aggregate_function: 0 AVERAGE, 1 SUM (default), 2 MIN, 3 MAX (MIN/MAX of no leaf leave
//   the type's max/lowest). post_transform 0..4: NONE, SOFTMAX, LOGISTIC, SOFTMAX_ZERO, PROBIT.
// Weights and splits are kept in double; results are rounded to X's type.
#include <algorithm>
#include <cmath>
#include <limits>

#include "ops/common/float_widen.h"
#include "ops/common/ml_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

using TreeTypes = TypeList<float, double, Float16>;

enum class Mode : uint8_t { kLeq, kLt, kGte, kGt, kEq, kNeq, kMember };

struct TreeNode {
  Mode mode;
  int64_t feature;
  double split;
  bool missing_true;
  int64_t next[2];              // [false, true]: node or leaf id
  bool is_leaf[2];              // [false, true]
  std::vector<double> members;  // kMember: sorted set
};

class TreeEnsembleOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<TreeTypes>();

  Status init(const InitContext& ctx) override {
    const ir::Node& n = ctx.node();
    n_targets_ = n.attr_int("n_targets", 0);
    if (n_targets_ <= 0) return ctx.error("n_targets must be given and positive");
    const int64_t agg = n.attr_int("aggregate_function", 1);
    if (agg < 0 || agg > 3) return ctx.error("aggregate_function must be 0..3");
    aggregate_ = static_cast<int>(agg);
    const int64_t post = n.attr_int("post_transform", 0);
    if (post < 0 || post > 4) return ctx.error("post_transform must be 0..4");
    post_ = static_cast<PostTransform>(post);

    const std::vector<int64_t> features = n.attr_ints("nodes_featureids");
    const std::vector<int64_t> true_ids = n.attr_ints("nodes_truenodeids");
    const std::vector<int64_t> false_ids = n.attr_ints("nodes_falsenodeids");
    const std::vector<int64_t> true_leafs = n.attr_ints("nodes_trueleafs");
    const std::vector<int64_t> false_leafs = n.attr_ints("nodes_falseleafs");
    const std::vector<int64_t> missing = n.attr_ints("nodes_missing_value_tracks_true");
    std::vector<double> modes =
        attr_tensor_doubles(n, "nodes_modes").value_or(std::vector<double>{});
    std::vector<double> splits =
        attr_tensor_doubles(n, "nodes_splits").value_or(std::vector<double>{});
    std::vector<double> members =
        attr_tensor_doubles(n, "membership_values").value_or(std::vector<double>{});
    const size_t count = features.size();
    if (true_ids.size() != count || false_ids.size() != count || true_leafs.size() != count ||
        false_leafs.size() != count || modes.size() != count || splits.size() != count ||
        (!missing.empty() && missing.size() != count))
      return ctx.error("the nodes_* attributes must all have " + std::to_string(count) +
                       " entries");
    leaf_targets_ = n.attr_ints("leaf_targetids");
    leaf_weights_ = attr_tensor_doubles(n, "leaf_weights").value_or(std::vector<double>{});
    if (leaf_targets_.size() != leaf_weights_.size())
      return ctx.error("leaf_targetids and leaf_weights differ in length");
    for (int64_t t : leaf_targets_)
      if (t < 0 || t >= n_targets_) return ctx.error("leaf_targetids entry out of range");
    size_t member_pos = 0;
    nodes_.resize(count);
    for (size_t i = 0; i < count; ++i) {
      TreeNode& node = nodes_[i];
      if (modes[i] < 0 || modes[i] > 6) return ctx.error("nodes_modes entry must be 0..6");
      node.mode = static_cast<Mode>(static_cast<int>(modes[i]));
      node.feature = features[i];
      if (node.feature < 0) return ctx.error("nodes_featureids entry is negative");
      node.split = splits[i];
      node.missing_true = !missing.empty() && missing[i] != 0;
      node.next[0] = false_ids[i];
      node.next[1] = true_ids[i];
      node.is_leaf[0] = false_leafs[i] != 0;
      node.is_leaf[1] = true_leafs[i] != 0;
      for (int s = 0; s < 2; ++s) {
        const size_t limit = node.is_leaf[s] ? leaf_weights_.size() : count;
        if (node.next[s] < 0 || static_cast<size_t>(node.next[s]) >= limit)
          return ctx.error("node " + std::to_string(i) + " points to a missing node or leaf");
      }
      max_feature_ = std::max(max_feature_, node.feature);
      if (node.mode == Mode::kMember) {
        while (member_pos < members.size() && !std::isnan(members[member_pos]))
          node.members.push_back(members[member_pos++]);
        if (member_pos == members.size())
          return ctx.error("membership_values has too few NaN-ended sets");
        ++member_pos;
        std::sort(node.members.begin(), node.members.end());
      }
    }
    roots_ = n.attr_ints("tree_roots");
    for (int64_t r : roots_)
      if (r < 0 || static_cast<size_t>(r) >= count)
        return ctx.error("tree_roots entry out of range");
    // The spec does not require acyclic ids: walk() stops a cycle after `count` steps.
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
    if (dim_known(x.dims[1]) && x.dims[1] <= max_feature_)
      return ctx.input_error(0, "has " + std::to_string(x.dims[1]) +
                                    " features but the trees read feature " +
                                    std::to_string(max_feature_));
    ctx.output(0).has_shape = true;
    ctx.output(0).dims = {x.dims[0], n_targets_};
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    const int64_t rows = x.dim(0), features = x.dim(1);
    std::vector<double> row(static_cast<size_t>(features)), acc(static_cast<size_t>(n_targets_));
    Status status = Status::ok();
    visit_dtype<TreeTypes>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      for (int64_t r = 0; r < rows && status.is_ok(); ++r) {
        for (int64_t f = 0; f < features; ++f)
          row[static_cast<size_t>(f)] = static_cast<double>(widen(x.data<T>()[r * features + f]));
        const double start =
            aggregate_ == 2   ? static_cast<double>(std::numeric_limits<Wide<T>>::max())
            : aggregate_ == 3 ? static_cast<double>(std::numeric_limits<Wide<T>>::lowest())
                              : 0.0;
        std::fill(acc.begin(), acc.end(), start);
        for (int64_t root : roots_) {
          const int64_t leaf = walk(root, row.data());
          if (leaf < 0) {
            status = ctx.error("tree rooted at node " + std::to_string(root) + " has a cycle");
            return;
          }
          double& a = acc[static_cast<size_t>(leaf_targets_[static_cast<size_t>(leaf)])];
          const double w = leaf_weights_[static_cast<size_t>(leaf)];
          a = aggregate_ == 2 ? std::min(a, w) : aggregate_ == 3 ? std::max(a, w) : a + w;
        }
        if (aggregate_ == 0 && !roots_.empty())
          for (double& a : acc) a /= static_cast<double>(roots_.size());
        apply_post_transform(post_, acc.data(), n_targets_);
        for (int64_t t = 0; t < n_targets_; ++t)
          y.data<T>()[r * n_targets_ + t] =
              narrow<T>(static_cast<Wide<T>>(acc[static_cast<size_t>(t)]));
      }
    });
    return status;
  }

 private:
  // The leaf id reached from `root`, or -1 on a cycle.
  int64_t walk(int64_t root, const double* row) const {
    const TreeNode& r = nodes_[static_cast<size_t>(root)];
    if (r.is_leaf[0] && r.is_leaf[1] && r.next[0] == r.next[1]) return r.next[0];
    int64_t id = root;
    for (size_t step = 0; step <= nodes_.size(); ++step) {
      const TreeNode& node = nodes_[static_cast<size_t>(id)];
      const bool branch = test(node, row[node.feature]);
      if (node.is_leaf[branch]) return node.next[branch];
      id = node.next[branch];
    }
    return -1;
  }

  static bool test(const TreeNode& node, double v) {
    if (std::isnan(v) && node.missing_true) return true;
    switch (node.mode) {
      case Mode::kLeq:
        return v <= node.split;
      case Mode::kLt:
        return v < node.split;
      case Mode::kGte:
        return v >= node.split;
      case Mode::kGt:
        return v > node.split;
      case Mode::kEq:
        return v == node.split;
      case Mode::kNeq:
        return v != node.split;
      case Mode::kMember:
        return !std::isnan(v) && std::binary_search(node.members.begin(), node.members.end(), v);
    }
    return false;
  }

  int64_t n_targets_ = 0;
  int aggregate_ = 1;
  PostTransform post_ = PostTransform::kNone;
  std::vector<TreeNode> nodes_;
  std::vector<int64_t> roots_, leaf_targets_;
  std::vector<double> leaf_weights_;
  int64_t max_feature_ = -1;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(TreeEnsemble, TreeEnsembleOp)
