// FLOP estimate per node for the viewer's model panel (rules in view_format.h).
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "inspect/view_format.h"

namespace onyx::inspect::view_detail {
namespace {

// Unknown and symbolic dims count as 1; absurd products saturate instead of overflowing.
int64_t numel_of(const ops::ValueType* t) {
  if (!t || !t->has_shape) return -1;
  int64_t n = 1;
  for (int64_t d : t->dims) {
    int64_t k = d > 0 ? d : (d == 0 ? 0 : 1);
    n = (k != 0 && n > INT64_MAX / 4 / k) ? INT64_MAX / 4 : n * k;
  }
  return n;
}

int64_t dim_or_one(const ops::ValueType* t, int axis) {
  if (!t || !t->has_shape) return 1;
  int r = t->rank();
  if (axis < 0) axis += r;
  if (axis < 0 || axis >= r) return 1;
  return t->dims[axis] > 0 ? t->dims[axis] : 1;
}

int64_t saturating_mul(int64_t a, int64_t b) {
  if (a <= 0 || b <= 0) return 0;
  return a > INT64_MAX / 4 / b ? INT64_MAX / 4 : a * b;
}

bool one_of(const std::string& op, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (op == n) return true;
  return false;
}

}  // namespace

int64_t estimate_flops(const ir::Node& node, const std::vector<const ops::ValueType*>& in,
                       const std::vector<const ops::ValueType*>& out) {
  const std::string& op = node.op_type;
  const ops::ValueType* x = in.empty() ? nullptr : in[0];
  const ops::ValueType* w = in.size() > 1 ? in[1] : nullptr;
  const ops::ValueType* y = out.empty() ? nullptr : out[0];
  int64_t out_numel = numel_of(y);
  if (one_of(op, {"Conv", "ConvInteger", "QLinearConv"})) {
    // Each output element: C_in/group * prod(kernel) multiply-adds (W is [M, C/group, k...]).
    const ops::ValueType* weight = op == "QLinearConv" ? (in.size() > 3 ? in[3] : nullptr) : w;
    if (out_numel < 0 || !weight || !weight->has_shape) return -1;
    int64_t per_out = 1;
    for (int a = 1; a < weight->rank(); ++a)
      per_out = saturating_mul(per_out, dim_or_one(weight, a));
    return saturating_mul(2 * out_numel, per_out);
  }
  if (op == "ConvTranspose") {
    // Each input element scatters into C_out/group * prod(kernel) outputs (W is [C, M/group,
    // k...]).
    int64_t in_numel = numel_of(x);
    if (in_numel < 0 || !w || !w->has_shape) return -1;
    int64_t per_in = 1;
    for (int a = 1; a < w->rank(); ++a) per_in = saturating_mul(per_in, dim_or_one(w, a));
    return saturating_mul(2 * in_numel, per_in);
  }
  if (op == "Gemm") {
    if (out_numel < 0 || !x) return -1;
    int64_t k = node.attr_int("transA", 0) ? dim_or_one(x, 0) : dim_or_one(x, 1);
    return saturating_mul(2 * out_numel, k);
  }
  if (one_of(op, {"MatMul", "MatMulInteger", "QLinearMatMul", "FusedMatMul"})) {
    if (out_numel < 0 || !x) return -1;
    return saturating_mul(2 * out_numel, dim_or_one(x, -1));
  }
  if (one_of(op, {"Attention", "MultiHeadAttention"})) {
    // Q·Kᵀ and P·V: 2 * 2 * (query elements) * (key sequence length); softmax ignored.
    if (!x || !w) return -1;
    int64_t q = numel_of(x);
    if (q < 0) return -1;
    int64_t kv_len = w->rank() == 4 ? dim_or_one(w, 2) : dim_or_one(w, 1);
    return saturating_mul(4 * q, kv_len);
  }
  if (one_of(op, {"MaxPool", "AveragePool", "LpPool"})) {
    if (out_numel < 0) return -1;
    int64_t window = 1;
    for (int64_t k : node.attr_ints("kernel_shape"))
      window = saturating_mul(window, std::max<int64_t>(k, 1));
    return saturating_mul(out_numel, window);
  }
  if (one_of(op, {"GlobalAveragePool", "GlobalMaxPool", "ReduceSum", "ReduceMean", "ReduceMax",
                  "ReduceMin", "ReduceProd", "ReduceL2", "ReduceL1", "ReduceSumSquare"})) {
    return numel_of(x);
  }
  if (one_of(op, {"Softmax", "LogSoftmax", "LayerNormalization", "BatchNormalization",
                  "InstanceNormalization", "GroupNormalization", "RMSNormalization",
                  "SkipLayerNormalization"})) {
    int64_t n = numel_of(x);
    return n < 0 ? -1 : saturating_mul(n, 5);
  }
  if (op_category(op) == "tensor" || one_of(op, {"If", "Loop", "Scan", "Dropout"})) return 0;
  // Elementwise and everything else: one per output element.
  return out_numel;
}

}  // namespace onyx::inspect::view_detail
