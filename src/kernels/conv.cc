// ConvPlan: algorithm choice, weight packing, scratch sizing and the three execution paths.
#include <algorithm>
#include <atomic>

#include "kernels/conv.h"
#include "kernels/conv_depthwise.h"
#include "kernels/conv_geometry.h"
#include "kernels/conv_select.h"
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

// Task split over `images` (image, group) pairs of an M x pixels output with reduction K.
// Pixels per chunk: the K x n_chunk B block stays around 512 KiB (L2-sized) but at least 64
// pixels. Output channels are then split (chunks of >= 4 microkernel rows) until there are
// >= 4 tasks per thread, so small spatial outputs (7x7, 14x14) still feed every thread.
ConvPlan::Im2colTiling packed_b_tiling(int64_t images, int64_t m, int64_t k, int64_t pixels,
                                       int threads) {
  const int nr = gemm_tile().nr, mr = gemm_tile().mr;
  ConvPlan::Im2colTiling t;
  t.n_chunk = round_up(std::clamp<int64_t>(131072 / std::max<int64_t>(k, 1), 64, 512), nr);
  t.n_chunk = std::min(t.n_chunk, round_up(std::max<int64_t>(pixels, 1), nr));
  t.n_chunks = (pixels + t.n_chunk - 1) / t.n_chunk;
  const int64_t base_tasks = std::max<int64_t>(images * t.n_chunks, 1);
  const int64_t want = threads > 1 ? 4 * threads : 1;
  t.m_chunks = 1;
  if (base_tasks < want) t.m_chunks = std::min((want + base_tasks - 1) / base_tasks, m / (4 * mr));
  t.m_chunks = std::max<int64_t>(t.m_chunks, 1);
  t.m_chunk = round_up((m + t.m_chunks - 1) / t.m_chunks, mr);
  t.m_chunks = (m + t.m_chunk - 1) / t.m_chunk;
  return t;
}

// 1x1 kernel, no begin pads, every output pixel reads inside the input: B is x subsampled.
bool pointwise_shape(const ConvShape& s) {
  for (int d = 0; d < s.spatial_rank; ++d)
    if (s.kernel[d] != 1 || s.pad_begin[d] != 0 || (s.out[d] - 1) * s.stride[d] >= s.in[d])
      return false;
  return true;
}

// x is B as is (row kk = channel plane): 1x1, stride 1, output plane == input plane.
bool pointwise_contiguous(const ConvShape& s) {
  for (int d = 0; d < s.spatial_rank; ++d)
    if (s.kernel[d] != 1 || s.stride[d] != 1 || s.pad_begin[d] != 0 || s.out[d] != s.in[d])
      return false;
  return true;
}

}  // namespace

ConvPlan ConvPlan::create(const ConvShape& shape, int threads, bool allow_winograd) {
  const int64_t cg = shape.in_channels / shape.groups, m = shape.out_channels / shape.groups;
  Algorithm algorithm = Algorithm::kIm2col;
  if (shape.spatial_rank == 2 && shape.groups > 1 && cg == 1 && m == 1)
    algorithm = Algorithm::kDepthwise;
  else
    algorithm = select_conv_algorithm(shape, threads, allow_winograd);
  return create_forced(shape, threads, algorithm);
}

bool ConvPlan::applicable(const ConvShape& shape, Algorithm algorithm) {
  const int64_t cg = shape.in_channels / shape.groups, m = shape.out_channels / shape.groups;
  switch (algorithm) {
    case Algorithm::kDepthwise:
      return shape.spatial_rank == 2 && shape.groups > 1 && cg == 1 && m == 1;
    case Algorithm::kPointwise:
      return pointwise_shape(shape);
    case Algorithm::kWinograd:
      return winograd_suitable(shape);
    case Algorithm::kIm2col:
      return true;
  }
  return false;
}

ConvPlan ConvPlan::create_forced(const ConvShape& shape, int threads, Algorithm algorithm) {
  ConvPlan p;
  p.s_ = shape;
  p.threads_ = std::max(threads, 1);
  const detail::Geometry3 g = detail::to_geometry3(shape);
  const int64_t cg = shape.in_channels / shape.groups;
  p.m_ = shape.out_channels / shape.groups;
  p.k_ = cg * g.kernel_size();
  p.pixels_ = g.out_plane();
  p.algorithm_ = applicable(shape, algorithm) ? algorithm : Algorithm::kIm2col;
  if (p.algorithm_ == Algorithm::kWinograd) p.winograd_tiles_ = winograd_tiles_per_block(shape);
  if (p.algorithm_ == Algorithm::kIm2col || p.algorithm_ == Algorithm::kPointwise)
    p.tiling_ = packed_b_tiling(shape.batch * shape.groups, p.m_, p.k_, p.pixels_, p.threads_);
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
  run_packed_b(x, packed_now, bias, y, act, pool, ws);
}

PackedPanels ConvPlan::weight_panels(int64_t group, const float* packed_now) const {
  if (!packed_.empty()) return packed_[static_cast<size_t>(group)].view();
  const int mr = gemm_tile().mr;
  return PackedPanels{packed_now + group * round_up(packed_floats(m_, k_, mr), 16), m_, k_, mr};
}

void ConvPlan::pack_b_block(const float* xg, int64_t p0, int64_t np, float* panels) const {
  const int nr = gemm_tile().nr;
  const int64_t cg = s_.in_channels / s_.groups;
  if (algorithm_ == Algorithm::kPointwise && pointwise_contiguous(s_))
    pack_b_panels(cg, np, xg + p0, pixels_, false, nr, panels);
  else
    im2col_pack_panels(s_, xg, cg, p0, np, nr, panels);
}

void ConvPlan::run_packed_b(const float* x, const float* packed_now, const float* bias, float* y,
                            const ConvActivation& act, ThreadPool* pool, float* scratch) const {
  const int nr = gemm_tile().nr;
  const Im2colTiling& t = tiling_;
  const int64_t cg = s_.in_channels / s_.groups;
  const int64_t in_plane = detail::to_geometry3(s_).in_plane();
  const int64_t slot_floats = im2col_slot_floats(k_, t.n_chunk, nr);
  const int64_t blocks = s_.batch * s_.groups * t.n_chunks;  // (image, group, pixel chunk)
  // Task order: m chunk fastest, so consecutive tasks on one slot reuse the packed B block.
  const int64_t tasks = blocks * t.m_chunks;
  const int threads = pool ? std::min(pool->num_threads(), threads_) : 1;
  const int slots = static_cast<int>(std::min<int64_t>(threads, tasks));
  // Block `block`'s operands: output channels [m0, m0 + mb) times the B panels.
  auto multiply = [&](int64_t block, int64_t mi, const float* panels) {
    const int64_t ci = block % t.n_chunks, ng = block / t.n_chunks;
    const int64_t n = ng / s_.groups, g = ng % s_.groups;
    const int64_t p0 = ci * t.n_chunk, np = std::min(t.n_chunk, pixels_ - p0);
    const int64_t m0 = mi * t.m_chunk, mb = std::min(t.m_chunk, m_ - m0);
    const PackedPanels w = weight_panels(g, packed_now);
    const PackedPanels a_view{w.data + m0 * k_, mb, k_, w.panel};
    const PackedPanels b_view{panels, np, k_, nr};
    float* yc = y + (n * s_.out_channels + g * m_ + m0) * pixels_ + p0;
    gemm(mb, np, k_, 1.0f, GemmOperand::panels(a_view), GemmOperand::panels(b_view), 0.0f, yc,
         pixels_, make_epilogue(bias ? bias + g * m_ + m0 : nullptr, act), nullptr, nullptr);
  };
  // Packs block `block`'s B panels [q0, q1) (panel indices) into `panels`.
  auto pack = [&](int64_t block, int64_t q0, int64_t q1, float* panels) {
    const int64_t ci = block % t.n_chunks, ng = block / t.n_chunks;
    const int64_t n = ng / s_.groups, g = ng % s_.groups;
    const int64_t p0 = ci * t.n_chunk, np = std::min(t.n_chunk, pixels_ - p0);
    const int64_t b0 = q0 * nr, nb = std::min(q1 * nr, np) - b0;
    if (nb > 0)
      pack_b_block(x + (n * s_.in_channels + g * cg) * in_plane, p0 + b0, nb, panels + b0 * k_);
  };

  if (slots > 1 && blocks < threads) {
    // Fewer B blocks than threads (small spatial outputs): each block is packed once by all
    // threads together (split by panels), then its output-channel chunks run in parallel.
    for (int64_t block = 0; block < blocks; ++block) {
      const int64_t ci = block % t.n_chunks;
      const int64_t np = std::min(t.n_chunk, pixels_ - ci * t.n_chunk);
      pool->parallel_for((np + nr - 1) / nr, 1,
                         [&](int64_t q0, int64_t q1) { pack(block, q0, q1, scratch); });
      pool->parallel_for(t.m_chunks, 1, [&](int64_t m0, int64_t m1) {
        for (int64_t mi = m0; mi < m1; ++mi) multiply(block, mi, scratch);
      });
    }
    return;
  }
  std::atomic<int64_t> next_task{0};
  auto worker = [&](int64_t slot_begin, int64_t slot_end) {
    for (int64_t slot = slot_begin; slot < slot_end; ++slot) {
      float* panels = scratch + slot * slot_floats;
      int64_t packed_block = -1;  // block currently in `panels`
      for (;;) {
        const int64_t task = next_task.fetch_add(1, std::memory_order_relaxed);
        if (task >= tasks) break;
        const int64_t mi = task % t.m_chunks, block = task / t.m_chunks;
        if (block != packed_block) {
          pack(block, 0, (t.n_chunk + nr - 1) / nr, panels);
          packed_block = block;
        }
        multiply(block, mi, panels);
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
