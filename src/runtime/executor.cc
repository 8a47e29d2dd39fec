// Runs a Plan: binds feeds, constants and arena views to slots, then runs the steps in order.
#include <string>

#include "runtime/plan.h"

namespace onyx::runtime {

Result<std::vector<Tensor>> execute_plan(const Plan& plan, const std::vector<Tensor>& feeds,
                                         ThreadPool* pool) {
  auto arena = plan.acquire_arena();
  std::byte* base = arena.get();
  std::vector<Tensor> values(plan.slots.size());
  for (size_t id = 0; id < plan.slots.size(); ++id) {
    const Slot& slot = plan.slots[id];
    if (slot.kind == Slot::Kind::kInput) values[id] = feeds[static_cast<size_t>(slot.input_index)];
    if (slot.kind == Slot::Kind::kConstant) values[id] = slot.constant;
  }
  void* scratch = plan.scratch_bytes ? base + plan.scratch_offset : nullptr;

  std::vector<const Tensor*> in_ptrs;
  std::vector<Tensor*> out_ptrs;
  for (size_t s = 0; s < plan.steps.size(); ++s) {
    const Step& step = plan.steps[s];
    in_ptrs.assign(step.inputs.size(), nullptr);
    for (size_t i = 0; i < step.inputs.size(); ++i)
      if (step.inputs[i] >= 0) in_ptrs[i] = &values[static_cast<size_t>(step.inputs[i])];
    out_ptrs.assign(step.outputs.size(), nullptr);
    for (size_t i = 0; i < step.outputs.size(); ++i) {
      int id = step.outputs[i];
      if (id < 0) continue;
      const Slot& slot = plan.slots[static_cast<size_t>(id)];
      Tensor& t = values[static_cast<size_t>(id)];
      switch (slot.kind) {
        case Slot::Kind::kArena:
          t = Tensor::wrap(slot.dtype, slot.shape, base + slot.offset);
          break;
        case Slot::Kind::kAlias:
          t = values[static_cast<size_t>(step.inputs[0])].reshaped(slot.shape);
          break;
        case Slot::Kind::kOwned:
          if (slot.shape_known) t = Tensor::empty(slot.dtype, slot.shape);
          break;
        case Slot::Kind::kInput:
        case Slot::Kind::kConstant:
          break;
      }
      out_ptrs[i] = &t;
    }
    ops::RunContext ctx(*step.node, in_ptrs, out_ptrs, scratch, pool);
    Status st = step.kernel->run(ctx);
    if (!st.is_ok()) {
      plan.release_arena(std::move(arena));
      return st;
    }
    // Release per-run allocations that no later step reads.
    for (int id : step.inputs) {
      if (id < 0) continue;
      const Slot& slot = plan.slots[static_cast<size_t>(id)];
      if (slot.kind == Slot::Kind::kOwned && !slot.graph_output &&
          slot.last_use == static_cast<int>(s))
        values[static_cast<size_t>(id)] = Tensor();
    }
  }

  std::vector<Tensor> outputs;
  outputs.reserve(plan.output_slots.size());
  for (int id : plan.output_slots) {
    const Slot& slot = plan.slots[static_cast<size_t>(id)];
    // Constants belong to the model: hand out a copy the caller may modify.
    outputs.push_back(slot.kind == Slot::Kind::kConstant ? slot.constant.clone()
                                                         : values[static_cast<size_t>(id)]);
  }
  plan.release_arena(std::move(arena));
  return outputs;
}

}  // namespace onyx::runtime
