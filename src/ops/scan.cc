// Scan: runs `body` once per slice of its scan inputs, threading state values through.
//   opset 9+: inputs (state..., scan_inputs...) with num_scan_inputs scan inputs sliced along
//     scan_input_axes (default 0) in scan_input_directions (0 forward, 1 reverse); body
//     (state..., slices...) -> (state..., scan elements...); outputs (final state..., scan
//     outputs...) stacking the elements along scan_output_axes (default 0), reversed where
//     scan_output_directions is 1.
//   opset 8: a leading optional sequence_lens input and a batch axis 0 on every input and output;
//     the scan axis is 1 and `directions` gives the input directions. Each batch entry is scanned
//     separately. sequence_lens shorter than the scan length are not supported.
#include <algorithm>

#include "ops/common/subgraph_common.h"

namespace onyx::ops {
namespace {

class ScanOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::All>();

  Status init(const InitContext& ctx) override {
    const ir::Node& n = ctx.node();
    body_ = graph_attr(n, "body");
    if (!body_) return ctx.error("attribute 'body' is required");
    if (!n.has_attr("num_scan_inputs")) return ctx.error("attribute 'num_scan_inputs' is required");
    num_scan_inputs_ = n.attr_int("num_scan_inputs", 0);
    batched_ = ctx.opset() < 9;
    in_dirs_ = n.attr_ints(batched_ ? "directions" : "scan_input_directions");
    in_axes_ = n.attr_ints("scan_input_axes");
    out_axes_ = n.attr_ints("scan_output_axes");
    out_dirs_ = n.attr_ints("scan_output_directions");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    const int first = batched_ ? 1 : 0;  // opset 8: input 0 is sequence_lens
    const int n_in = ctx.num_inputs() - first;
    const int m = static_cast<int>(num_scan_inputs_);
    const int n_state = n_in - m;
    const int n_scan_out = static_cast<int>(body_->outputs.size()) - n_state;
    if (m < 1 || n_state < 0 || n_scan_out < 0 ||
        static_cast<int>(body_->inputs.size()) != n_state + m ||
        ctx.num_outputs() != n_state + n_scan_out)
      return ctx.error("num_scan_inputs, the node's inputs/outputs and the body's do not agree");
    for (int i = first; i < ctx.num_inputs(); ++i) {
      ONYX_RETURN_IF_ERROR(ctx.expect_kind(i, ValueKind::kTensor));
    }
    std::vector<ValueType> body_in;
    for (int i = 0; i < n_state; ++i) {
      ValueType t = ctx.input(first + i).type_only();
      if (batched_ && t.has_shape) t.dims.erase(t.dims.begin());
      body_in.push_back(t);
    }
    for (int j = 0; j < m; ++j) {
      ValueType t = ctx.input(first + n_state + j).type_only();
      if (t.has_shape) {
        if (batched_) t.dims.erase(t.dims.begin());
        auto axis = normalize_axis(in_axis(j), t.rank());
        if (!axis) return ctx.input_error(first + n_state + j, "scan axis is out of range");
        t.dims.erase(t.dims.begin() + *axis);
      }
      body_in.push_back(t);
    }
    ONYX_ASSIGN_OR_RETURN(std::vector<ValueType> out, infer_subgraph(ctx, *body_, body_in));
    for (int i = 0; i < n_state; ++i) {
      ValueType t = out[static_cast<size_t>(i)].type_only();
      if (batched_ && t.has_shape) t.dims.insert(t.dims.begin(), kUnknownDim);
      ctx.output(i) = t;
    }
    for (int k = 0; k < n_scan_out; ++k) {
      ValueType t = out[static_cast<size_t>(n_state + k)].type_only();
      if (t.has_shape) {
        auto axis = normalize_axis(out_axis(k), t.rank() + 1);
        if (!axis) return ctx.error("scan output axis is out of range");
        t.dims.insert(t.dims.begin() + *axis, kUnknownDim);
        if (batched_) t.dims.insert(t.dims.begin(), kUnknownDim);
      }
      ctx.output(n_state + k) = t;
    }
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const int first = batched_ ? 1 : 0;
    const int m = static_cast<int>(num_scan_inputs_);
    const int n_state = ctx.num_inputs() - first - m;
    std::vector<Tensor> state, scan_in;
    for (int i = 0; i < n_state; ++i) state.push_back(ctx.input(first + i));
    for (int j = 0; j < m; ++j) scan_in.push_back(ctx.input(first + n_state + j));
    if (!batched_) {
      ONYX_ASSIGN_OR_RETURN(std::vector<Tensor> outs, scan_once(ctx, state, scan_in));
      for (size_t k = 0; k < outs.size(); ++k)
        ctx.output_value(static_cast<int>(k)) = Value(std::move(outs[k]));
      return Status::ok();
    }
    // Opset 8: scan each batch entry, then stack the results along the batch axis.
    const int64_t batch = scan_in[0].rank() > 0 ? scan_in[0].dim(0) : 0;
    std::vector<std::vector<Tensor>> per_output(static_cast<size_t>(ctx.num_outputs()));
    for (int64_t b = 0; b < batch; ++b) {
      std::vector<Tensor> st, sc;
      for (const Tensor& t : state) st.push_back(slice_along_axis(t, 0, b));
      for (const Tensor& t : scan_in) sc.push_back(slice_along_axis(t, 0, b));
      if (ctx.has_input(0) && !sc.empty()) {
        auto axis = normalize_axis(in_axis(0), sc[0].rank());
        if (axis && scalar_int_at(ctx.input(0), b) != sc[0].dim(static_cast<int>(*axis)))
          return ctx.error("sequence_lens shorter than the scan length are not supported");
      }
      ONYX_ASSIGN_OR_RETURN(std::vector<Tensor> outs, scan_once(ctx, st, sc));
      for (size_t k = 0; k < outs.size(); ++k) per_output[k].push_back(std::move(outs[k]));
    }
    for (size_t k = 0; k < per_output.size(); ++k) {
      if (per_output[k].empty()) return ctx.error("an empty batch is not supported");
      ONYX_ASSIGN_OR_RETURN(Tensor stacked,
                            stack_along_axis(ctx, per_output[k], 0, per_output[k][0].dtype(), {}));
      ctx.output_value(static_cast<int>(k)) = Value(std::move(stacked));
    }
    return Status::ok();
  }
  bool accepts_values() const override { return true; }

 private:
  int64_t in_axis(int j) const {
    return static_cast<size_t>(j) < in_axes_.size() ? in_axes_[static_cast<size_t>(j)] : 0;
  }
  int64_t out_axis(int k) const {
    return static_cast<size_t>(k) < out_axes_.size() ? out_axes_[static_cast<size_t>(k)] : 0;
  }
  static bool dir_at(const std::vector<int64_t>& dirs, int i) {
    return static_cast<size_t>(i) < dirs.size() && dirs[static_cast<size_t>(i)] != 0;
  }
  static int64_t scalar_int_at(const Tensor& t, int64_t i) {
    return t.dtype() == DType::kInt32 ? int64_t{t.data<int32_t>()[i]} : t.data<int64_t>()[i];
  }

  // One unbatched scan: returns final states then stacked scan outputs.
  Result<std::vector<Tensor>> scan_once(RunContext& ctx, std::vector<Tensor> state,
                                        const std::vector<Tensor>& scan_in) const {
    const int m = static_cast<int>(scan_in.size());
    const int n_state = static_cast<int>(state.size());
    const int n_scan_out = static_cast<int>(body_->outputs.size()) - n_state;
    std::vector<int64_t> axes(static_cast<size_t>(m));
    int64_t len = -1;
    for (int j = 0; j < m; ++j) {
      auto axis = normalize_axis(in_axis(j), scan_in[static_cast<size_t>(j)].rank());
      if (!axis) return ctx.error("scan input axis is out of range");
      axes[static_cast<size_t>(j)] = *axis;
      const int64_t l = scan_in[static_cast<size_t>(j)].dim(static_cast<int>(*axis));
      if (len >= 0 && l != len)
        return ctx.error("scan inputs differ in length: " + std::to_string(len) + " vs " +
                         std::to_string(l));
      len = l;
    }
    for (Tensor& t : state) t = t.clone();  // may live in the arena
    std::vector<std::vector<Tensor>> elems(static_cast<size_t>(n_scan_out));
    for (int64_t it = 0; it < len; ++it) {
      std::vector<Value> feeds;
      for (Tensor& t : state) feeds.emplace_back(std::move(t));
      for (int j = 0; j < m; ++j) {
        const int64_t idx = dir_at(in_dirs_, j) ? len - 1 - it : it;
        feeds.emplace_back(
            slice_along_axis(scan_in[static_cast<size_t>(j)], axes[static_cast<size_t>(j)], idx));
      }
      ONYX_ASSIGN_OR_RETURN(std::vector<Value> outs, run_subgraph(ctx, *body_, feeds));
      for (const Value& v : outs)
        if (!v.is_tensor()) return ctx.error("Scan body outputs must be tensors");
      for (int i = 0; i < n_state; ++i) state[static_cast<size_t>(i)] = outs[i].tensor();
      for (int k = 0; k < n_scan_out; ++k)
        elems[static_cast<size_t>(k)].push_back(outs[static_cast<size_t>(n_state + k)].tensor());
    }
    std::vector<Tensor> results = std::move(state);
    for (int k = 0; k < n_scan_out; ++k) {
      std::vector<Tensor>& items = elems[static_cast<size_t>(k)];
      if (dir_at(out_dirs_, k)) std::reverse(items.begin(), items.end());
      if (items.empty()) return ctx.error("a scan of length 0 is not supported");
      const int64_t rank = items[0].rank() + 1;
      auto axis = normalize_axis(out_axis(k), rank);
      if (!axis) return ctx.error("scan output axis is out of range");
      ONYX_ASSIGN_OR_RETURN(Tensor stacked,
                            stack_along_axis(ctx, items, *axis, items[0].dtype(), {}));
      results.push_back(std::move(stacked));
    }
    return results;
  }

  const ir::Graph* body_ = nullptr;
  int64_t num_scan_inputs_ = 0;
  bool batched_ = false;
  std::vector<int64_t> in_dirs_, in_axes_, out_axes_, out_dirs_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Scan, ScanOp)
