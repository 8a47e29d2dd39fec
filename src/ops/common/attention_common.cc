#include "ops/common/attention_common.h"

#include <algorithm>

namespace onyx::ops {
namespace {

std::string dims_text(const Shape& s) {
  return shape_to_string(s);
}

// a / b for a head split: unknown stays unknown.
int64_t split_dim(int64_t a, int64_t b) {
  return dim_known(a) && b > 0 ? a / b : kUnknownDim;
}

// Unifies two sizes that must be equal; false when both are known and differ.
bool same_dim(int64_t a, int64_t b, int64_t* out) {
  if (dim_known(a) && dim_known(b) && a != b) return false;
  *out = dim_known(a) ? a : b;
  return true;
}

size_t align64(size_t bytes) {
  return (bytes + 63) / 64 * 64;
}

}  // namespace

std::string attention_geometry(const AttentionAttrs& attrs, const Shape& q, const Shape& k,
                               const Shape& v, const Shape* past_k, const Shape* past_v,
                               AttentionGeometry* g) {
  if (q.size() != 3 && q.size() != 4)
    return "input 0 (Q): rank must be 3 or 4, got " + dims_text(q);
  if (k.size() != q.size() || v.size() != q.size())
    return "Q, K and V must have the same rank, got " + dims_text(q) + ", " + dims_text(k) +
           " and " + dims_text(v);
  g->three_d = q.size() == 3;
  if (!same_dim(q[0], k[0], &g->batch) || !same_dim(g->batch, v[0], &g->batch))
    return "Q, K and V batch sizes differ: " + dims_text(q) + ", " + dims_text(k) + ", " +
           dims_text(v);
  if (g->three_d) {
    if (attrs.q_num_heads <= 0 || attrs.kv_num_heads <= 0)
      return "3-D inputs need the attributes q_num_heads and kv_num_heads (> 0)";
    g->q_heads = attrs.q_num_heads;
    g->kv_heads = attrs.kv_num_heads;
    g->q_len = q[1];
    if (!same_dim(k[1], v[1], &g->kv_len))
      return "K and V sequence lengths differ: " + dims_text(k) + ", " + dims_text(v);
    const std::pair<int64_t, int64_t> splits[3] = {
        {q[2], g->q_heads}, {k[2], g->kv_heads}, {v[2], g->kv_heads}};
    for (int i = 0; i < 3; ++i)
      if (dim_known(splits[i].first) && splits[i].first % splits[i].second != 0)
        return "input " + std::to_string(i) + ": hidden size " + std::to_string(splits[i].first) +
               " is not a multiple of " + std::to_string(splits[i].second) + " heads";
    g->head_size = split_dim(q[2], g->q_heads);
    if (!same_dim(g->head_size, split_dim(k[2], g->kv_heads), &g->head_size))
      return "Q and K head sizes differ (Q " + dims_text(q) + ", K " + dims_text(k) + ")";
    g->v_head_size = split_dim(v[2], g->kv_heads);
  } else {
    g->q_heads = q[1];
    g->q_len = q[2];
    g->head_size = q[3];
    if (!same_dim(k[1], v[1], &g->kv_heads) || !same_dim(k[2], v[2], &g->kv_len))
      return "K and V heads / sequence lengths differ: " + dims_text(k) + ", " + dims_text(v);
    if (!same_dim(g->head_size, k[3], &g->head_size))
      return "Q and K head sizes differ (Q " + dims_text(q) + ", K " + dims_text(k) + ")";
    g->v_head_size = v[3];
  }
  if (dim_known(g->q_heads) && dim_known(g->kv_heads) &&
      (g->kv_heads == 0 || g->q_heads % g->kv_heads != 0))
    return "q heads (" + std::to_string(g->q_heads) + ") must be a multiple of kv heads (" +
           std::to_string(g->kv_heads) + ")";
  g->has_past = past_k != nullptr;
  g->past = 0;
  if (past_k) {
    const Shape& pk = *past_k;
    const Shape& pv = *past_v;
    if (pk.size() != 4 || pv.size() != 4)
      return "past_key and past_value must be 4-D, got " + dims_text(pk) + ", " + dims_text(pv);
    int64_t unused = 0;
    if (!same_dim(pk[0], g->batch, &unused) || !same_dim(pv[0], g->batch, &unused) ||
        !same_dim(pk[1], g->kv_heads, &unused) || !same_dim(pv[1], g->kv_heads, &unused) ||
        !same_dim(pk[3], g->head_size, &unused) || !same_dim(pv[3], g->v_head_size, &unused) ||
        !same_dim(pk[2], pv[2], &g->past))
      return "past_key " + dims_text(pk) + " / past_value " + dims_text(pv) +
             " do not match [batch, kv_heads, past, head_size] of K and V";
  }
  g->total = dim_known(g->past) && dim_known(g->kv_len) ? g->past + g->kv_len : kUnknownDim;
  return "";
}

std::string check_attention_mask(const Shape& mask, const AttentionGeometry& g) {
  if (mask.empty() || mask.size() > 4)
    return "input 3 (attn_mask): rank must be 1 to 4, got " + dims_text(mask);
  const int64_t want[4] = {g.batch, g.q_heads, g.q_len, g.total};
  for (size_t i = 0; i < mask.size(); ++i) {
    const int64_t d = mask[mask.size() - 1 - i];
    const int64_t w = want[3 - i];
    if (!dim_known(d) || !dim_known(w)) continue;
    const bool ok = i == 0 ? d <= w : (d == 1 || d == w);
    if (!ok)
      return "input 3 (attn_mask): shape " + dims_text(mask) + " does not broadcast to [" +
             std::to_string(g.batch) + ", " + std::to_string(g.q_heads) + ", " +
             std::to_string(g.q_len) + ", <= " + std::to_string(g.total) + "]";
  }
  return "";
}

Shape attention_output_dims(const AttentionGeometry& g) {
  if (!g.three_d) return {g.batch, g.q_heads, g.q_len, g.v_head_size};
  const int64_t hidden =
      dim_known(g.q_heads) && dim_known(g.v_head_size) ? g.q_heads * g.v_head_size : kUnknownDim;
  return {g.batch, g.q_len, hidden};
}

AttentionScratch AttentionScratch::plan(const AttentionGeometry& g, size_t elem, int gemm_threads,
                                        int64_t score_heads, int slots) {
  AttentionScratch s;
  size_t at = 0;
  const auto take = [&](int64_t count) {
    const size_t off = at;
    at += align64(static_cast<size_t>(count) * elem);
    return off;
  };
  s.q = take(g.batch * g.q_heads * g.q_len * g.head_size);
  s.k = take(g.batch * g.kv_heads * g.total * g.head_size);
  s.v = take(g.batch * g.kv_heads * g.total * g.v_head_size);
  const size_t slot_start = at;
  s.bias = take(g.q_len * g.total);
  s.scores = take(score_heads * g.q_len * g.total);
  s.captured = take(g.q_len * g.total);
  s.y = take(g.q_len * g.v_head_size);
  s.workspace = at;
  at += align64(kernels::attention_head_workspace_bytes(attention_head_shape(g), gemm_threads));
  s.slot_bytes = at - slot_start;
  s.total_bytes = at + static_cast<size_t>(slots - 1) * s.slot_bytes;
  return s;
}

void AttentionBias::set_mask(const Tensor& mask) {
  mask_ = &mask;
  const Shape& d = mask.shape();
  std::fill(dims_, dims_ + 4, 1);
  std::copy(d.begin(), d.end(), dims_ + (4 - d.size()));
}

namespace {

template <class M, class C>
void add_mask_typed(const M* m, const int64_t* dims, const AttentionGeometry& g, int64_t b,
                    int64_t h, C* bias) {
  const int64_t tm = dims[3];
  const int64_t rows = dims[2];
  const int64_t plane = (dims[0] == 1 ? 0 : b) * dims[1] + (dims[1] == 1 ? 0 : h);
  const M* base = m + plane * rows * tm;
  constexpr C kNegInf = -std::numeric_limits<C>::infinity();
  for (int64_t i = 0; i < g.q_len; ++i) {
    const M* row = base + (rows == 1 ? 0 : i) * tm;
    C* out = bias + i * g.total;
    for (int64_t j = 0; j < g.total; ++j) {
      if (j >= tm) {
        out[j] = kNegInf;  // keys beyond a short mask are masked
      } else if constexpr (std::is_same_v<M, bool>) {
        out[j] += row[j] ? C(0) : kNegInf;
      } else {
        out[j] += static_cast<C>(widen(row[j]));
      }
    }
  }
}

template <class C>
void add_mask_any(const Tensor& mask, const int64_t* dims, const AttentionGeometry& g, int64_t b,
                  int64_t h, C* bias) {
  visit_dtype<types::Concat<types::Float, types::Bool>>(mask.dtype(), [&](auto tag) {
    using M = typename decltype(tag)::type;
    add_mask_typed(mask.data<M>(), dims, g, b, h, bias);
  });
}

}  // namespace

void AttentionBias::add_mask(const AttentionGeometry& g, int64_t b, int64_t h, float* bias) const {
  add_mask_any(*mask_, dims_, g, b, h, bias);
}
void AttentionBias::add_mask(const AttentionGeometry& g, int64_t b, int64_t h, double* bias) const {
  add_mask_any(*mask_, dims_, g, b, h, bias);
}

}  // namespace onyx::ops
