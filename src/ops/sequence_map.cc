// SequenceMap (opset 17): applies `body` to every position i of input_sequence. The body gets,
// per node input, the sequence's i-th tensor (sequence inputs, all of the same length) or the
// tensor itself (tensor inputs); each body output is collected into one output sequence.
#include "ops/common/sequence_common.h"
#include "ops/common/subgraph_common.h"

namespace onyx::ops {
namespace {

class SequenceMapOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<SequenceElementTypes>();

  Status init(const InitContext& ctx) override {
    body_ = graph_attr(ctx.node(), "body");
    if (!body_) return ctx.error("attribute 'body' is required");
    return Status::ok();
  }
  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1 << 20));
    ONYX_RETURN_IF_ERROR(ctx.expect_kind(0, ValueKind::kSequence));
    if (static_cast<int>(body_->inputs.size()) != ctx.num_inputs() ||
        static_cast<int>(body_->outputs.size()) != ctx.num_outputs())
      return ctx.error("body takes " + std::to_string(body_->inputs.size()) + " inputs and " +
                       std::to_string(body_->outputs.size()) + " outputs, the node has " +
                       std::to_string(ctx.num_inputs()) + " and " +
                       std::to_string(ctx.num_outputs()));
    std::vector<ValueType> in;
    for (int i = 0; i < ctx.num_inputs(); ++i) {
      if (!ctx.has_input(i)) return ctx.input_error(i, "input is missing");
      ValueType t = ctx.input(i).type_only();
      if (t.kind != ValueKind::kSequence && t.kind != ValueKind::kTensor)
        return ctx.input_error(i, "expected a sequence or a tensor, got " + t.type_string());
      t.kind = ValueKind::kTensor;
      in.push_back(t);
    }
    ONYX_ASSIGN_OR_RETURN(std::vector<ValueType> out, infer_subgraph(ctx, *body_, in));
    for (int k = 0; k < ctx.num_outputs(); ++k) {
      if (!out[static_cast<size_t>(k)].is_tensor())
        return ctx.error("body output " + std::to_string(k) + " is not a tensor");
      ValueType s = out[static_cast<size_t>(k)].type_only();
      s.kind = ValueKind::kSequence;
      ctx.output(k) = s;
    }
    return Status::ok();
  }
  Status prepare(PrepareContext& ctx) override {
    out_dtypes_.clear();
    for (int k = 0; k < ctx.num_outputs(); ++k) out_dtypes_.push_back(ctx.output(k).dtype);
    return Status::ok();
  }
  Status run(RunContext& ctx) const override {
    const size_t n = ctx.input_value(0).items().size();
    for (int i = 1; i < ctx.num_inputs(); ++i) {
      const Value& v = ctx.input_value(i);
      if (v.kind() == ValueKind::kSequence && v.items().size() != n)
        return ctx.error("input " + std::to_string(i) + " holds " +
                         std::to_string(v.items().size()) + " tensors, input 0 holds " +
                         std::to_string(n));
    }
    std::vector<std::vector<Tensor>> results(static_cast<size_t>(ctx.num_outputs()));
    for (size_t pos = 0; pos < n; ++pos) {
      std::vector<Value> feeds;
      for (int i = 0; i < ctx.num_inputs(); ++i) {
        const Value& v = ctx.input_value(i);
        feeds.emplace_back(v.kind() == ValueKind::kSequence ? v.items()[pos] : v.tensor());
      }
      ONYX_ASSIGN_OR_RETURN(std::vector<Value> outs, run_subgraph(ctx, *body_, feeds));
      for (size_t k = 0; k < outs.size(); ++k) {
        if (!outs[k].is_tensor())
          return ctx.error("body output " + std::to_string(k) + " is not a tensor");
        results[k].push_back(outs[k].tensor());
      }
    }
    for (int k = 0; k < ctx.num_outputs(); ++k) {
      const DType dtype = results[static_cast<size_t>(k)].empty()
                              ? out_dtypes_[static_cast<size_t>(k)]
                              : results[static_cast<size_t>(k)][0].dtype();
      ctx.output_value(k) = Value::sequence(dtype, std::move(results[static_cast<size_t>(k)]));
    }
    return Status::ok();
  }
  bool accepts_values() const override { return true; }

 private:
  const ir::Graph* body_ = nullptr;
  std::vector<DType> out_dtypes_;  // per output sequence, from prepare()
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(SequenceMap, SequenceMapOp)
