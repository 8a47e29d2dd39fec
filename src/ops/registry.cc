#include "ops/registry.h"

#include "ir/graph.h"

namespace onyx::ops {

#define ONYX_OP(OpType, since, last)              \
  std::unique_ptr<OpKernel> create_op_##OpType(); \
  DTypeSet element_types_##OpType();
#define ONYX_ML_OP(OpType, since, last) ONYX_OP(OpType, since, last)
#define ONYX_PREVIEW_OP(OpType, since, last) ONYX_OP(OpType, since, last)
#define ONYX_TRAINING_OP(OpType, since, last) ONYX_OP(OpType, since, last)
#define ONYX_INTERNAL_OP(OpType, since, last) ONYX_OP(OpType, since, last)
#include "ops/op_list.inc"
#undef ONYX_OP
#undef ONYX_ML_OP
#undef ONYX_PREVIEW_OP
#undef ONYX_TRAINING_OP
#undef ONYX_INTERNAL_OP

namespace {
const OpInfo kOps[] = {
#define ONYX_OP(OpType, since, last) \
  {#OpType, "", since, last, &create_op_##OpType, &element_types_##OpType},
#define ONYX_DOMAIN_OP(Domain, OpType, since, last) \
  {#OpType, Domain, since, last, &create_op_##OpType, &element_types_##OpType},
#define ONYX_ML_OP(OpType, since, last) ONYX_DOMAIN_OP(kMlDomain, OpType, since, last)
#define ONYX_PREVIEW_OP(OpType, since, last) ONYX_DOMAIN_OP(kPreviewDomain, OpType, since, last)
#define ONYX_TRAINING_OP(OpType, since, last) ONYX_DOMAIN_OP(kTrainingDomain, OpType, since, last)
#define ONYX_INTERNAL_OP(OpType, since, last) ONYX_DOMAIN_OP(kOnyxDomain, OpType, since, last)
#include "ops/op_list.inc"
#undef ONYX_OP
#undef ONYX_DOMAIN_OP
#undef ONYX_ML_OP
#undef ONYX_PREVIEW_OP
#undef ONYX_TRAINING_OP
#undef ONYX_INTERNAL_OP
};
}  // namespace

std::span<const OpInfo> all_ops() {
  return kOps;
}

const OpInfo* find_op(const std::string& domain, const std::string& op_type) {
  for (const OpInfo& op : kOps)
    if (op_type == op.op_type &&
        (ir::is_default_domain(domain) ? op.domain[0] == '\0' : domain == op.domain))
      return &op;
  return nullptr;
}

Result<std::unique_ptr<OpKernel>> create_kernel(const ir::Node& node, int64_t opset) {
  const OpInfo* info = find_op(node.domain, node.op_type);
  std::string domain = node.domain.empty() ? "ai.onnx" : node.domain;
  if (!info)
    return Status(StatusCode::kNotImplemented, node.label() + ": operator " + domain + "." +
                                                   node.op_type + " is not implemented by onyx");
  if (opset < info->since_opset || opset > info->last_opset)
    return Status(StatusCode::kNotImplemented,
                  node.label() + ": onyx implements " + node.op_type + " for opsets " +
                      std::to_string(info->since_opset) + ".." + std::to_string(info->last_opset) +
                      ", model imports " + domain + " opset " + std::to_string(opset));
  std::unique_ptr<OpKernel> kernel = info->create();
  ONYX_RETURN_IF_ERROR(kernel->init(InitContext(node, opset)));
  return kernel;
}

}  // namespace onyx::ops
