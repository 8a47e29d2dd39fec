// Loop: runs `body` while the trip count and the condition allow.
//   inputs:  M (optional int64 scalar: max trip count), cond (optional bool scalar), v_initial...
//   body:    (iteration_num int64, cond_in bool, carried...) -> (cond_out, carried..., scans...)
//   outputs: final carried values, then each scan output stacked along a new axis 0
// With cond omitted the body's cond_out is ignored; with both M and cond omitted the loop would
// never end, which is refused. Carried values may change shape across iterations (opset 11+) and
// may be tensors, sequences (13+) or optionals (16+). Zero iterations give the initial values and
// empty scan outputs ([0, ...] with the body's inferred element shape where it is known).
#include <limits>

#include "ops/common/subgraph_common.h"

namespace onyx::ops {
namespace {

class LoopOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::All>();

  Status init(const InitContext& ctx) override {
    body_ = graph_attr(ctx.node(), "body");
    if (!body_) return ctx.error("attribute 'body' is required");
    return Status::ok();
  }
  Status infer(InferContext& ctx) const override {
    if (ctx.num_inputs() < 2)
      return ctx.error("expected inputs M and cond (either may be \"\"), got " +
                       std::to_string(ctx.num_inputs()) + " inputs");
    const int n_carried = ctx.num_inputs() - 2;
    const int n_scan = static_cast<int>(body_->outputs.size()) - 1 - n_carried;
    if (static_cast<int>(body_->inputs.size()) != n_carried + 2 || n_scan < 0)
      return ctx.error("body takes " + std::to_string(body_->inputs.size()) + " inputs and " +
                       std::to_string(body_->outputs.size()) + " outputs for " +
                       std::to_string(n_carried) + " loop-carried values");
    if (ctx.num_outputs() != n_carried + n_scan)
      return ctx.error("node has " + std::to_string(ctx.num_outputs()) + " outputs, expected " +
                       std::to_string(n_carried + n_scan));
    if (!ctx.has_input(0) && !ctx.has_input(1))
      return ctx.not_implemented("a Loop with neither a trip count nor a condition never ends");
    if (ctx.has_input(0)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, {DType::kInt64}));
    if (ctx.has_input(1)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kBool}));
    std::vector<ValueType> in = {ValueType::tensor(DType::kInt64, {}),
                                 ValueType::tensor(DType::kBool, {})};
    for (int i = 0; i < n_carried; ++i) {
      if (!ctx.has_input(2 + i)) return ctx.input_error(2 + i, "loop-carried value is missing");
      in.push_back(ctx.input(2 + i).type_only());
    }
    ONYX_ASSIGN_OR_RETURN(std::vector<ValueType> out, infer_subgraph(ctx, *body_, in));
    for (int i = 0; i < n_carried; ++i) {
      // An optional loop-carried value may be produced by the body as the type it wraps
      // (test_loop16_seq_none): the Loop's output then has the body's (unwrapped) type, and run()
      // feeds the body's value back wrapped in an optional.
      ValueType carried_in = in[2 + i];
      if (carried_in.kind == ValueKind::kOptional && out[1 + i].kind == carried_in.optional_of)
        carried_in.kind = carried_in.optional_of;
      ONYX_ASSIGN_OR_RETURN(
          ValueType merged,
          merge_value_types(ctx, carried_in, out[1 + i],
                            "loop-carried value " + std::to_string(i) + " changes type"));
      // A shape that changes in the first iteration may change again: unknown rank then.
      if (merged.has_shape != out[1 + i].has_shape || merged.dims != out[1 + i].dims) {
        merged.has_shape = false;
        merged.dims.clear();
      }
      ctx.output(i) = merged;
    }
    for (int k = 0; k < n_scan; ++k) {
      ValueType s = out[1 + n_carried + k].type_only();
      if (!s.is_tensor()) return ctx.error("scan output " + std::to_string(k) + " is not a tensor");
      if (s.has_shape) s.dims.insert(s.dims.begin(), kUnknownDim);
      ctx.output(n_carried + k) = s;
    }
    return Status::ok();
  }
  Status prepare(PrepareContext& ctx) override {
    const int n_carried = ctx.num_inputs() - 2;
    scan_elem_.clear();
    unwrap_.clear();
    for (int i = 0; i < n_carried; ++i)
      unwrap_.push_back(ctx.input(2 + i).kind == ValueKind::kOptional &&
                        ctx.output(i).kind != ValueKind::kOptional);
    for (int k = n_carried; k < ctx.num_outputs(); ++k) {
      const ValueType& t = ctx.output(k);
      ScanElem e;
      e.dtype = t.dtype;
      if (t.has_shape) e.shape.assign(t.dims.begin() + 1, t.dims.end());
      for (int64_t& d : e.shape) d = std::max<int64_t>(d, 0);
      scan_elem_.push_back(e);
    }
    return Status::ok();
  }
  Status run(RunContext& ctx) const override {
    const int n_carried = ctx.num_inputs() - 2;
    const int n_scan = ctx.num_outputs() - n_carried;
    const int64_t max_trips =
        ctx.has_input(0) ? scalar_int(ctx.input(0)) : std::numeric_limits<int64_t>::max();
    bool cond = ctx.has_input(1) ? scalar_bool(ctx.input(1)) : true;
    std::vector<Value> carried;
    for (int i = 0; i < n_carried; ++i) {
      const Value& v = ctx.input_value(2 + i);
      carried.push_back(v.is_tensor() ? Value(v.tensor().clone()) : v);
    }
    std::vector<std::vector<Tensor>> scans(static_cast<size_t>(n_scan));
    for (int64_t it = 0; it < max_trips && cond; ++it) {
      std::vector<Value> feeds = {Value(Tensor::scalar<int64_t>(it)),
                                  Value(Tensor::scalar<bool>(cond))};
      for (int i = 0; i < n_carried; ++i)
        feeds.push_back(carried_feed(ctx, i, std::move(carried[i])));
      ONYX_ASSIGN_OR_RETURN(std::vector<Value> outs, run_subgraph(ctx, *body_, feeds));
      if (!outs[0].is_tensor() || outs[0].tensor().numel() != 1)
        return ctx.error("body's condition output must be a one-element bool tensor");
      if (ctx.has_input(1)) cond = scalar_bool(outs[0].tensor());
      for (int i = 0; i < n_carried; ++i) carried[i] = std::move(outs[static_cast<size_t>(1 + i)]);
      for (int k = 0; k < n_scan; ++k) {
        const Value& s = outs[static_cast<size_t>(1 + n_carried + k)];
        if (!s.is_tensor())
          return ctx.error("scan output " + std::to_string(k) + " is not a tensor");
        scans[static_cast<size_t>(k)].push_back(s.tensor());
      }
    }
    for (int i = 0; i < n_carried; ++i) {
      if (!ctx.has_output(i)) continue;
      Value& v = carried[static_cast<size_t>(i)];
      if (unwrap_[static_cast<size_t>(i)] && v.kind() == ValueKind::kOptional) {
        // The body unwraps this optional (see infer()); with zero iterations the initial value
        // is returned unwrapped.
        if (!v.has_value())
          return ctx.error("loop-carried value " + std::to_string(i) +
                           ": no iteration ran, and the initial empty optional has no value of "
                           "the type the body gives it");
        v = v.contained();
      }
      ctx.output_value(i) = std::move(v);
    }
    for (int k = 0; k < n_scan; ++k) {
      if (!ctx.has_output(n_carried + k)) continue;
      const ScanElem& e = scan_elem_[static_cast<size_t>(k)];
      const std::vector<Tensor>& items = scans[static_cast<size_t>(k)];
      ONYX_ASSIGN_OR_RETURN(
          Tensor stacked,
          stack_along_axis(ctx, items, 0, items.empty() ? e.dtype : items[0].dtype(), e.shape));
      ctx.output_value(n_carried + k) = Value(std::move(stacked));
    }
    return Status::ok();
  }
  bool accepts_values() const override { return true; }

 private:
  // The value fed to the body for loop-carried input i: wrapped in an optional when the Loop's
  // initial value is one and the body returned the type it wraps.
  static Value carried_feed(const RunContext& ctx, int i, Value v) {
    const Value& initial = ctx.input_value(2 + i);
    if (initial.kind() == ValueKind::kOptional && v.kind() == initial.optional_kind())
      return Value::optional(v);
    return v;
  }
  struct ScanElem {
    DType dtype = DType::kUndefined;
    Shape shape;
  };
  const ir::Graph* body_ = nullptr;
  std::vector<ScanElem> scan_elem_;  // set by prepare(): element type/shape per scan output
  std::vector<bool> unwrap_;         // set by prepare(): carried optional the body gives unwrapped
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Loop, LoopOp)
