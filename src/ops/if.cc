// If: runs then_branch or else_branch (graph attributes, no inputs; they read outer-scope values
// by name) on a one-element bool `cond`. Branch outputs may differ in shape (the node's outputs
// then have unknown dims there) but not in kind or element type. Opset 11 allowed more element
// types, 13 sequences, 16 optionals: all of which one implementation covers. A branch whose
// shape inference fails is an error only if it is taken (see infer()).
#include "ops/common/subgraph_common.h"

namespace onyx::ops {
namespace {

class IfOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Bool>();

  Status init(const InitContext& ctx) override {
    then_ = graph_attr(ctx.node(), "then_branch");
    else_ = graph_attr(ctx.node(), "else_branch");
    if (!then_ || !else_)
      return ctx.error("attributes 'then_branch' and 'else_branch' are required");
    if (then_->outputs.size() != else_->outputs.size())
      return ctx.error("then_branch has " + std::to_string(then_->outputs.size()) +
                       " outputs, else_branch " + std::to_string(else_->outputs.size()));
    return Status::ok();
  }
  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_kind(0, ValueKind::kTensor));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    if (ctx.num_outputs() != static_cast<int>(then_->outputs.size()))
      return ctx.error("node has " + std::to_string(ctx.num_outputs()) + " outputs, branches " +
                       std::to_string(then_->outputs.size()));
    Result<std::vector<ValueType>> then_types = infer_subgraph(ctx, *then_, {});
    Result<std::vector<ValueType>> else_types = infer_subgraph(ctx, *else_, {});
    // A branch that cannot be valid for these inputs (e.g. a Split that does not fit a shape the
    // condition rules out) does not make the model invalid: when `cond` is constant only the taken
    // branch counts; otherwise the failing branch's error is deferred to run time, where building
    // its plan fails again if it is ever taken. Both failing is an error.
    const ValueType& cond = ctx.input(0);
    if (cond.is_constant() && cond.value.numel() == 1) {
      Result<std::vector<ValueType>>& taken = scalar_bool(cond.value) ? then_types : else_types;
      if (!taken.is_ok()) return taken.status();
      for (int i = 0; i < ctx.num_outputs(); ++i) {
        ctx.output(i) = (*taken)[static_cast<size_t>(i)].type_only();
      }
      return Status::ok();
    }
    // Only shape/type inconsistencies (InvalidGraph) are deferred; unsupported features and
    // limits (NotImplemented, e.g. max_subgraph_depth) fail at load whichever branch has them.
    for (const Result<std::vector<ValueType>>* r : {&then_types, &else_types})
      if (!r->is_ok() && r->status().code() != StatusCode::kInvalidGraph) return r->status();
    if (!then_types.is_ok() && !else_types.is_ok()) return then_types.status();
    if (!then_types.is_ok() || !else_types.is_ok()) {
      const std::vector<ValueType>& valid = then_types.is_ok() ? *then_types : *else_types;
      for (int i = 0; i < ctx.num_outputs(); ++i)
        ctx.output(i) = valid[static_cast<size_t>(i)].type_only();
      return Status::ok();
    }
    const std::vector<ValueType>& t = *then_types;
    const std::vector<ValueType>& e = *else_types;
    for (int i = 0; i < ctx.num_outputs(); ++i) {
      ONYX_ASSIGN_OR_RETURN(ValueType merged,
                            merge_value_types(ctx, t[i], e[i],
                                              "branch output " + std::to_string(i) +
                                                  " differs in type between the branches"));
      ctx.output(i) = merged;
    }
    return Status::ok();
  }
  Status run(RunContext& ctx) const override {
    if (ctx.input(0).numel() != 1) return ctx.error("cond must hold one element");
    const ir::Graph& branch = scalar_bool(ctx.input(0)) ? *then_ : *else_;
    ONYX_ASSIGN_OR_RETURN(std::vector<Value> outs, run_subgraph(ctx, branch, {}));
    for (int i = 0; i < ctx.num_outputs(); ++i)
      if (ctx.has_output(i)) ctx.output_value(i) = std::move(outs[static_cast<size_t>(i)]);
    return Status::ok();
  }
  bool accepts_values() const override { return true; }

 private:
  const ir::Graph* then_ = nullptr;
  const ir::Graph* else_ = nullptr;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(If, IfOp)
