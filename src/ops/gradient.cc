// Gradient (ai.onnx.preview.training opset 1): outputs d y / d x for each x in attribute `xs`
// (the node's first inputs; the remaining inputs are `zs`, held constant), y named by attribute
// `y`, all in the enclosing graph. Session creation attaches the forward computation as the graph
// attribute "forward" (ir/gradient_graph.h); run() executes it, then back-propagates from y (seed:
// ones) through its nodes in reverse order. Each partial derivative is computed with the ops
// themselves (eager evaluate_node, opset 13), so broadcasting and element types follow theirs;
// a contribution to a broadcast input is summed back to that input's shape (ReduceSum +
// Reshape). Differentiable ops: Add, Sub, Mul, Div, Neg, Identity (others: NotImplemented at
// load). Float element types only. An x that y does not depend on gets a zero gradient.
#include <algorithm>
#include <unordered_map>

#include "ir/gradient_graph.h"
#include "ops/common/eval.h"
#include "ops/common/subgraph_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

constexpr int64_t kEvalOpset = 13;  // ReduceSum takes axes as an input

Result<Tensor> apply(const char* op_type, std::vector<Tensor> inputs, ThreadPool* pool) {
  ir::Node node;
  node.op_type = op_type;
  node.name = std::string("gradient ") + op_type;
  for (size_t i = 0; i < inputs.size(); ++i) node.inputs.push_back("in" + std::to_string(i));
  node.outputs = {"out"};
  ONYX_ASSIGN_OR_RETURN(std::vector<Tensor> out, evaluate_node(node, kEvalOpset, inputs, pool));
  return out[0];
}

// Sums `g` over the axes along which it was broadcast from `shape` (numpy rules).
Result<Tensor> sum_to_shape(const Tensor& g, const Shape& shape, ThreadPool* pool) {
  if (g.shape() == shape) return g;
  const size_t rank = g.shape().size(), lead = rank - shape.size();
  std::vector<int64_t> axes;
  for (size_t a = 0; a < rank; ++a)
    if (a < lead || (shape[a - lead] == 1 && g.shape()[a] != 1))
      axes.push_back(static_cast<int64_t>(a));
  Tensor summed = g;
  if (!axes.empty()) {
    const Tensor axes_t = Tensor::from_vector<int64_t>({static_cast<int64_t>(axes.size())}, axes);
    ONYX_ASSIGN_OR_RETURN(summed, apply("ReduceSum", {g, axes_t}, pool));
  }
  const Tensor target = Tensor::from_vector<int64_t>({static_cast<int64_t>(shape.size())}, shape);
  return apply("Reshape", {summed, target}, pool);
}

class GradientOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status init(const InitContext& ctx) override {
    const ir::Node& node = ctx.node();
    forward_ = graph_attr(node, ir::kGradientForwardAttr);
    if (!forward_)
      return ctx.error("the forward graph was not attached (ir::attach_gradient_graphs)");
    xs_ = node.attr_strings("xs");
    inputs_ = node.inputs;
    y_ = node.attr_string("y", "");
    if (xs_.empty()) return ctx.error("attribute xs is empty");
    if (node.outputs.size() != xs_.size())
      return ctx.error("has " + std::to_string(node.outputs.size()) + " outputs for " +
                       std::to_string(xs_.size()) + " xs");
    for (const ir::Node& f : forward_->nodes) {
      static const char* kSupported[] = {"Add", "Sub", "Mul", "Div", "Neg", "Identity"};
      bool ok = f.domain.empty() || f.domain == "ai.onnx";
      ok = ok && std::find(std::begin(kSupported), std::end(kSupported), f.op_type) !=
                     std::end(kSupported);
      if (!ok)
        return ctx.not_implemented("the gradient through " + f.label() +
                                   " is not implemented (supported: Add, Sub, Mul, Div, Neg, "
                                   "Identity)");
    }
    return Status::ok();
  }
  Status infer(InferContext& ctx) const override {
    for (size_t i = 0; i < xs_.size(); ++i) {
      if (i >= static_cast<size_t>(ctx.num_inputs()) || ctx.node().inputs[i] != xs_[i])
        return ctx.error("input " + std::to_string(i) + " must be x '" + xs_[i] + "'");
      ONYX_RETURN_IF_ERROR(ctx.expect_dtype(static_cast<int>(i), kElementTypes));
      const ValueType& x = ctx.input(static_cast<int>(i));
      ctx.output(static_cast<int>(i)) = x.has_shape ? ValueType::tensor(x.dtype, x.dims) : x;
      ctx.output(static_cast<int>(i)).value = Tensor();
    }
    return Status::ok();
  }
  Status run(RunContext& ctx) const override {
    std::vector<Value> feeds;
    std::unordered_map<std::string, Tensor> value;
    for (int i = 0; i < ctx.num_inputs(); ++i) {
      feeds.emplace_back(ctx.input(i));
      value[inputs_[static_cast<size_t>(i)]] = ctx.input(i);
    }
    ONYX_ASSIGN_OR_RETURN(std::vector<Value> fwd, run_subgraph(ctx, *forward_, feeds));
    for (size_t i = 0; i < fwd.size(); ++i) {
      if (!fwd[i].is_tensor()) return ctx.error("forward value is not a tensor");
      value[forward_->outputs[i].name] = fwd[i].tensor();
    }
    auto find = [&](const std::string& name) -> Result<Tensor> {
      auto it = value.find(name);
      if (it == value.end()) return ctx.error("no forward value for '" + name + "'");
      return it->second;
    };
    ThreadPool* pool = ctx.pool();
    std::unordered_map<std::string, Tensor> grad;
    ONYX_ASSIGN_OR_RETURN(Tensor y, find(y_));
    // The seed, ones shaped and typed like y: Pow(y, 0) is 1 for every y, inf and NaN included.
    ONYX_ASSIGN_OR_RETURN(grad[y_], apply("Pow", {y, Tensor::scalar<int64_t>(0)}, pool));

    auto accumulate = [&](const std::string& name, Result<Tensor> contribution) -> Status {
      if (!contribution) return contribution.status();
      ONYX_ASSIGN_OR_RETURN(Tensor target, find(name));
      ONYX_ASSIGN_OR_RETURN(Tensor g, sum_to_shape(*contribution, target.shape(), pool));
      auto it = grad.find(name);
      if (it == grad.end()) {
        grad[name] = g;
        return Status::ok();
      }
      ONYX_ASSIGN_OR_RETURN(it->second, apply("Add", {it->second, g}, pool));
      return Status::ok();
    };
    for (auto n = forward_->nodes.rbegin(); n != forward_->nodes.rend(); ++n) {
      auto it = grad.find(n->outputs[0]);
      if (it == grad.end()) continue;  // y does not depend on this node's output
      const Tensor g = it->second;
      const std::string& a = n->inputs[0];
      const std::string b = n->inputs.size() > 1 ? n->inputs[1] : std::string();
      if (n->op_type == "Identity") {
        ONYX_RETURN_IF_ERROR(accumulate(a, g));
      } else if (n->op_type == "Neg") {
        ONYX_RETURN_IF_ERROR(accumulate(a, apply("Neg", {g}, pool)));
      } else if (n->op_type == "Add" || n->op_type == "Sub") {
        ONYX_RETURN_IF_ERROR(accumulate(a, g));
        ONYX_RETURN_IF_ERROR(
            accumulate(b, n->op_type == "Add" ? Result<Tensor>(g) : apply("Neg", {g}, pool)));
      } else if (n->op_type == "Mul") {
        ONYX_ASSIGN_OR_RETURN(Tensor av, find(a));
        ONYX_ASSIGN_OR_RETURN(Tensor bv, find(b));
        ONYX_RETURN_IF_ERROR(accumulate(a, apply("Mul", {g, bv}, pool)));
        ONYX_RETURN_IF_ERROR(accumulate(b, apply("Mul", {g, av}, pool)));
      } else {  // Div: d(a/b)/da = 1/b, d(a/b)/db = -a/b^2
        ONYX_ASSIGN_OR_RETURN(Tensor av, find(a));
        ONYX_ASSIGN_OR_RETURN(Tensor bv, find(b));
        ONYX_RETURN_IF_ERROR(accumulate(a, apply("Div", {g, bv}, pool)));
        ONYX_ASSIGN_OR_RETURN(Tensor ga, apply("Mul", {g, av}, pool));
        ONYX_ASSIGN_OR_RETURN(Tensor bb, apply("Mul", {bv, bv}, pool));
        ONYX_ASSIGN_OR_RETURN(Tensor q, apply("Div", {ga, bb}, pool));
        ONYX_RETURN_IF_ERROR(accumulate(b, apply("Neg", {q}, pool)));
      }
    }
    for (size_t i = 0; i < xs_.size(); ++i) {
      auto it = grad.find(xs_[i]);
      const Tensor& x = ctx.input(static_cast<int>(i));
      // Tensor::empty is zero-filled: the gradient of an x that y does not depend on.
      const Tensor out = it != grad.end() ? it->second : Tensor::empty(x.dtype(), x.shape());
      ONYX_RETURN_IF_ERROR(ctx.set_output(static_cast<int>(i), out));
    }
    return Status::ok();
  }

 private:
  const ir::Graph* forward_ = nullptr;
  std::vector<std::string> xs_;
  std::vector<std::string> inputs_;  // xs, then zs
  std::string y_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Gradient, GradientOp)
