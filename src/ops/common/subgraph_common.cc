#include "ops/common/subgraph_common.h"

#include "ops/common/sequence_common.h"

namespace onyx::ops {

const ir::Graph* graph_attr(const ir::Node& node, const char* name) {
  const ir::Attribute* a = node.attr(name);
  return a && a->g ? a->g.get() : nullptr;
}

Result<std::vector<ValueType>> infer_subgraph(InferContext& ctx, const ir::Graph& graph,
                                              const std::vector<ValueType>& inputs) {
  if (!ctx.subgraphs()) return ctx.not_implemented("subgraph inference is not available here");
  Result<std::vector<ValueType>> r = ctx.subgraphs()->infer(graph, inputs);
  if (!r) return Status(r.status().code(), ctx.error(r.status().message()).message());
  return r;
}

Result<std::vector<Value>> run_subgraph(RunContext& ctx, const ir::Graph& graph,
                                        const std::vector<Value>& inputs) {
  if (!ctx.subgraphs()) return ctx.error("subgraph execution is not available here");
  Result<std::vector<Value>> r = ctx.subgraphs()->run(graph, inputs);
  if (!r) return r.status();
  if (r->size() != graph.outputs.size())
    return ctx.error("subgraph '" + graph.name + "' returned " + std::to_string(r->size()) +
                     " outputs, declares " + std::to_string(graph.outputs.size()));
  return r;
}

Result<ValueType> merge_value_types(const InferContext& ctx, const ValueType& a, const ValueType& b,
                                    const std::string& what) {
  if (a.kind != b.kind || (a.kind == ValueKind::kOptional && a.optional_of != b.optional_of) ||
      (a.dtype != b.dtype && a.dtype != DType::kUndefined && b.dtype != DType::kUndefined))
    return ctx.error(what + ": " + a.type_string() + " vs " + b.type_string());
  ValueType out = a.type_only();
  if (out.dtype == DType::kUndefined) out.dtype = b.dtype;
  if (!a.has_shape || !b.has_shape || a.rank() != b.rank()) {
    out.has_shape = false;
    out.dims.clear();
    return out;
  }
  for (size_t d = 0; d < out.dims.size(); ++d)
    if (a.dims[d] != b.dims[d]) out.dims[d] = kUnknownDim;
  return out;
}

bool scalar_bool(const Tensor& t) {
  return t.numel() > 0 && t.data<bool>()[0];
}

int64_t scalar_int(const Tensor& t) {
  if (t.numel() == 0) return 0;
  return t.dtype() == DType::kInt32 ? int64_t{t.data<int32_t>()[0]} : t.data<int64_t>()[0];
}

Tensor slice_along_axis(const Tensor& t, int64_t axis, int64_t i) {
  Shape shape = t.shape();
  const int64_t len = shape[static_cast<size_t>(axis)];
  shape.erase(shape.begin() + axis);
  int64_t outer = 1, inner = 1;
  for (int k = 0; k < t.rank(); ++k) {
    if (k < axis) outer *= t.dim(k);
    if (k > axis) inner *= t.dim(k);
  }
  Tensor out = Tensor::empty(t.dtype(), shape);
  for (int64_t o = 0; o < outer; ++o)
    copy_elements(t, (o * len + i) * inner, out, o * inner, inner);
  return out;
}

Result<Tensor> stack_along_axis(const RunContext& ctx, const std::vector<Tensor>& items,
                                int64_t axis, DType dtype, const Shape& elem_shape) {
  const Shape& es = items.empty() ? elem_shape : items[0].shape();
  for (const Tensor& t : items)
    if (t.shape() != es || t.dtype() != dtype)
      return ctx.error("per-iteration outputs differ: " + shape_to_string(es) + " vs " +
                       shape_to_string(t.shape()));
  if (axis < 0 || axis > static_cast<int64_t>(es.size()))
    return ctx.error("output axis " + std::to_string(axis) + " is out of range");
  Shape shape = es;
  const int64_t n = static_cast<int64_t>(items.size());
  shape.insert(shape.begin() + axis, n);
  int64_t outer = 1, inner = 1;
  for (size_t k = 0; k < es.size(); ++k) {
    if (static_cast<int64_t>(k) < axis)
      outer *= es[k];
    else
      inner *= es[k];
  }
  Tensor out = Tensor::empty(dtype, shape);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t o = 0; o < outer; ++o)
      copy_elements(items[static_cast<size_t>(i)], o * inner, out, (o * n + i) * inner, inner);
  return out;
}

}  // namespace onyx::ops
