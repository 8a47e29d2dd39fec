// ConvPlan: algorithm choice, weight packing, scratch sizing and the three execution paths.
#include <algorithm>
#include <atomic>

#include "kernels/conv.h"
#include "kernels/conv_depthwise.h"
#include "kernels/conv_geometry.h"
#include "kernels/gemm_internal.h"
#include "kernels/winograd.h"

namespace onyx::kernels {
namespace {

using detail::round_up;

GemmEpilogue make_epilogue(const float* row_bias, const ConvActivation& act) {
  GemmEpilogue ep;
  ep.row_bias = row_bias;
  ep.activation = act.activation;
  ep.clip_min = act.clip_min;
  ep.clip_max = act.clip_max;
  return ep;
}

// y[i] = act(y[i] + r[i]) (r nullable: no add) over [begin, end); the activation is a template
// parameter so that the loop is branch-free and vectorizes. Relu / Clip by compare + select as the
// standalone ops compute them (NaN stays NaN).
template <Activation kAct>
void activate_range(float* y, const float* r, int64_t begin, int64_t end, float lo, float hi) {
  for (int64_t i = begin; i < end; ++i) {
    float v = r ? y[i] + r[i] : y[i];
    if constexpr (kAct == Activation::kRelu) v = v < 0.0f ? 0.0f : v;
    if constexpr (kAct == Activation::kClip) {
      v = v < lo ? lo : v;
      v = v > hi ? hi : v;
    }
    y[i] = v;
  }
}

void activate_range(float* y, const float* r, int64_t begin, int64_t end,
                    const ConvActivation& act) {
  switch (act.activation) {
    case Activation::kNone:
      return activate_range<Activation::kNone>(y, r, begin, end, 0.0f, 0.0f);
    case Activation::kRelu:
      return activate_range<Activation::kRelu>(y, r, begin, end, 0.0f, 0.0f);
    case Activation::kClip:
      return activate_range<Activation::kClip>(y, r, begin, end, act.clip_min, act.clip_max);
  }
}

// B-panel floats one im2col slot needs.
int64_t im2col_slot_floats(int64_t k, int64_t n_chunk, int nr) {
  return round_up(packed_floats(n_chunk, k, nr), 16);
}

}  // namespace

ConvPlan ConvPlan::create(const ConvShape& shape, int threads, bool allow_winograd) {
  ConvPlan p;
  p.s_ = shape;
  p.threads_ = std::max(threads, 1);
  const detail::Geometry3 g = detail::to_geometry3(shape);
  const int64_t cg = shape.in_channels / shape.groups;
  p.m_ = shape.out_channels / shape.groups;
  p.k_ = cg * g.kernel_size();
  p.pixels_ = g.out_plane();

  bool unit_kernel = true;
  for (int d = 0; d < shape.spatial_rank; ++d)
    unit_kernel = unit_kernel && shape.kernel[d] == 1 && shape.stride[d] == 1 &&
                  shape.pad_begin[d] == 0 && shape.out[d] == shape.in[d];
  if (shape.spatial_rank == 2 && shape.groups > 1 && cg == 1 && p.m_ == 1)
    p.algorithm_ = Algorithm::kDepthwise;
  else if (unit_kernel)
    p.algorithm_ = Algorithm::kPointwise;
  else if (allow_winograd && winograd_suitable(shape))
    p.algorithm_ = Algorithm::kWinograd;
  else
    p.algorithm_ = Algorithm::kIm2col;

  if (p.algorithm_ == Algorithm::kWinograd) p.winograd_tiles_ = winograd_tiles_per_block(shape);
  if (p.algorithm_ == Algorithm::kIm2col) {
    // Output pixels per task: the K x n_chunk B block stays around 512 KiB (L2-sized) but at least
    // 64 pixels; M is split when there are too few (image, group, pixel chunk) tasks.
    const int nr = gemm_tile().nr, mr = gemm_tile().mr;
    Im2colTiling& t = p.tiling_;
    t.n_chunk = round_up(std::clamp<int64_t>(131072 / std::max<int64_t>(p.k_, 1), 64, 512), nr);
    t.n_chunk = std::min(t.n_chunk, round_up(std::max<int64_t>(p.pixels_, 1), nr));
    t.n_chunks = (p.pixels_ + t.n_chunk - 1) / t.n_chunk;
    const int64_t base_tasks = shape.batch * shape.groups * t.n_chunks;
    const int64_t want = 4 * p.threads_;
    t.m_chunks = 1;
    if (base_tasks < want) t.m_chunks = std::min((want + base_tasks - 1) / base_tasks, p.m_ / 32);
    t.m_chunks = std::max<int64_t>(t.m_chunks, 1);
    t.m_chunk = round_up((p.m_ + t.m_chunks - 1) / t.m_chunks, mr);
    t.m_chunks = (p.m_ + t.m_chunk - 1) / t.m_chunk;
  }
  return p;
}

void ConvPlan::pack_weights(const float* weights) {
  if (algorithm_ == Algorithm::kDepthwise) return;  // used as is
  if (algorithm_ == Algorithm::kWinograd) {
    winograd_weights_.resize(static_cast<size_t>(packed_weight_floats()));
    winograd_transform_weights(weights, s_.out_channels, s_.in_channels, winograd_weights_.data());
    return;
  }
  packed_.clear();
  for (int64_t g = 0; g < s_.groups; ++g)
    packed_.push_back(PackedMatrix::pack_a(m_, k_, weights + g * m_ * k_, k_, false));
}

const char* ConvPlan::algorithm_name() const {
  switch (algorithm_) {
    case Algorithm::kDepthwise:
      return "depthwise";
    case Algorithm::kPointwise:
      return "pointwise";
    case Algorithm::kIm2col:
      return "im2col";
    case Algorithm::kWinograd:
      return "winograd";
  }
  return "?";
}

int64_t ConvPlan::packed_weight_floats() const {
  if (algorithm_ == Algorithm::kWinograd)
    return round_up(winograd_weight_floats(s_.out_channels, s_.in_channels), 16);
  return round_up(packed_floats(m_, k_, gemm_tile().mr), 16) * s_.groups;
}

size_t ConvPlan::scratch_bytes() const {
  int64_t floats = 0;
  if (algorithm_ == Algorithm::kDepthwise) return 0;
  if (!prepacked()) floats += packed_weight_floats();
  if (algorithm_ == Algorithm::kWinograd) {
    floats += winograd_scratch_floats(s_, winograd_tiles_, threads_);
    return static_cast<size_t>(floats) * sizeof(float);
  }
  if (algorithm_ == Algorithm::kPointwise) {
    const size_t ws = gemm_workspace_bytes(m_, pixels_, k_, true, false, threads_);
    return static_cast<size_t>(floats) * sizeof(float) + ws;
  }
  floats += im2col_slot_floats(k_, tiling_.n_chunk, gemm_tile().nr) * threads_;
  return static_cast<size_t>(floats) * sizeof(float);
}

void ConvPlan::run(const float* x, const float* weights, const float* bias, float* y,
                   const ConvActivation& act, ThreadPool* pool, void* scratch) const {
  if (s_.batch == 0 || s_.out_channels == 0 || pixels_ == 0) return;
  if (algorithm_ == Algorithm::kDepthwise) {
    run_depthwise(x, weights, bias, y, act, pool);
    return;
  }
  float* ws = static_cast<float*>(scratch);
  if (algorithm_ == Algorithm::kWinograd) {
    const float* packed = winograd_weights_.data();
    if (!prepacked()) {
      winograd_transform_weights(weights, s_.out_channels, s_.in_channels, ws);
      packed = ws;
      ws += packed_weight_floats();
    }
    winograd_run(s_, winograd_tiles_, packed, x, bias, y, act, pool, threads_, ws);
    return;
  }
  // Weights: pre-packed, or packed now into the front of scratch.
  const float* packed_now = nullptr;
  if (packed_.empty()) {
    const int mr = gemm_tile().mr;
    const int64_t per_group = round_up(packed_floats(m_, k_, mr), 16);
    for (int64_t g = 0; g < s_.groups; ++g)
      pack_a_panels(m_, k_, weights + g * m_ * k_, k_, false, mr, ws + g * per_group);
    packed_now = ws;
    ws += per_group * s_.groups;
  }
  if (algorithm_ == Algorithm::kPointwise)
    run_pointwise(x, packed_now, bias, y, act, pool, ws);
  else
    run_im2col(x, packed_now, bias, y, act, pool, ws);
}

PackedPanels ConvPlan::weight_panels(int64_t group, const float* packed_now) const {
  if (!packed_.empty()) return packed_[static_cast<size_t>(group)].view();
  const int mr = gemm_tile().mr;
  return PackedPanels{packed_now + group * round_up(packed_floats(m_, k_, mr), 16), m_, k_, mr};
}

void ConvPlan::run_pointwise(const float* x, const float* packed_now, const float* bias, float* y,
                             const ConvActivation& act, ThreadPool* pool, float* scratch) const {
  const int64_t cg = s_.in_channels / s_.groups;
  for (int64_t n = 0; n < s_.batch; ++n)
    for (int64_t g = 0; g < s_.groups; ++g) {
      const float* xg = x + (n * s_.in_channels + g * cg) * pixels_;
      float* yg = y + (n * s_.out_channels + g * m_) * pixels_;
      const PackedPanels w = weight_panels(g, packed_now);
      gemm(m_, pixels_, k_, 1.0f, GemmOperand::panels(w), GemmOperand::matrix(xg, pixels_), 0.0f,
           yg, pixels_, make_epilogue(bias ? bias + g * m_ : nullptr, act), pool, scratch);
    }
}

void ConvPlan::run_im2col(const float* x, const float* packed_now, const float* bias, float* y,
                          const ConvActivation& act, ThreadPool* pool, float* scratch) const {
  const int nr = gemm_tile().nr;
  const Im2colTiling& t = tiling_;
  const int64_t cg = s_.in_channels / s_.groups;
  const int64_t in_plane = detail::to_geometry3(s_).in_plane();
  const int64_t slot_floats = im2col_slot_floats(k_, t.n_chunk, nr);
  // Task order: m chunk fastest, so consecutive tasks on one slot reuse the packed B block.
  const int64_t tasks = s_.batch * s_.groups * t.n_chunks * t.m_chunks;
  const int slots = static_cast<int>(
      std::min<int64_t>(pool ? std::min(pool->num_threads(), threads_) : 1, tasks));
  std::atomic<int64_t> next_task{0};
  auto worker = [&](int64_t slot_begin, int64_t slot_end) {
    for (int64_t slot = slot_begin; slot < slot_end; ++slot) {
      float* panels = scratch + slot * slot_floats;
      int64_t packed_block = -1;  // (image, group, pixel chunk) currently in `panels`
      for (;;) {
        const int64_t task = next_task.fetch_add(1, std::memory_order_relaxed);
        if (task >= tasks) break;
        const int64_t mi = task % t.m_chunks, block = task / t.m_chunks;
        const int64_t ci = block % t.n_chunks, ng = block / t.n_chunks;
        const int64_t n = ng / s_.groups, g = ng % s_.groups;
        const int64_t p0 = ci * t.n_chunk, np = std::min(t.n_chunk, pixels_ - p0);
        if (block != packed_block) {
          im2col_pack_panels(s_, x + (n * s_.in_channels + g * cg) * in_plane, cg, p0, np, nr,
                             panels);
          packed_block = block;
        }
        const int64_t m0 = mi * t.m_chunk, mb = std::min(t.m_chunk, m_ - m0);
        const PackedPanels w = weight_panels(g, packed_now);
        const PackedPanels a_view{w.data + m0 * k_, mb, k_, w.panel};
        const PackedPanels b_view{panels, np, k_, nr};
        float* yc = y + (n * s_.out_channels + g * m_ + m0) * pixels_ + p0;
        gemm(mb, np, k_, 1.0f, GemmOperand::panels(a_view), GemmOperand::panels(b_view), 0.0f, yc,
             pixels_, make_epilogue(bias ? bias + g * m_ + m0 : nullptr, act), nullptr, nullptr);
      }
    }
  };
  if (slots > 1)
    pool->parallel_for(slots, 1, worker);
  else
    worker(0, 1);
}

void ConvPlan::run_depthwise(const float* x, const float* w, const float* bias, float* y,
                             const ConvActivation& act, ThreadPool* pool) const {
  depthwise_conv2d(s_, x, w, bias, y, act, pool);
}

void conv_residual_epilogue(float* y, const float* residual, int64_t n, const ConvActivation& act,
                            ThreadPool* pool) {
  auto chunk = [&](int64_t begin, int64_t end) { activate_range(y, residual, begin, end, act); };
  constexpr int64_t kGrain = 1 << 14;
  if (pool && n > kGrain)
    pool->parallel_for(n, kGrain, chunk);
  else
    chunk(0, n);
}

}  // namespace onyx::kernels
