#include "ops/common/eval.h"

#include <cstdlib>
#include <memory>

#include "ops/registry.h"

namespace onyx::ops {

Result<std::vector<Tensor>> run_kernel_eagerly(OpKernel& kernel, const ir::Node& node,
                                               int64_t opset, const std::vector<Tensor>& inputs,
                                               const std::vector<const ValueType*>& in_types,
                                               const std::vector<ValueType>& out_types,
                                               ThreadPool* pool) {
  PrepareContext prep_ctx(node, opset, in_types, &out_types, pool);
  ONYX_RETURN_IF_ERROR(kernel.prepare(prep_ctx));

  std::vector<Tensor> outputs(node.outputs.size());
  std::vector<Tensor*> out_ptrs(node.outputs.size(), nullptr);
  for (size_t i = 0; i < outputs.size(); ++i) {
    if (node.outputs[i].empty()) continue;
    out_ptrs[i] = &outputs[i];
    const ValueType& t = out_types[i];
    if (!t.fully_known() || t.dtype == DType::kUndefined) continue;  // run() allocates
    if (kernel.output_aliases_input() && i == 0 && !inputs.empty() && inputs[0].defined())
      outputs[i] = inputs[0].reshaped(t.dims);
    else
      outputs[i] = Tensor::empty(t.dtype, t.dims);
  }
  std::vector<const Tensor*> in_tensors(inputs.size(), nullptr);
  for (size_t i = 0; i < inputs.size(); ++i)
    if (inputs[i].defined()) in_tensors[i] = &inputs[i];

  std::unique_ptr<void, void (*)(void*)> scratch(nullptr, std::free);
  if (size_t bytes = prep_ctx.scratch_bytes()) {
    size_t rounded = (bytes + Tensor::kAlignment - 1) / Tensor::kAlignment * Tensor::kAlignment;
    scratch.reset(std::aligned_alloc(Tensor::kAlignment, rounded));
  }
  RunContext run_ctx(node, in_tensors, out_ptrs, scratch.get(), pool);
  ONYX_RETURN_IF_ERROR(run_kernel(kernel, run_ctx));
  return outputs;
}

Result<std::vector<Tensor>> evaluate_node(const ir::Node& node, int64_t opset,
                                          const std::vector<Tensor>& inputs, ThreadPool* pool,
                                          bool inputs_constant) {
  ONYX_ASSIGN_OR_RETURN(std::unique_ptr<OpKernel> kernel, create_kernel(node, opset));

  std::vector<ValueType> in_types(inputs.size());
  std::vector<const ValueType*> in_ptrs(inputs.size(), nullptr);
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (!inputs[i].defined()) continue;
    in_types[i] = ValueType::tensor(inputs[i].dtype(), inputs[i].shape());
    if (inputs_constant) in_types[i].value = inputs[i];
    in_ptrs[i] = &in_types[i];
  }
  std::vector<ValueType> out_types(node.outputs.size());
  InferContext infer_ctx(node, opset, in_ptrs, &out_types);
  ONYX_RETURN_IF_ERROR(kernel->infer(infer_ctx));
  return run_kernel_eagerly(*kernel, node, opset, inputs, in_ptrs, out_types, pool);
}

}  // namespace onyx::ops
