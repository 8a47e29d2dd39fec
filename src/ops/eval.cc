#include "ops/eval.h"

#include <cstdlib>
#include <memory>

#include "ops/registry.h"

namespace onyx::ops {

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

  PrepareContext prep_ctx(node, opset, in_ptrs, &out_types, pool);
  ONYX_RETURN_IF_ERROR(kernel->prepare(prep_ctx));

  std::vector<Tensor> outputs(node.outputs.size());
  std::vector<Tensor*> out_ptrs(node.outputs.size(), nullptr);
  for (size_t i = 0; i < outputs.size(); ++i) {
    if (node.outputs[i].empty()) continue;
    out_ptrs[i] = &outputs[i];
    const ValueType& t = out_types[i];
    if (kernel->output_aliases_input() && i == 0 && inputs[0].defined() && t.fully_known())
      outputs[i] = inputs[0].reshaped(t.dims);
    else if (t.fully_known() && t.dtype != DType::kUndefined)
      outputs[i] = Tensor::empty(t.dtype, t.dims);
  }
  std::vector<const Tensor*> in_tensors(inputs.size(), nullptr);
  for (size_t i = 0; i < inputs.size(); ++i)
    if (inputs[i].defined()) in_tensors[i] = &inputs[i];

  std::unique_ptr<void, void (*)(void*)> scratch(nullptr, std::free);
  if (size_t bytes = prep_ctx.scratch_bytes()) {
    scratch.reset(std::aligned_alloc(Tensor::kAlignment,
                                     (bytes + Tensor::kAlignment - 1) / Tensor::kAlignment *
                                         Tensor::kAlignment));
  }
  RunContext run_ctx(node, in_tensors, out_ptrs, scratch.get(), pool);
  ONYX_RETURN_IF_ERROR(kernel->run(run_ctx));
  return outputs;
}

}  // namespace onyx::ops
