#include "ops/common/rnn_common.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "ops/common/broadcast.h"
#include "ops/common/float_compute.h"

namespace onyx::ops {
namespace {

using kernels::RnnActivation;
using kernels::RnnActivationKind;

struct ActivationSpec {
  const char* name;  // lower case
  RnnActivationKind kind;
  bool takes_alpha, takes_beta;
  float alpha, beta;  // defaults of the matching ONNX operators
};

constexpr ActivationSpec kActivationSpecs[] = {
    {"relu", RnnActivationKind::kRelu, false, false, 0.0f, 0.0f},
    {"tanh", RnnActivationKind::kTanh, false, false, 0.0f, 0.0f},
    {"sigmoid", RnnActivationKind::kSigmoid, false, false, 0.0f, 0.0f},
    {"affine", RnnActivationKind::kAffine, true, true, 1.0f, 0.0f},
    {"leakyrelu", RnnActivationKind::kLeakyRelu, true, false, 0.01f, 0.0f},
    {"thresholdedrelu", RnnActivationKind::kThresholdedRelu, true, false, 1.0f, 0.0f},
    {"scaledtanh", RnnActivationKind::kScaledTanh, true, true, 1.0f, 1.0f},
    {"hardsigmoid", RnnActivationKind::kHardSigmoid, true, true, 0.2f, 0.5f},
    {"elu", RnnActivationKind::kElu, true, false, 1.0f, 0.0f},
    {"softsign", RnnActivationKind::kSoftsign, false, false, 0.0f, 0.0f},
    {"softplus", RnnActivationKind::kSoftplus, false, false, 0.0f, 0.0f},
};

std::string lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

// Requires `v` (when its shape is known) to have rank `want.size()` and the known dims of `want`
// (kUnknownDim entries are not checked).
Status expect_dims(InferContext& ctx, int i, const Shape& want, const char* layout) {
  if (!ctx.has_input(i) || !ctx.input(i).has_shape) return Status::ok();
  const ValueType& v = ctx.input(i);
  bool ok = v.rank() == static_cast<int>(want.size());
  for (size_t k = 0; ok && k < want.size(); ++k)
    ok = !dim_known(want[k]) || !dim_known(v.dims[k]) || want[k] == v.dims[k];
  if (!ok)
    return ctx.input_error(i, "shape " + dims_to_string(v.dims) + " does not match " +
                                  dims_to_string(want) + " " + layout);
  return Status::ok();
}

int64_t known_or(int64_t d, int64_t other) {
  return dim_known(d) ? d : other;
}

}  // namespace

Status RecurrentOp::init(const InitContext& ctx) {
  const ir::Node& node = ctx.node();
  const std::string direction = node.attr_string("direction", "forward");
  if (direction == "forward")
    direction_ = Direction::kForward;
  else if (direction == "reverse")
    direction_ = Direction::kReverse;
  else if (direction == "bidirectional")
    direction_ = Direction::kBidirectional;
  else
    return ctx.error("direction must be forward, reverse or bidirectional, got \"" + direction +
                     "\"");
  hidden_size_ = node.attr_int("hidden_size", -1);
  if (node.has_attr("hidden_size") && hidden_size_ <= 0)
    return ctx.error("hidden_size must be positive, got " + std::to_string(hidden_size_));
  layout_ = ctx.opset() >= 14 ? node.attr_int("layout", 0) : 0;  // layout: opset 14
  if (layout_ != 0 && layout_ != 1)
    return ctx.error("layout must be 0 or 1, got " + std::to_string(layout_));
  clip_ = node.attr_float("clip", 0.0f);
  if (node.has_attr("clip") && !(clip_ > 0.0f))
    return ctx.error("clip must be positive, got " + std::to_string(clip_));
  linear_before_reset_ = node.attr_int("linear_before_reset", 0) != 0;
  input_forget_ = node.attr_int("input_forget", 0) != 0;

  const int per_dir = activations_per_direction();
  std::vector<std::string> names = node.attr_strings("activations");
  if (names.empty()) {
    static const char* kDefaults[] = {"sigmoid", "tanh", "tanh"};
    for (int d = 0; d < directions(); ++d)
      for (int k = 0; k < per_dir; ++k) names.push_back(per_dir == 1 ? "tanh" : kDefaults[k]);
  }
  if (static_cast<int>(names.size()) == per_dir && directions() == 2)
    names.insert(names.end(), names.begin(), names.end());  // one list serves both directions
  if (static_cast<int>(names.size()) != per_dir * directions())
    return ctx.error("activations lists " + std::to_string(names.size()) + " functions, expected " +
                     std::to_string(per_dir * directions()) + " (" + std::to_string(per_dir) +
                     " per direction)");
  const std::vector<float> alphas = node.attr_floats("activation_alpha");
  const std::vector<float> betas = node.attr_floats("activation_beta");
  size_t next_alpha = 0, next_beta = 0;
  activations_.clear();
  for (const std::string& name : names) {
    const std::string key = lower(name);
    const ActivationSpec* spec = nullptr;
    for (const ActivationSpec& s : kActivationSpecs)
      if (key == s.name) spec = &s;
    if (spec == nullptr) return ctx.not_implemented("activation function \"" + name + "\"");
    RnnActivation a{spec->kind, spec->alpha, spec->beta};
    if (spec->takes_alpha && next_alpha < alphas.size()) a.alpha = alphas[next_alpha++];
    if (spec->takes_beta && next_beta < betas.size()) a.beta = betas[next_beta++];
    activations_.push_back(a);
  }
  return Status::ok();
}

Status RecurrentOp::infer(InferContext& ctx) const {
  ONYX_RETURN_IF_ERROR(ctx.expect_inputs(3, num_inputs_max()));
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    if (!ctx.has_input(i)) continue;
    if (i == 4)
      ONYX_RETURN_IF_ERROR(ctx.expect_dtype(i, {DType::kInt32}));
    else
      ONYX_RETURN_IF_ERROR(ctx.expect_dtype(i, {ctx.input(0).dtype}));
  }
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
  const ValueType& x = ctx.input(0);
  const ValueType& r = ctx.input(2);
  for (int i = 0; i < 3; ++i)
    if (ctx.input(i).has_shape && ctx.input(i).rank() != 3)
      return ctx.input_error(i, "must have rank 3");
  const int64_t G = kernels::rnn_gates(cell_);
  const int64_t D = directions();
  int64_t hidden = hidden_size_;
  if (hidden < 0 && r.has_shape) hidden = r.dims[2];
  int64_t seq = kUnknownDim, batch = kUnknownDim, input = kUnknownDim;
  if (x.has_shape) {
    seq = x.dims[layout_ == 0 ? 0 : 1];
    batch = x.dims[layout_ == 0 ? 1 : 0];
    input = x.dims[2];
  }
  const int64_t gh = dim_known(hidden) ? G * hidden : kUnknownDim;
  const int64_t h = dim_known(hidden) ? hidden : kUnknownDim;
  const char* by_layout = layout_ == 0 ? "(layout 0)" : "(layout 1)";
  ONYX_RETURN_IF_ERROR(
      expect_dims(ctx, 1, {D, gh, input}, "[num_directions, gates*hidden, input]"));
  ONYX_RETURN_IF_ERROR(expect_dims(ctx, 2, {D, gh, h}, "[num_directions, gates*hidden, hidden]"));
  ONYX_RETURN_IF_ERROR(expect_dims(ctx, 3, {D, dim_known(gh) ? 2 * gh : kUnknownDim},
                                   "[num_directions, 2*gates*hidden]"));
  ONYX_RETURN_IF_ERROR(expect_dims(ctx, 4, {batch}, "[batch]"));
  const Shape state = layout_ == 0 ? Shape{D, batch, h} : Shape{batch, D, h};
  ONYX_RETURN_IF_ERROR(expect_dims(ctx, 5, state, by_layout));
  if (cell_ == kernels::RnnCell::kLstm) {
    ONYX_RETURN_IF_ERROR(expect_dims(ctx, 6, state, by_layout));
    ONYX_RETURN_IF_ERROR(
        expect_dims(ctx, 7, {D, dim_known(h) ? 3 * h : kUnknownDim}, "[num_directions, 3*hidden]"));
  }
  if (ctx.has_input(5) && ctx.input(5).has_shape) {
    batch = known_or(batch, ctx.input(5).dims[layout_ == 0 ? 1 : 0]);
    if (!dim_known(h)) hidden = ctx.input(5).dims[2];
  }
  const int64_t hd = dim_known(hidden) ? hidden : kUnknownDim;
  const DType t = x.dtype;
  if (ctx.num_outputs() > 0)
    ctx.output(0) =
        ValueType::tensor(t, layout_ == 0 ? Shape{seq, D, batch, hd} : Shape{batch, seq, D, hd});
  const Shape out_state = layout_ == 0 ? Shape{D, batch, hd} : Shape{batch, D, hd};
  for (int i = 1; i < ctx.num_outputs(); ++i) ctx.output(i) = ValueType::tensor(t, out_state);
  return Status::ok();
}

Status RecurrentOp::prepare(PrepareContext& ctx) {
  const Shape& x = ctx.input(0).dims;
  seq_ = x[layout_ == 0 ? 0 : 1];
  batch_ = x[layout_ == 0 ? 1 : 0];
  input_ = x[2];
  hidden_ = ctx.input(2).dims[2];
  if (hidden_size_ >= 0 && hidden_ != hidden_size_)
    return ctx.error("hidden_size " + std::to_string(hidden_size_) + " differs from R's last dim " +
                     std::to_string(hidden_));
  pack_weights(ctx);
  const size_t elem = dtype_size(compute_dtype(ctx.input(0).dtype));
  const int64_t ws = kernels::rnn_workspace_elems(cell_, seq_, batch_, hidden_);
  ctx.request_scratch(compute_copy_bytes(ctx) + align64(static_cast<size_t>(ws) * elem));
  return Status::ok();
}

void RecurrentOp::pack_weights(const PrepareContext& ctx) {
  w_packed_.clear();
  r_packed_.clear();
  rh_packed_.clear();
  const ValueType& w = ctx.input(1);
  const ValueType& r = ctx.input(2);
  const int64_t G = kernels::rnn_gates(cell_), H = hidden_;
  const bool gru = cell_ == kernels::RnnCell::kGru;
  if (w.dtype == DType::kFloat32 && w.is_constant() && input_ > 0 && H > 0) {
    for (int64_t d = 0; d < directions(); ++d)
      w_packed_.push_back(kernels::PackedMatrix::pack_b(
          input_, G * H, w.value.data<float>() + d * G * H * input_, input_, true));
  }
  if (r.dtype == DType::kFloat32 && r.is_constant() && H > 0) {
    for (int64_t d = 0; d < directions(); ++d) {
      const float* rd = r.value.data<float>() + d * G * H * H;
      r_packed_.push_back(kernels::PackedMatrix::pack_b(H, (gru ? 2 : G) * H, rd, H, true));
      if (gru) rh_packed_.push_back(kernels::PackedMatrix::pack_b(H, H, rd + 2 * H * H, H, true));
    }
  }
}

Status RecurrentOp::run(RunContext& ctx) const {
  const int32_t* seq_lens = nullptr;
  if (ctx.has_input(4)) {
    seq_lens = ctx.input(4).data<int32_t>();
    for (int64_t b = 0; b < batch_; ++b)
      if (seq_lens[b] < 0 || seq_lens[b] > seq_)
        return ctx.error("sequence_lens[" + std::to_string(b) +
                         "] = " + std::to_string(seq_lens[b]) + " is outside [0, " +
                         std::to_string(seq_) + "]");
  }
  return run_in_compute_type(ctx, [&](auto& t) -> Status {
    using C = typename std::remove_reference_t<decltype(t)>::Compute;
    const int64_t G = kernels::rnn_gates(cell_), H = hidden_, D = directions();
    kernels::RnnProblem<C> pr;
    pr.cell = cell_;
    pr.seq = seq_;
    pr.batch = batch_;
    pr.input = input_;
    pr.hidden = H;
    pr.x = t.in[0];
    pr.x_t_rows = layout_ == 0 ? batch_ : 1;
    pr.x_b_rows = layout_ == 0 ? 1 : seq_;
    pr.seq_lens = seq_lens;
    pr.clip = clip_;
    pr.linear_before_reset = linear_before_reset_;
    pr.input_forget = input_forget_;
    auto in = [&](int i) { return t.in[static_cast<size_t>(i)]; };
    auto out = [&](int i) { return t.out[static_cast<size_t>(i)]; };
    const int per_dir = activations_per_direction();
    for (int64_t d = 0; d < D; ++d) {
      kernels::RnnDirection<C> dir;
      dir.w = in(1) + d * G * H * input_;
      dir.r = in(2) + d * G * H * H;
      if (in(3) != nullptr) {
        dir.wb = in(3) + d * 2 * G * H;
        dir.rb = dir.wb + G * H;
      }
      if (in(7) != nullptr) dir.p = in(7) + d * 3 * H;
      // State rows: layout 0 [D, batch, H], layout 1 [batch, D, H].
      const int64_t state_offset = layout_ == 0 ? d * batch_ * H : d * H;
      const int64_t state_stride = layout_ == 0 ? H : D * H;
      if (in(5) != nullptr) dir.h0 = in(5) + state_offset;
      if (in(6) != nullptr) dir.c0 = in(6) + state_offset;
      dir.state_in_stride = state_stride;
      if (C* y = out(0)) {
        // Y: layout 0 [seq, D, batch, H], layout 1 [batch, seq, D, H].
        dir.y = y + (layout_ == 0 ? d * batch_ * H : d * H);
        dir.y_t_stride = layout_ == 0 ? D * batch_ * H : D * H;
        dir.y_b_stride = layout_ == 0 ? H : seq_ * D * H;
      }
      if (C* yh = out(1)) dir.y_h = yh + state_offset;
      if (C* yc = out(2)) dir.y_c = yc + state_offset;
      dir.state_out_stride = state_stride;
      dir.reverse = direction_ == Direction::kReverse || d == 1;
      const auto* act = activations_.data() + d * per_dir;
      dir.f = act[0];
      if (per_dir > 1) dir.g = act[1];
      if (per_dir > 2) dir.h = act[2];
      const auto du = static_cast<size_t>(d);
      if (du < w_packed_.size()) dir.w_packed = &w_packed_[du].view();
      if (du < r_packed_.size()) dir.r_packed = &r_packed_[du].view();
      if (du < rh_packed_.size()) dir.rh_packed = &rh_packed_[du].view();
      kernels::rnn_run_direction(pr, dir, static_cast<C*>(t.extra), ctx.pool());
    }
    return Status::ok();
  });
}

}  // namespace onyx::ops
