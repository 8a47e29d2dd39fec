// Winograd F(4x4, 3x3) convolution: weight transform, block sizing, and the per-target run
// (Highway SIMD input/output transforms across tiles, batched GEMMs through gemm()).
// See winograd.h for the math and the contract.
#include "kernels/winograd.h"

#include <algorithm>
#include <atomic>
#include <cstring>

#include "base/cpu.h"
#include "kernels/gemm.h"
#include "kernels/gemm_internal.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/winograd.cc"
#include <hwy/cache_control.h>
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#ifndef ONYX_KERNELS_WINOGRAD_ARGS
#define ONYX_KERNELS_WINOGRAD_ARGS
namespace onyx::kernels::detail {

// Everything one winograd_run call needs, handed to the per-target implementation.
struct WinogradArgs {
  const ConvShape* s;
  int64_t tiles_per_block;
  const float* packed_w;  // 36 packed A matrices, `point_weight_floats` apart
  int64_t point_weight_floats;
  const float* x;
  const float* bias;
  float* y;
  ConvActivation act;
  ThreadPool* pool;
  int threads;
  float* scratch;
};

// Largest tiles_per_block (winograd_tiles_per_block stays below; sizes per-thread stack arrays).
constexpr int64_t kMaxBlockTiles = 64;

// Floats between consecutive points' V (Cin x T) or M (Cout x T) matrices: padded by one cache
// line so the 36 per-point accesses of a transform do not all map to one L1 set.
inline int64_t winograd_point_stride(int64_t channels, int64_t tiles_per_block) {
  return round_up(channels * tiles_per_block, 16) + 16;
}

// Per-slot scratch: V (36 points x Cin x T, GEMM B panels) then M (36 points x Cout x T, GEMM C).
inline int64_t winograd_slot_floats(int64_t cin, int64_t cout, int64_t tiles_per_block) {
  return kWinogradPoints * (winograd_point_stride(cin, tiles_per_block) +
                            winograd_point_stride(cout, tiles_per_block));
}

}  // namespace onyx::kernels::detail
#endif

HWY_BEFORE_NAMESPACE();
namespace onyx::kernels {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

using DF = hn::ScalableTag<float>;
using VF = hn::Vec<DF>;
constexpr size_t kMaxLanes = HWY_MAX_BYTES / sizeof(float);

size_t TileLanes() {
  return hn::Lanes(DF());
}

// o = B^T d for one 6-vector (each entry a vector of tiles).
HWY_INLINE void InputRow(VF d0, VF d1, VF d2, VF d3, VF d4, VF d5, VF* o) {
  const DF d;
  const VF two = hn::Set(d, 2.0f), four = hn::Set(d, 4.0f), five = hn::Set(d, 5.0f);
  o[0] = hn::MulAdd(four, d0, hn::NegMulAdd(five, d2, d4));
  o[1] = hn::NegMulAdd(four, hn::Add(d1, d2), hn::Add(d3, d4));
  o[2] = hn::MulAdd(four, hn::Sub(d1, d2), hn::Sub(d4, d3));
  o[3] = hn::MulAdd(two, hn::Sub(d3, d1), hn::Sub(d4, d2));
  o[4] = hn::MulAdd(two, hn::Sub(d1, d3), hn::Sub(d4, d2));
  o[5] = hn::MulAdd(four, d1, hn::NegMulAdd(five, d3, d5));
}

// o = A^T m for one 6-vector.
HWY_INLINE void OutputRow(VF m0, VF m1, VF m2, VF m3, VF m4, VF m5, VF* o) {
  const DF d;
  const VF two = hn::Set(d, 2.0f), four = hn::Set(d, 4.0f), eight = hn::Set(d, 8.0f);
  const VF s12 = hn::Add(m1, m2), d12 = hn::Sub(m1, m2);
  const VF s34 = hn::Add(m3, m4), d34 = hn::Sub(m3, m4);
  o[0] = hn::Add(hn::Add(m0, s12), s34);
  o[1] = hn::MulAdd(two, d34, d12);
  o[2] = hn::MulAdd(four, s34, s12);
  o[3] = hn::Add(hn::MulAdd(eight, d34, d12), m5);
}

// Where the lanes of one tile group sit: top-left input coordinate (may be negative) and output
// coordinate of each tile; lanes past the block's tiles are invalid.
struct TileGroup {
  int lanes;      // valid lanes
  bool same_row;  // all valid lanes lie in one row of tiles (consecutive along the width)
  int64_t ih0[kMaxLanes], iw0[kMaxLanes], oh0[kMaxLanes], ow0[kMaxLanes];
  bool interior[kMaxLanes];  // the 6x6 patch lies inside the input
};

TileGroup MakeTileGroup(const ConvShape& s, int64_t tiles_w, int64_t first_tile, int lanes) {
  TileGroup g;
  g.lanes = lanes;
  g.same_row = first_tile % tiles_w + lanes <= tiles_w;
  for (int l = 0; l < lanes; ++l) {
    const int64_t t = first_tile + l, th = t / tiles_w, tw = t % tiles_w;
    g.oh0[l] = th * kWinogradTile;
    g.ow0[l] = tw * kWinogradTile;
    g.ih0[l] = g.oh0[l] - s.pad_begin[0];
    g.iw0[l] = g.ow0[l] - s.pad_begin[1];
    g.interior[l] =
        g.ih0[l] >= 0 && g.iw0[l] >= 0 && g.ih0[l] + 6 <= s.in[0] && g.iw0[l] + 6 <= s.in[1];
  }
  return g;
}

// patch[(r*6 + c)*L + lane] = x channel plane at the lane's 6x6 window (0 outside / past lanes).
void GatherPatches(const ConvShape& s, const float* HWY_RESTRICT xc, const TileGroup& g, size_t L,
                   float* HWY_RESTRICT patch) {
  const int64_t H = s.in[0], W = s.in[1];
  for (int l = 0; l < g.lanes; ++l) {
    float* p = patch + l;
    if (g.interior[l]) {
      const float* src = xc + g.ih0[l] * W + g.iw0[l];
      for (int r = 0; r < 6; ++r, src += W)
        for (int c = 0; c < 6; ++c) p[(r * 6 + c) * L] = src[c];
      continue;
    }
    for (int r = 0; r < 6; ++r) {
      const int64_t ih = g.ih0[l] + r;
      for (int c = 0; c < 6; ++c) {
        const int64_t iw = g.iw0[l] + c;
        p[(r * 6 + c) * L] = (ih >= 0 && ih < H && iw >= 0 && iw < W) ? xc[ih * W + iw] : 0.0f;
      }
    }
  }
  for (size_t l = static_cast<size_t>(g.lanes); l < L; ++l)
    for (int i = 0; i < kWinogradPoints; ++i) patch[i * L + l] = 0.0f;
}

// V_p[lanes] = (B^T d B)[p] for p in 0..35, stored at dst + p * point_stride.
void InputTransform(const float* HWY_RESTRICT patch, float* HWY_RESTRICT tmp,
                    float* HWY_RESTRICT dst, int64_t point_stride) {
  const DF d;
  const size_t L = hn::Lanes(d);
  VF o[6];
  for (int j = 0; j < 6; ++j) {  // columns: tmp = B^T d
    InputRow(hn::Load(d, patch + (0 * 6 + j) * L), hn::Load(d, patch + (1 * 6 + j) * L),
             hn::Load(d, patch + (2 * 6 + j) * L), hn::Load(d, patch + (3 * 6 + j) * L),
             hn::Load(d, patch + (4 * 6 + j) * L), hn::Load(d, patch + (5 * 6 + j) * L), o);
    for (int i = 0; i < 6; ++i) hn::Store(o[i], d, tmp + (i * 6 + j) * L);
  }
  for (int i = 0; i < 6; ++i) {  // rows: (B^T d) B
    const float* t = tmp + i * 6 * L;
    InputRow(hn::Load(d, t), hn::Load(d, t + L), hn::Load(d, t + 2 * L), hn::Load(d, t + 3 * L),
             hn::Load(d, t + 4 * L), hn::Load(d, t + 5 * L), o);
    for (int j = 0; j < 6; ++j) hn::StoreU(o[j], d, dst + (i * 6 + j) * point_stride);
  }
}

// Same-row group: prefetches its 6 x (4L + 2) input window of plane xc (the next channel's, so
// that the jump between 2-D planes does not stall the next InputTransformRow).
void PrefetchWindow(const ConvShape& s, const float* xc, const TileGroup& g, size_t L) {
  const int64_t H = s.in[0], W = s.in[1];
  const int64_t lo = std::max<int64_t>(g.iw0[0], 0);
  const int64_t hi = std::min<int64_t>(g.iw0[0] + 4 * static_cast<int64_t>(L) + 2, W);
  if (lo >= hi) return;
  for (int r = 0; r < 6; ++r) {
    const int64_t ih = g.ih0[0] + r;
    if (ih < 0 || ih >= H) continue;
    const float* row = xc + ih * W;
    for (int64_t i = lo; i < hi; i += 16) hwy::Prefetch(row + i);
    hwy::Prefetch(row + hi - 1);
  }
}

// Same-row group: reads the 6 x (4L + 2) input window row by row, de-interleaving the stride-4
// tile columns, then V_p = (B^T d B)[p] as InputTransform. rowbuf: 4L + 4 floats.
void InputTransformRow(const ConvShape& s, const float* HWY_RESTRICT xc, const TileGroup& g,
                       float* HWY_RESTRICT rowbuf, float* HWY_RESTRICT tmp, float* HWY_RESTRICT dst,
                       int64_t point_stride) {
  const DF d;
  const size_t L = hn::Lanes(d);
  const int64_t H = s.in[0], W = s.in[1], iw0 = g.iw0[0];
  const int64_t span = 4 * static_cast<int64_t>(L) + 4;  // floats LoadInterleaved4 x2 reads
  const bool cols_inside = iw0 >= 0 && iw0 + span <= W;
  VF o[6];
  for (int r = 0; r < 6; ++r) {  // rows: tmp = d B  (B^T applied to each row)
    const int64_t ih = g.ih0[0] + r;
    VF c0 = hn::Zero(d), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, unused;
    if (ih >= 0 && ih < H) {
      const float* src = xc + ih * W + iw0;
      if (!cols_inside) {
        for (int64_t i = 0; i < span; ++i) {
          const int64_t iw = iw0 + i;
          rowbuf[i] = (iw >= 0 && iw < W) ? xc[ih * W + iw] : 0.0f;
        }
        src = rowbuf;
      }
      hn::LoadInterleaved4(d, src, c0, c1, c2, c3);
      hn::LoadInterleaved4(d, src + 4, c4, c5, unused, unused);
    }
    InputRow(c0, c1, c2, c3, c4, c5, o);
    for (int j = 0; j < 6; ++j) hn::Store(o[j], d, tmp + (r * 6 + j) * L);
  }
  for (int j = 0; j < 6; ++j) {  // columns: B^T (d B)
    InputRow(hn::Load(d, tmp + (0 * 6 + j) * L), hn::Load(d, tmp + (1 * 6 + j) * L),
             hn::Load(d, tmp + (2 * 6 + j) * L), hn::Load(d, tmp + (3 * 6 + j) * L),
             hn::Load(d, tmp + (4 * 6 + j) * L), hn::Load(d, tmp + (5 * 6 + j) * L), o);
    for (int i = 0; i < 6; ++i) hn::StoreU(o[i], d, dst + (i * 6 + j) * point_stride);
  }
}

HWY_INLINE VF Activate(DF d, VF v, const ConvActivation& act) {
  // Compare + select, so that NaN passes through like the unfused Relu / Clip ops.
  if (act.activation == Activation::kRelu)
    return hn::IfThenElse(hn::Lt(v, hn::Zero(d)), hn::Zero(d), v);
  if (act.activation == Activation::kClip) {
    v = hn::IfThenElse(hn::Lt(v, hn::Set(d, act.clip_min)), hn::Set(d, act.clip_min), v);
    return hn::IfThenElse(hn::Gt(v, hn::Set(d, act.clip_max)), hn::Set(d, act.clip_max), v);
  }
  return v;
}

// One output channel of a tile group: m holds point p's lanes at m + p * point_stride; writes
// act(A^T m A + bias) into the channel plane yc, clipped to the output size.
void OutputTransform(const ConvShape& s, const float* HWY_RESTRICT m, int64_t point_stride,
                     float bias, const ConvActivation& act, const TileGroup& g,
                     float* HWY_RESTRICT tmp, float* HWY_RESTRICT out, float* HWY_RESTRICT yc) {
  const DF d;
  const size_t L = hn::Lanes(d);
  VF o[4];
  for (int j = 0; j < 6; ++j) {  // columns: tmp = A^T m  (4 x 6)
    OutputRow(
        hn::LoadU(d, m + (0 * 6 + j) * point_stride), hn::LoadU(d, m + (1 * 6 + j) * point_stride),
        hn::LoadU(d, m + (2 * 6 + j) * point_stride), hn::LoadU(d, m + (3 * 6 + j) * point_stride),
        hn::LoadU(d, m + (4 * 6 + j) * point_stride), hn::LoadU(d, m + (5 * 6 + j) * point_stride),
        o);
    for (int i = 0; i < 4; ++i) hn::Store(o[i], d, tmp + (i * 6 + j) * L);
  }
  const VF vb = hn::Set(d, bias);
  const int64_t OH = s.out[0], OW = s.out[1];
  // Same-row group: output row i of all tiles is 4L consecutive floats (clipped at OW).
  const int64_t row_floats = g.same_row ? std::min<int64_t>(4 * g.lanes, OW - g.ow0[0]) : 0;
  for (int i = 0; i < 4; ++i) {  // rows: (A^T m) A
    const float* t = tmp + i * 6 * L;
    OutputRow(hn::Load(d, t), hn::Load(d, t + L), hn::Load(d, t + 2 * L), hn::Load(d, t + 3 * L),
              hn::Load(d, t + 4 * L), hn::Load(d, t + 5 * L), o);
    for (int j = 0; j < 4; ++j) o[j] = Activate(d, hn::Add(o[j], vb), act);
    if (g.same_row) {
      if (g.oh0[0] + i >= OH) break;
      float* dst = yc + (g.oh0[0] + i) * OW + g.ow0[0];
      if (row_floats == 4 * static_cast<int64_t>(L)) {
        hn::StoreInterleaved4(o[0], o[1], o[2], o[3], d, dst);
      } else {
        hn::StoreInterleaved4(o[0], o[1], o[2], o[3], d, out);
        std::memcpy(dst, out, sizeof(float) * static_cast<size_t>(row_floats));
      }
      continue;
    }
    for (int j = 0; j < 4; ++j) hn::Store(o[j], d, out + (i * 4 + j) * L);
  }
  if (g.same_row) return;
  for (int l = 0; l < g.lanes; ++l) {
    const int64_t rows = std::min<int64_t>(kWinogradTile, OH - g.oh0[l]);
    const int64_t cols = std::min<int64_t>(kWinogradTile, OW - g.ow0[l]);
    float* dst = yc + g.oh0[l] * OW + g.ow0[l];
    for (int64_t i = 0; i < rows; ++i, dst += OW)
      for (int64_t j = 0; j < cols; ++j) dst[j] = out[(i * 4 + j) * L + l];
  }
}

// Per-thread stack buffers of the transforms.
struct TransformBuffers {
  HWY_ALIGN float patch[kWinogradPoints * kMaxLanes];
  HWY_ALIGN float tmp[kWinogradPoints * kMaxLanes];
  HWY_ALIGN float out[16 * kMaxLanes];
  HWY_ALIGN float rowbuf[4 * kMaxLanes + 4];
};

// One block of tiles of one image and the three steps that compute it; each step takes a range
// so that it can run whole (one thread per block) or split over threads (few blocks).
class Block {
 public:
  Block(const detail::WinogradArgs& a, float* v, float* mbuf) : a_(a), s_(*a.s), v_(v), m_(mbuf) {
    cin_ = s_.in_channels;
    cout_ = s_.out_channels;
    T_ = a.tiles_per_block;
    tiles_w_ = (s_.out[1] + kWinogradTile - 1) / kWinogradTile;
    tiles_ = ((s_.out[0] + kWinogradTile - 1) / kWinogradTile) * tiles_w_;
    v_stride_ = detail::winograd_point_stride(cin_, T_);
    m_stride_ = detail::winograd_point_stride(cout_, T_);
    HWY_ASSERT(T_ <= detail::kMaxBlockTiles);
  }
  int64_t blocks_per_image() const { return (tiles_ + T_ - 1) / T_; }

  // Selects block `task` (image task / blocks_per_image) and lays out its tile groups.
  void select(int64_t task) {
    const int64_t L = static_cast<int64_t>(hn::Lanes(DF()));
    n_ = task / blocks_per_image();
    const int64_t t0 = (task % blocks_per_image()) * T_, tb = std::min(T_, tiles_ - t0);
    cols_ = (tb + L - 1) / L * L;
    num_groups_ = cols_ / L;
    for (int64_t gi = 0; gi < num_groups_; ++gi) {
      const int64_t tl = gi * L;
      groups_[gi] = MakeTileGroup(s_, tiles_w_, t0 + tl, static_cast<int>(std::min(L, tb - tl)));
    }
  }

  // V_p for input channels [c0, c1) (k = c, column = tile, GEMM B panel layout). Channel-major
  // so each channel plane's rows are read sequentially.
  void input(int64_t c0, int64_t c1, TransformBuffers& b) const {
    const size_t L = hn::Lanes(DF());
    const int nr = gemm_tile().nr;
    const int64_t in_plane = s_.in[0] * s_.in[1];
    const float* xn = a_.x + n_ * cin_ * in_plane;
    for (int64_t c = c0; c < c1; ++c)
      for (int64_t gi = 0; gi < num_groups_; ++gi) {
        const TileGroup& g = groups_[gi];
        const int64_t tl = gi * static_cast<int64_t>(L);
        float* vg = v_ + (tl / nr) * nr * cin_ + tl % nr;
        if (g.same_row) {
          if (c + 1 < cin_) PrefetchWindow(s_, xn + (c + 1) * in_plane, g, L);
          InputTransformRow(s_, xn + c * in_plane, g, b.rowbuf, b.tmp, vg + c * nr, v_stride_);
        } else {
          GatherPatches(s_, xn + c * in_plane, g, L, b.patch);
          InputTransform(b.patch, b.tmp, vg + c * nr, v_stride_);
        }
      }
  }

  // M_p = U_p * V_p for point p, output channels [m0, m0 + mb) (m0 a multiple of mr).
  void gemm_point(int p, int64_t m0, int64_t mb) const {
    const GemmTile gt = gemm_tile();
    const PackedPanels u{a_.packed_w + p * a_.point_weight_floats + m0 * cin_, mb, cin_, gt.mr};
    const PackedPanels vp{v_ + p * v_stride_, cols_, cin_, gt.nr};
    gemm(mb, cols_, cin_, 1.0f, GemmOperand::panels(u), GemmOperand::panels(vp), 0.0f,
         m_ + p * m_stride_ + m0 * T_, T_, {}, nullptr, nullptr);
  }

  // Output transform + bias + activation into y for output channels [m0, m1).
  void output(int64_t m0, int64_t m1, TransformBuffers& b) const {
    const int64_t L = static_cast<int64_t>(hn::Lanes(DF()));
    const int64_t out_plane = s_.out[0] * s_.out[1];
    float* yn = a_.y + n_ * cout_ * out_plane;
    for (int64_t m = m0; m < m1; ++m)
      for (int64_t gi = 0; gi < num_groups_; ++gi)
        OutputTransform(s_, m_ + m * T_ + gi * L, m_stride_, a_.bias ? a_.bias[m] : 0.0f, a_.act,
                        groups_[gi], b.tmp, b.out, yn + m * out_plane);
  }

 private:
  const detail::WinogradArgs& a_;
  const ConvShape& s_;
  float* v_;  // [36][Cin x T as B panels]
  float* m_;  // [36][Cout][T]
  int64_t cin_, cout_, T_, tiles_w_, tiles_, v_stride_, m_stride_;
  int64_t n_ = 0, cols_ = 0, num_groups_ = 0;
  TileGroup groups_[detail::kMaxBlockTiles];  // at most one tile per group
};

void Run(const detail::WinogradArgs& a) {
  const ConvShape& s = *a.s;
  const int64_t slot_floats =
      detail::winograd_slot_floats(s.in_channels, s.out_channels, a.tiles_per_block);
  const int64_t v_floats =
      kWinogradPoints * detail::winograd_point_stride(s.in_channels, a.tiles_per_block);
  const int64_t tasks = s.batch * Block(a, a.scratch, a.scratch + v_floats).blocks_per_image();
  const int threads = a.pool ? std::min(a.pool->num_threads(), a.threads) : 1;

  if (threads > 1 && tasks < 4 * threads) {
    // Few blocks (small spatial outputs; a last block with few tiles): whole blocks per thread
    // would leave threads idle or unbalanced, so each block's steps are split over the threads
    // instead, by input channels, by (point, output-channel chunk) and by output channels.
    const int mr = gemm_tile().mr;
    const int64_t cout = s.out_channels;
    const int64_t m_chunk =
        detail::round_up(std::max<int64_t>((cout + 2 * threads - 1) / (2 * threads), 4 * mr), mr);
    const int64_t m_chunks = (cout + m_chunk - 1) / m_chunk;
    Block block(a, a.scratch, a.scratch + v_floats);
    for (int64_t task = 0; task < tasks; ++task) {
      block.select(task);
      a.pool->parallel_for(s.in_channels, 8, [&](int64_t c0, int64_t c1) {
        TransformBuffers b;
        block.input(c0, c1, b);
      });
      a.pool->parallel_for(kWinogradPoints * m_chunks, 1, [&](int64_t j0, int64_t j1) {
        for (int64_t j = j0; j < j1; ++j) {
          const int64_t m0 = (j % m_chunks) * m_chunk;
          block.gemm_point(static_cast<int>(j / m_chunks), m0, std::min(m_chunk, cout - m0));
        }
      });
      a.pool->parallel_for(cout, 4, [&](int64_t m0, int64_t m1) {
        TransformBuffers b;
        block.output(m0, m1, b);
      });
    }
    return;
  }

  const int slots = static_cast<int>(std::min<int64_t>(threads, tasks));
  std::atomic<int64_t> next_task{0};
  auto worker = [&](int64_t slot_begin, int64_t slot_end) {
    TransformBuffers b;
    for (int64_t slot = slot_begin; slot < slot_end; ++slot) {
      float* v = a.scratch + slot * slot_floats;
      Block block(a, v, v + v_floats);
      for (;;) {
        const int64_t task = next_task.fetch_add(1, std::memory_order_relaxed);
        if (task >= tasks) break;
        block.select(task);
        block.input(0, s.in_channels, b);
        for (int p = 0; p < kWinogradPoints; ++p) block.gemm_point(p, 0, s.out_channels);
        block.output(0, s.out_channels, b);
      }
    }
  };
  if (slots > 1)
    a.pool->parallel_for(slots, 1, worker);
  else
    worker(0, 1);
}

}  // namespace HWY_NAMESPACE
}  // namespace onyx::kernels
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace onyx::kernels {

HWY_EXPORT(TileLanes);
HWY_EXPORT(Run);

namespace {

// Below this many input or output channels im2col measured faster (transform overhead dominates).
constexpr int64_t kMinChannels = 8;

int64_t point_weight_floats(int64_t out_channels, int64_t in_channels) {
  return detail::round_up(packed_floats(out_channels, in_channels, gemm_tile().mr), 16);
}

}  // namespace

bool winograd_suitable(const ConvShape& s) {
  if (force_scalar_kernels() || s.spatial_rank != 2 || s.groups != 1) return false;
  for (int d = 0; d < 2; ++d)
    if (s.kernel[d] != 3 || s.stride[d] != 1 || s.dilation[d] != 1) return false;
  if (s.in_channels < kMinChannels || s.out_channels < kMinChannels) return false;
  // Tile groups (SIMD lanes) must not straddle GEMM B panels.
  const int64_t lanes = static_cast<int64_t>(HWY_DYNAMIC_DISPATCH(TileLanes)());
  return gemm_tile().nr % lanes == 0;
}

int64_t winograd_tiles_per_block(const ConvShape& s) {
  // Per tile the block holds 36 * (Cin + Cout) floats of V and M; aim at ~512 KiB (L2).
  const int nr = gemm_tile().nr;
  const int64_t per_tile = kWinogradPoints * (s.in_channels + s.out_channels) * 4;
  int64_t t = std::clamp<int64_t>((512 * 1024) / std::max<int64_t>(per_tile, 1), nr,
                                  detail::kMaxBlockTiles);
  const int64_t tiles = ((s.out[0] + 3) / 4) * ((s.out[1] + 3) / 4);
  t = std::min(t, std::max<int64_t>(tiles, 1));
  return detail::round_up(t, nr);
}

int64_t winograd_weight_floats(int64_t out_channels, int64_t in_channels) {
  return point_weight_floats(out_channels, in_channels) * kWinogradPoints;
}

void winograd_transform_weights(const float* w, int64_t out_channels, int64_t in_channels,
                                float* dst) {
  static constexpr double G[6][3] = {{1.0 / 4, 0, 0},
                                     {-1.0 / 6, -1.0 / 6, -1.0 / 6},
                                     {-1.0 / 6, 1.0 / 6, -1.0 / 6},
                                     {1.0 / 24, 1.0 / 12, 1.0 / 6},
                                     {1.0 / 24, -1.0 / 12, 1.0 / 6},
                                     {0, 0, 1}};
  const int mr = gemm_tile().mr;
  const int64_t per_point = point_weight_floats(out_channels, in_channels);
  std::fill(dst, dst + per_point * kWinogradPoints, 0.0f);
  for (int64_t m = 0; m < out_channels; ++m)
    for (int64_t c = 0; c < in_channels; ++c) {
      const float* g = w + (m * in_channels + c) * 9;
      double gg[6][3];  // G g
      for (int i = 0; i < 6; ++i)
        for (int k = 0; k < 3; ++k)
          gg[i][k] = G[i][0] * g[0 * 3 + k] + G[i][1] * g[1 * 3 + k] + G[i][2] * g[2 * 3 + k];
      // Packed A layout: element (m, c) of panel m / mr at (m / mr)*mr*K + c*mr + m % mr.
      const int64_t at = (m / mr) * mr * in_channels + c * mr + m % mr;
      for (int i = 0; i < 6; ++i)
        for (int j = 0; j < 6; ++j) {
          const double u = gg[i][0] * G[j][0] + gg[i][1] * G[j][1] + gg[i][2] * G[j][2];
          dst[(i * 6 + j) * per_point + at] = static_cast<float>(u);
        }
    }
}

int64_t winograd_scratch_floats(const ConvShape& s, int64_t tiles_per_block, int threads) {
  return detail::winograd_slot_floats(s.in_channels, s.out_channels, tiles_per_block) *
         std::max(threads, 1);
}

void winograd_run(const ConvShape& s, int64_t tiles_per_block, const float* packed_w,
                  const float* x, const float* bias, float* y, const ConvActivation& act,
                  ThreadPool* pool, int threads, float* scratch) {
  const detail::WinogradArgs args{&s,       tiles_per_block,
                                  packed_w, point_weight_floats(s.out_channels, s.in_channels),
                                  x,        bias,
                                  y,        act,
                                  pool,     std::max(threads, 1),
                                  scratch};
  HWY_DYNAMIC_DISPATCH(Run)(args);
}

}  // namespace onyx::kernels
#endif  // HWY_ONCE
