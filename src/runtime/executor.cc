// Runs a Plan: binds feeds, constants and arena views to slots, then runs the steps in order.
// Steps owning subgraphs get a SubgraphRunner that plans (cached per signature) and runs their
// bodies with the captured outer values.
#include <new>
#include <string>

#include "ops/common/eval.h"
#include "runtime/plan.h"
#include "runtime/profiler.h"

namespace onyx::runtime {

namespace {

// Runs a dynamic step (see Step::dynamic) eagerly and stores its outputs as owned values.
Status run_dynamic_step(const Step& step, std::vector<Value>& values, ThreadPool* pool) {
  std::vector<Tensor> inputs(step.inputs.size());
  for (size_t i = 0; i < step.inputs.size(); ++i)
    if (step.inputs[i] >= 0) inputs[i] = values[static_cast<size_t>(step.inputs[i])].tensor();
  ONYX_ASSIGN_OR_RETURN(std::vector<Tensor> outs,
                        ops::evaluate_node(*step.node, step.opset, inputs, pool));
  for (size_t i = 0; i < step.outputs.size() && i < outs.size(); ++i) {
    if (step.outputs[i] < 0) continue;
    // An aliasing op's output is a view of its input, which may live in the arena.
    Tensor t = i == 0 && step.kernel->output_aliases_input() ? outs[i].clone() : outs[i];
    values[static_cast<size_t>(step.outputs[i])] = Value(std::move(t));
  }
  return Status::ok();
}

class StepSubgraphRunner final : public ops::SubgraphRunner {
 public:
  StepSubgraphRunner(const Plan& plan, const Step& step, const std::vector<Value>& values,
                     ThreadPool* pool)
      : plan_(plan), step_(step), values_(values), pool_(pool) {}

  Result<std::vector<Value>> run(const ir::Graph& graph,
                                 const std::vector<Value>& inputs) const override {
    SubgraphCache& cache = *step_.subgraphs;
    SubgraphCache::Entry* entry = nullptr;
    for (SubgraphCache::Entry& e : cache.entries)
      if (e.graph == &graph) entry = &e;
    if (!entry)
      return Status(StatusCode::kFail, step_.node->label() + ": subgraph '" + graph.name +
                                           "' is not an attribute of this node");
    if (inputs.size() != graph.inputs.size())
      return Status(StatusCode::kRuntimeException,
                    step_.node->label() + ": subgraph '" + graph.name + "' declares " +
                        std::to_string(graph.inputs.size()) + " inputs, got " +
                        std::to_string(inputs.size()));
    FeedTypes types;
    std::vector<std::string> order;
    std::vector<Value> feeds = inputs;
    std::string key;
    for (size_t i = 0; i < inputs.size(); ++i) {
      ops::ValueType t = value_type_of(inputs[i]);
      key += signature_key(t);
      types[graph.inputs[i].name] = std::move(t);
      order.push_back(graph.inputs[i].name);
    }
    for (const std::string& name : entry->captures) {
      int id = -1;
      for (size_t k = 0; k < step_.capture_names.size(); ++k)
        if (step_.capture_names[k] == name) id = step_.captures[k];
      if (id < 0)
        return Status(StatusCode::kFail,
                      step_.node->label() + ": capture '" + name + "' has no slot");
      const Value& v = values_[static_cast<size_t>(id)];
      ops::ValueType t = value_type_of(v);
      // Outer constants stay constants inside (the body may fold on them).
      if (plan_.slots[static_cast<size_t>(id)].kind == Slot::Kind::kConstant) t.value = v.tensor();
      key += signature_key(t);
      types[name] = std::move(t);
      order.push_back(name);
      feeds.push_back(v);
    }
    ONYX_ASSIGN_OR_RETURN(std::shared_ptr<const Plan> nested, plan_for(*entry, key, types, order));
    return execute_plan(*nested, feeds, pool_);
  }

 private:
  Result<std::shared_ptr<const Plan>> plan_for(SubgraphCache::Entry& entry, const std::string& key,
                                               const FeedTypes& types,
                                               const std::vector<std::string>& order) const {
    constexpr size_t kMaxPlansPerGraph = 8;
    std::lock_guard<std::mutex> lock(step_.subgraphs->mutex);
    for (auto it = entry.plans.begin(); it != entry.plans.end(); ++it) {
      if (it->first != key) continue;
      entry.plans.splice(entry.plans.begin(), entry.plans, it);
      return entry.plans.front().second;
    }
    PlanConfig config = plan_.config;
    config.depth += 1;
    ONYX_ASSIGN_OR_RETURN(std::unique_ptr<Plan> nested,
                          build_plan(*plan_.model, *entry.graph, types, order, pool_, config));
    entry.plans.emplace_front(key, std::shared_ptr<const Plan>(std::move(nested)));
    if (entry.plans.size() > kMaxPlansPerGraph) entry.plans.pop_back();
    return entry.plans.front().second;
  }

  const Plan& plan_;
  const Step& step_;
  const std::vector<Value>& values_;
  ThreadPool* pool_;
};

}  // namespace

namespace {

// Reused per-run argument arrays (no allocation per step once sized).
struct StepArgs {
  std::vector<const Tensor*> in_ptrs;
  std::vector<Tensor*> out_ptrs;
  std::vector<const Value*> in_values;
  std::vector<Value*> out_values;
};

// Runs step `s`: binds its outputs (arena views, aliases, owned allocations), runs the kernel
// and checks the kinds of the values it produced. Releasing dead inputs is the caller's job.
Status run_step(const Plan& plan, size_t s, std::vector<Value>& values, std::byte* base,
                void* scratch, ThreadPool* pool, StepArgs& args) {
  const Step& step = plan.steps[s];
  if (step.dynamic) return run_dynamic_step(step, values, pool);
  args.in_ptrs.assign(step.inputs.size(), nullptr);
  args.in_values.assign(step.inputs.size(), nullptr);
  for (size_t i = 0; i < step.inputs.size(); ++i) {
    if (step.inputs[i] < 0) continue;
    Value& v = values[static_cast<size_t>(step.inputs[i])];
    args.in_ptrs[i] = &v.tensor();
    args.in_values[i] = &v;
  }
  args.out_ptrs.assign(step.outputs.size(), nullptr);
  args.out_values.assign(step.outputs.size(), nullptr);
  for (size_t i = 0; i < step.outputs.size(); ++i) {
    int id = step.outputs[i];
    if (id < 0) continue;
    const Slot& slot = plan.slots[static_cast<size_t>(id)];
    Value& v = values[static_cast<size_t>(id)];
    v = slot.value_kind == Value::Kind::kTensor ? Value(Tensor()) : Value();
    switch (slot.kind) {
      case Slot::Kind::kArena:
        v.tensor() = Tensor::wrap(slot.dtype, slot.shape, base + slot.offset);
        break;
      case Slot::Kind::kAlias:
        v.tensor() = values[static_cast<size_t>(step.inputs[0])].tensor().reshaped(slot.shape);
        break;
      case Slot::Kind::kOwned:
        if (slot.shape_known) {
          try {
            v.tensor() = Tensor::empty(slot.dtype, slot.shape);
          } catch (const std::bad_alloc&) {
            return Status(StatusCode::kRuntimeException,
                          step.node->label() + ": out of memory allocating output " +
                              std::to_string(i) + " " + shape_to_string(slot.shape));
          }
        }
        break;
      case Slot::Kind::kInput:
      case Slot::Kind::kConstant:
        break;
    }
    args.out_ptrs[i] = &v.tensor();
    args.out_values[i] = &v;
  }
  ops::RunContext ctx(*step.node, args.in_ptrs, args.out_ptrs, scratch, pool);
  ctx.bind_values(args.in_values, args.out_values);
  StepSubgraphRunner runner(plan, step, values, pool);
  if (step.subgraphs) ctx.set_subgraphs(&runner);
  Status st = ops::run_kernel(*step.kernel, ctx);
  for (size_t i = 0; st.is_ok() && i < step.outputs.size(); ++i) {
    int id = step.outputs[i];
    if (id < 0) continue;
    const Slot& slot = plan.slots[static_cast<size_t>(id)];
    const Value& v = values[static_cast<size_t>(id)];
    if (v.kind() != slot.value_kind)
      st =
          ctx.error("output " + std::to_string(i) + " is " +
                    (v.defined() ? v.type_string() : std::string("missing")) + ", inference said " +
                    (slot.value_kind == Value::Kind::kTensor ? "a tensor" : "another kind"));
  }
  return st;
}

// run_step timed and recorded as one node event (inputs and outputs still bound).
Status run_profiled_step(const Plan& plan, size_t s, std::vector<Value>& values, std::byte* base,
                         void* scratch, ThreadPool* pool, StepArgs& args, Profiler& profiler,
                         int64_t run_index) {
  const Profiler::Clock::time_point begin = Profiler::Clock::now();
  Status st = run_step(plan, s, values, base, scratch, pool, args);
  const Profiler::Clock::time_point end = Profiler::Clock::now();
  if (st.is_ok()) profiler.add_node_event(plan.steps[s], s, values, begin, end, run_index);
  return st;
}

}  // namespace

Result<std::vector<Value>> execute_plan(const Plan& plan, const std::vector<Value>& feeds,
                                        ThreadPool* pool, Profiler* profiler, int64_t run_index) {
  auto arena = plan.acquire_arena();
  std::byte* base = arena.get();
  if (!base)
    return Status(StatusCode::kRuntimeException,
                  "out of memory allocating the run's arena (" +
                      std::to_string(plan.scratch_offset + plan.scratch_bytes) + " bytes)");
  std::vector<Value> values(plan.slots.size());
  for (size_t id = 0; id < plan.slots.size(); ++id) {
    const Slot& slot = plan.slots[id];
    if (slot.kind == Slot::Kind::kInput) values[id] = feeds[static_cast<size_t>(slot.input_index)];
    if (slot.kind == Slot::Kind::kConstant) values[id] = slot.constant;
  }
  void* scratch = plan.scratch_bytes ? base + plan.scratch_offset : nullptr;

  StepArgs args;
  for (size_t s = 0; s < plan.steps.size(); ++s) {
    const Step& step = plan.steps[s];
    Status st = profiler ? run_profiled_step(plan, s, values, base, scratch, pool, args, *profiler,
                                             run_index)
                         : run_step(plan, s, values, base, scratch, pool, args);
    if (!st.is_ok()) {
      plan.release_arena(std::move(arena));
      return st;
    }
    // Release per-run allocations that no later step reads.
    auto release = [&](int id) {
      if (id < 0) return;
      const Slot& slot = plan.slots[static_cast<size_t>(id)];
      if (slot.kind == Slot::Kind::kOwned && !slot.graph_output &&
          slot.last_use == static_cast<int>(s))
        values[static_cast<size_t>(id)] = Value();
    };
    for (int id : step.inputs) release(id);
    for (int id : step.captures) release(id);
  }

  std::vector<Value> outputs;
  outputs.reserve(plan.output_slots.size());
  for (size_t k = 0; k < plan.output_slots.size(); ++k) {
    const int id = plan.output_slots[k];
    const Slot& slot = plan.slots[static_cast<size_t>(id)];
    const Value& v = values[static_cast<size_t>(id)];
    // Constants belong to the model: hand out a copy the caller may modify. A subgraph's fed
    // tensors may live in the enclosing arena: copy those too.
    if (slot.kind == Slot::Kind::kConstant)
      outputs.push_back(Value(slot.constant.clone()));
    else if (plan.config.depth > 0 && plan.output_is_feed[k] && v.is_tensor())
      outputs.push_back(Value(v.tensor().clone()));
    else
      outputs.push_back(v);
  }
  plan.release_arena(std::move(arena));
  return outputs;
}

}  // namespace onyx::runtime
