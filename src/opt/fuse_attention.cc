// Scaled dot-product attention as PyTorch exports it, with heads split by Reshape + Transpose:
//
//   batch-first (BERT/GPT-style blocks), Q/K/V [B, S, H, D]:
//     Qt = Transpose(Q, [0,2,1,3])  Kt = Transpose(K, [0,2,3,1])  Vt = Transpose(V, [0,2,1,3])
//   seq-first (nn.MultiheadAttention), Q/K/V [S, N, D]:
//     Qt = Transpose(Q, [1,0,2])    Kt = Transpose(K, [1,2,0])    Vt = Transpose(V, [1,0,2])
//   S = MatMul(Qt', Kt) with Qt' = Qt or Qt scaled (Div / Mul by a scalar constant)
//   S' = S, or S scaled (Div / Mul by a scalar constant), then optionally Add(S', mask)
//   Y = Transpose(MatMul(Softmax(S', last axis), Vt), the Q perm again)
// ==>  Y = com.onyx FusedAttention(Q, K, V[, mask], scale) (ops/fused_attention.cc), which reads
// the heads in place instead of materialising the four transposes, the scores' scaled and masked
// copies and the probabilities.
//
// Conditions: every intermediate has exactly one reader and is not a graph output; Q, K, V are
// float32 of the layout's rank with batch and head dims provably equal (MatMul would otherwise
// broadcast them); the mask is float32 with a known rank <= the scores' and each dim 1 or provably
// equal to the scores' dim (so the Add does not grow the scores); Softmax's axis is the last one.
// A constant all-zero mask (BERT's export without padding) is dropped.
//
// Numerics: the scales fold into one float multiplier of the dot products (Div by c becomes times
// 1/c: exact for powers of two, else within one float32 rounding); everything else is the
// unfused ops' arithmetic, NaN and -inf included.
#include "ops/registry.h"
#include "opt/optimize.h"
#include "opt/pattern.h"

namespace onyx::opt {

namespace {

constexpr size_t kNone = ir::GraphIndex::kNoNode;

struct AttentionMatch {
  int rank = 0;  // 4: batch-first, 3: seq-first
  std::string q, k, v, mask, y;
  float scale = 1.0f;
  std::vector<size_t> removed;  // every matched node but the output Transpose
  size_t out_transpose = kNone;
};

// Perms of the layouts: [0] Q, V and the output; [1] K.
std::vector<int64_t> head_perm(int rank, bool key) {
  if (rank == 4) return key ? std::vector<int64_t>{0, 2, 3, 1} : std::vector<int64_t>{0, 2, 1, 3};
  return key ? std::vector<int64_t>{1, 2, 0} : std::vector<int64_t>{1, 0, 2};
}

// The only reader of `value` when it is a live default-domain `op` node reading it at `slot`.
size_t only_reader(const ir::Graph& graph, const ir::GraphIndex& index, const std::string& value,
                   const char* op, int slot) {
  if (value.empty() || index.is_graph_output(value)) return kNone;
  std::vector<ir::GraphIndex::Use> uses = index.uses(value);
  if (uses.size() != 1 || uses[0].slot != slot) return kNone;
  return is_op(graph, index, uses[0].node, op) ? uses[0].node : kNone;
}

// Transpose with `perm` producing `value` for `value`'s one reader; its input, or "".
std::string transposed_from(const ir::Graph& graph, const ir::GraphIndex& index,
                            const std::string& value, const std::vector<int64_t>& perm,
                            std::vector<size_t>* removed) {
  const size_t t = sole_producer(graph, index, value);
  if (!is_op(graph, index, t, "Transpose") || graph.nodes[t].inputs.size() != 1 ||
      graph.nodes[t].attr_ints("perm") != perm)
    return "";
  removed->push_back(t);
  return graph.nodes[t].inputs[0];
}

// If `value` is produced (for its one reader) by Div(x, c) or Mul(x, c) / Mul(c, x) with c a
// float32 scalar constant: multiplies *scale by c (Mul) or 1/c (Div) and returns x; else `value`.
std::string unscaled(const ir::Graph& graph, const ir::GraphIndex& index, const std::string& value,
                     float* scale, std::vector<size_t>* removed) {
  const size_t p = sole_producer(graph, index, value);
  const bool div = is_op(graph, index, p, "Div"), mul = is_op(graph, index, p, "Mul");
  if ((!div && !mul) || graph.nodes[p].inputs.size() != 2) return value;
  const std::vector<std::string>& in = graph.nodes[p].inputs;
  for (int side = 0; side < (mul ? 2 : 1); ++side) {
    std::optional<float> c = constant_scalar(graph, index, in[1 - side]);
    const Tensor* t = constant_tensor(graph, index, in[1 - side]);
    if (!c || !t || t->rank() != 0) continue;
    *scale *= div ? 1.0f / *c : *c;
    removed->push_back(p);
    return in[side];
  }
  return value;
}

// Dims a and b are provably the same size.
bool same_dim(int64_t a, int64_t b) {
  return a == b && a != ops::kUnknownDim;
}

bool is_float_rank(const ops::ValueType* t, int rank) {
  return t && t->is_tensor() && t->dtype == DType::kFloat32 && t->has_shape && t->rank() == rank;
}

// Q, K, V and the mask have the types the fused op needs (see the file comment).
bool types_fit(const shape::GraphInference& types, const AttentionMatch& m) {
  const ops::ValueType *q = types.find(m.q), *k = types.find(m.k), *v = types.find(m.v);
  if (!is_float_rank(q, m.rank) || !is_float_rank(k, m.rank) || !is_float_rank(v, m.rank))
    return false;
  const Shape& qd = q->dims;
  const Shape& kd = k->dims;
  const Shape& vd = v->dims;
  // Batch-like dims: rank 4 [B, S, H, D] -> 0 and 2; rank 3 [S, N, D] -> 1.
  for (size_t i : m.rank == 4 ? std::vector<size_t>{0, 2} : std::vector<size_t>{1})
    if (!same_dim(qd[i], kd[i]) || !same_dim(qd[i], vd[i])) return false;
  if (m.mask.empty()) return true;
  const ops::ValueType* mask = types.find(m.mask);
  if (!mask || !mask->is_tensor() || mask->dtype != DType::kFloat32 || !mask->has_shape ||
      mask->rank() > m.rank)
    return false;
  const Shape scores = m.rank == 4 ? Shape{qd[0], qd[2], qd[1], kd[1]} : Shape{qd[1], qd[0], kd[0]};
  for (size_t i = 0; i < mask->dims.size(); ++i) {
    const int64_t d = mask->dims[i], s = scores[scores.size() - mask->dims.size() + i];
    if (d != 1 && !same_dim(d, s)) return false;
  }
  return true;
}

// The attention block whose Softmax is node `sm`, or false.
bool match_attention(const ir::Graph& graph, const ir::GraphIndex& index,
                     const shape::GraphInference& types, size_t sm, int64_t opset,
                     AttentionMatch* m) {
  const ir::Node& softmax = graph.nodes[sm];
  if (softmax.inputs.size() != 1 || softmax.outputs.size() != 1) return false;
  const ops::ValueType* st = types.find(softmax.inputs[0]);
  if (!st || !st->has_shape || (st->rank() != 3 && st->rank() != 4)) return false;
  m->rank = st->rank();
  // Opsets 1-12 default the axis to 1 (the last one only for rank 2).
  const int64_t axis = softmax.attr_int("axis", opset >= 13 ? -1 : 1);
  if (axis != -1 && axis != m->rank - 1) return false;
  const size_t mm2 = only_reader(graph, index, softmax.outputs[0], "MatMul", 0);
  if (mm2 == kNone || graph.nodes[mm2].inputs.size() != 2) return false;
  const size_t out = only_reader(graph, index, graph.nodes[mm2].outputs[0], "Transpose", 0);
  if (out == kNone || graph.nodes[out].attr_ints("perm") != head_perm(m->rank, false)) return false;
  m->out_transpose = out;
  m->y = graph.nodes[out].outputs[0];
  m->removed = {sm, mm2};
  m->v = transposed_from(graph, index, graph.nodes[mm2].inputs[1], head_perm(m->rank, false),
                         &m->removed);
  if (m->v.empty()) return false;
  // Softmax input: [Add(scores, mask)] of the scaled scores.
  std::string scores = softmax.inputs[0];
  const size_t add = sole_producer(graph, index, scores);
  if (is_op(graph, index, add, "Add") && graph.nodes[add].inputs.size() == 2) {
    for (int side = 0; side < 2; ++side) {
      const size_t p = sole_producer(graph, index, graph.nodes[add].inputs[side]);
      if (is_op(graph, index, p, "Div") || is_op(graph, index, p, "Mul") ||
          is_op(graph, index, p, "MatMul")) {
        scores = graph.nodes[add].inputs[side];
        m->mask = graph.nodes[add].inputs[1 - side];
        m->removed.push_back(add);
        break;
      }
    }
    if (m->mask.empty()) return false;
  }
  scores = unscaled(graph, index, scores, &m->scale, &m->removed);
  const size_t mm1 = sole_producer(graph, index, scores);
  if (!is_op(graph, index, mm1, "MatMul") || graph.nodes[mm1].inputs.size() != 2) return false;
  m->removed.push_back(mm1);
  const std::string qt = unscaled(graph, index, graph.nodes[mm1].inputs[0], &m->scale, &m->removed);
  m->q = transposed_from(graph, index, qt, head_perm(m->rank, false), &m->removed);
  m->k = transposed_from(graph, index, graph.nodes[mm1].inputs[1], head_perm(m->rank, true),
                         &m->removed);
  if (m->q.empty() || m->k.empty()) return false;
  if (!types_fit(types, *m)) return false;
  // A constant all-zero mask adds nothing.
  if (const Tensor* t = constant_tensor(graph, index, m->mask)) {
    bool zero = t->dtype() == DType::kFloat32;
    for (int64_t i = 0; zero && i < t->numel(); ++i) zero = t->data<float>()[i] == 0.0f;
    if (zero) m->mask.clear();
  }
  return true;
}

}  // namespace

Result<int> fuse_attention(ir::Graph& graph, PassContext& ctx) {
  if (&graph != &ctx.model.graph) return 0;
  bool has_softmax = false;
  for (const ir::Node& node : graph.nodes)
    has_softmax |= node.op_type == "Softmax" && ir::is_default_domain(node.domain);
  if (!has_softmax) return 0;
  Result<shape::GraphInference> types = infer_types(ctx.model);
  if (!types) return 0;  // a graph inference rejects is left alone
  ir::GraphIndex& index = ctx.index;
  int fused = 0;
  for (size_t n = 0; n < graph.nodes.size(); ++n) {
    ++ctx.node_visits;
    if (!is_op(graph, index, n, "Softmax")) continue;
    AttentionMatch m;
    if (!match_attention(graph, index, types.value(), n, ctx.opset, &m)) continue;
    ir::Node& node = graph.nodes[m.out_transpose];
    node.op_type = "FusedAttention";
    node.domain = ops::kOnyxDomain;
    node.inputs = {m.q, m.k, m.v};
    if (!m.mask.empty()) node.inputs.push_back(m.mask);
    node.attributes.clear();
    ir::Attribute scale;
    scale.name = "scale";
    scale.type = ir::Attribute::Type::kFloat;
    scale.f = m.scale;
    node.attributes.push_back(scale);
    for (size_t r : m.removed) index.remove_node(r);
    ++fused;
  }
  if (fused == 0) return 0;
  index.erase_removed_nodes(graph);
  index.rebuild(graph);  // the fused nodes read Q, K, V and the mask now
  if (ctx.model.opset(ops::kOnyxDomain) == 0)
    ctx.model.opset_imports.push_back({ops::kOnyxDomain, 1});
  return fused;
}

}  // namespace onyx::opt
