#include "runtime/plan.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

#include "base/checked_size.h"
#include "runtime/memory_planner.h"
#include "shape/infer.h"
#include "shape/scope.h"

namespace onyx::runtime {

namespace {

using ArenaPtr = std::unique_ptr<std::byte, void (*)(void*)>;

ArenaPtr allocate_arena(size_t bytes) {
  size_t rounded = (std::max<size_t>(bytes, 1) + 63) / 64 * 64;
  return ArenaPtr(static_cast<std::byte*>(std::aligned_alloc(64, rounded)), std::free);
}

// Larger tensors are refused when planning: the arena offsets of several such buffers would
// overflow size_t, and no machine allocates them anyway.
constexpr int64_t kMaxTensorBytes = int64_t{1} << 56;

int alias_root(const std::vector<Slot>& slots, int id) {
  while (slots[static_cast<size_t>(id)].kind == Slot::Kind::kAlias)
    id = slots[static_cast<size_t>(id)].alias_of;
  return id;
}

}  // namespace

ArenaPtr Plan::acquire_arena() const {
  {
    std::lock_guard<std::mutex> lock(arena_mutex_);
    if (!free_arenas_.empty()) {
      ArenaPtr a = std::move(free_arenas_.back());
      free_arenas_.pop_back();
      return a;
    }
  }
  return allocate_arena(scratch_offset + scratch_bytes);
}

void Plan::release_arena(ArenaPtr arena) const {
  std::lock_guard<std::mutex> lock(arena_mutex_);
  if (free_arenas_.size() < 4) free_arenas_.push_back(std::move(arena));
}

void prefault_arena(const Plan& plan) {
  ArenaPtr arena = plan.acquire_arena();
  if (arena) std::memset(arena.get(), 0, plan.scratch_offset + plan.scratch_bytes);
  plan.release_arena(std::move(arena));
}

ops::ValueType value_type_of(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kTensor:
      return ops::ValueType::tensor(value.tensor().dtype(), value.tensor().shape());
    case Value::Kind::kSequence: {
      ops::ValueType t = ops::ValueType::sequence(value.elem_type());
      t.map_key = value.map_key_type();  // kUndefined unless a sequence of maps
      const std::vector<Tensor>& items = value.items();
      if (items.empty()) return t;
      t.has_shape = true;
      t.dims = items[0].shape();
      for (const Tensor& item : items) {
        if (item.rank() != static_cast<int>(t.dims.size())) {
          t.has_shape = false;
          t.dims.clear();
          break;
        }
        for (size_t d = 0; d < t.dims.size(); ++d)
          if (item.shape()[d] != t.dims[d]) t.dims[d] = ops::kUnknownDim;
      }
      return t;
    }
    case Value::Kind::kOptional: {
      ops::ValueType t;
      if (value.has_value()) {
        t = value_type_of(value.contained());
      } else {
        t.dtype = value.elem_type();
      }
      t.kind = Value::Kind::kOptional;
      t.optional_of = value.optional_kind();
      return t;
    }
    case Value::Kind::kMap: {
      ops::ValueType t;
      t.kind = Value::Kind::kMap;
      t.map_key = value.map_keys().dtype();
      t.dtype = value.elem_type();
      return t;
    }
    case Value::Kind::kUndefined:
      break;
  }
  return ops::ValueType();
}

std::string signature_key(const ops::ValueType& type) {
  std::string key = std::to_string(static_cast<int>(type.kind)) + ":" +
                    std::to_string(static_cast<int>(type.optional_of)) + ":" +
                    std::to_string(static_cast<int>(type.dtype)) + ":" +
                    std::to_string(static_cast<int>(type.map_key)) + ":";
  if (type.has_shape) key += shape_to_string(type.dims);
  return key + ";";
}

Result<std::unique_ptr<Plan>> build_plan(const ir::Model& model, const FeedTypes& feed_types,
                                         const std::vector<std::string>& feed_order,
                                         ThreadPool* pool, PlanConfig config) {
  return build_plan(model, model.graph, feed_types, feed_order, pool, config);
}

Result<std::unique_ptr<Plan>> build_plan(const ir::Model& model, const ir::Graph& graph,
                                         const FeedTypes& feed_types,
                                         const std::vector<std::string>& feed_order,
                                         ThreadPool* pool, PlanConfig config) {
  shape::InferOptions infer_options;
  infer_options.pool = pool;
  infer_options.depth = config.depth;
  infer_options.max_depth = config.max_depth;
  ONYX_ASSIGN_OR_RETURN(shape::GraphInference inf,
                        shape::infer_graph(model, graph, feed_types, infer_options));

  auto plan = std::make_unique<Plan>();
  plan->model = &model;
  plan->config = config;
  std::unordered_map<std::string, int> slot_of;
  auto add_slot = [&](Slot slot) {
    int id = static_cast<int>(plan->slots.size());
    slot_of[slot.name] = id;
    plan->slots.push_back(std::move(slot));
    return id;
  };
  for (size_t i = 0; i < feed_order.size(); ++i) {
    const ops::ValueType& t = feed_types.at(feed_order[i]);
    Slot s;
    s.name = feed_order[i];
    s.kind = Slot::Kind::kInput;
    s.value_kind = t.kind;
    s.dtype = t.dtype;
    s.shape = t.dims;
    s.shape_known = t.is_tensor();
    s.input_index = static_cast<int>(i);
    add_slot(std::move(s));
  }
  // Constants: every known value that is not fed (initializers and folded outputs) on first use.
  auto slot_for_input = [&](const std::string& name) -> int {
    auto it = slot_of.find(name);
    if (it != slot_of.end()) return it->second;
    const ops::ValueType* t = inf.find(name);
    if (!t || !t->is_constant() || !t->is_tensor()) return -1;
    Slot s;
    s.name = name;
    s.kind = Slot::Kind::kConstant;
    s.dtype = t->dtype;
    s.shape = t->value.shape();
    s.shape_known = true;
    s.constant = t->value;
    return add_slot(std::move(s));
  };

  // Readers left per constant that may be released once consumed; graph outputs and values that
  // subgraphs capture are never released.
  std::unordered_map<std::string, int> readers_left;
  for (const shape::NodeInference& ni : inf.nodes) {
    if (ni.folded) continue;
    const ir::Node& node = graph.nodes[ni.node_index];
    for (const std::string& name : node.inputs)
      if (!name.empty()) ++readers_left[name];
    if (shape::has_subgraphs(node))
      for (const std::string& name : shape::node_captures(node)) readers_left[name] = -1;
  }
  for (const ir::ValueInfo& out : graph.outputs) readers_left[out.name] = -1;
  // After a step's prepare(): counts down its consumed constant inputs, releasing the last.
  auto count_consumed = [&](const ops::PrepareContext& prep, const Step& step) {
    for (size_t i = 0; i < step.inputs.size(); ++i) {
      if (step.inputs[i] < 0 || !prep.input_consumed(static_cast<int>(i))) continue;
      Slot& slot = plan->slots[static_cast<size_t>(step.inputs[i])];
      int& left = readers_left[slot.name];
      if (slot.kind != Slot::Kind::kConstant || left <= 0 || --left > 0) continue;
      plan->consumed_constant_bytes += slot.constant.nbytes();
      if (!config.release_constant || !config.release_constant(slot.name, slot.constant)) continue;
      plan->released_constant_bytes += slot.constant.nbytes();
      slot.constant = Tensor::wrap(slot.dtype, slot.shape, nullptr);
      auto it = inf.values.find(slot.name);
      if (it != inf.values.end()) it->second.value = slot.constant;
    }
  };

  for (shape::NodeInference& ni : inf.nodes) {
    if (ni.folded) continue;
    const ir::Node& node = graph.nodes[ni.node_index];
    Step step;
    step.node = &node;
    step.kernel = ni.kernel.get();
    std::vector<const ops::ValueType*> in_types(node.inputs.size(), nullptr);
    for (size_t i = 0; i < node.inputs.size(); ++i) {
      if (node.inputs[i].empty()) {
        step.inputs.push_back(-1);
        continue;
      }
      int id = slot_for_input(node.inputs[i]);
      if (id < 0)
        return Status(StatusCode::kInvalidGraph,
                      node.label() + ": input '" + node.inputs[i] + "' has no producer");
      step.inputs.push_back(id);
      in_types[i] = inf.find(node.inputs[i]);
    }
    if (shape::has_subgraphs(node)) {
      step.subgraphs = std::make_shared<SubgraphCache>();
      for (const ir::Graph* g : shape::subgraphs_of(node)) {
        SubgraphCache::Entry e;
        e.graph = g;
        e.captures = shape::free_variables(*g);
        step.subgraphs->entries.push_back(std::move(e));
      }
      for (const std::string& name : shape::node_captures(node)) {
        int id = slot_for_input(name);
        if (id < 0)
          return Status(StatusCode::kInvalidGraph,
                        node.label() + ": a subgraph reads '" + name + "', which is not visible");
        step.capture_names.push_back(name);
        step.captures.push_back(id);
      }
    }
    std::vector<ops::ValueType> out_types(node.outputs.size());
    for (size_t i = 0; i < node.outputs.size(); ++i)
      if (!node.outputs[i].empty()) out_types[i] = inf.values.at(node.outputs[i]);
    step.opset = ni.opset;
    {
      // Ops taking values handle unknown shapes themselves, except aliasing ones (Identity),
      // which rely on the planner's alias.
      bool all_tensors = !step.subgraphs, unknown = false;
      for (int id : step.inputs) {
        if (id < 0) continue;
        const Slot& in = plan->slots[static_cast<size_t>(id)];
        if (in.value_kind != Value::Kind::kTensor) all_tensors = false;
        if (!in.shape_known) unknown = true;
      }
      for (const ops::ValueType& t : out_types) all_tensors = all_tensors && t.is_tensor();
      step.dynamic = all_tensors && unknown &&
                     (!ni.kernel->accepts_values() || ni.kernel->output_aliases_input());
    }
    // prepare() sees concrete shapes only: a dynamic step is prepared again, eagerly, at run time
    // (run_dynamic_step), so its planned kernel is never prepared with unknown dims.
    if (!step.dynamic) {
      ops::PrepareContext prep(node, ni.opset, in_types, &out_types, pool);
      ONYX_RETURN_IF_ERROR(ni.kernel->prepare(prep));
      step.scratch_bytes = prep.scratch_bytes();
      count_consumed(prep, step);
    }

    int step_index = static_cast<int>(plan->steps.size());
    for (size_t i = 0; i < node.outputs.size(); ++i) {
      if (node.outputs[i].empty()) {
        step.outputs.push_back(-1);
        continue;
      }
      const ops::ValueType& t = out_types[i];
      // The op creates these outputs itself (owned per run).
      const bool op_owned = !t.is_tensor() || step.subgraphs != nullptr || step.dynamic;
      Slot s;
      s.name = node.outputs[i];
      s.value_kind = t.kind;
      s.dtype = t.dtype;
      s.shape_known = !op_owned && t.fully_known() && t.dtype != DType::kUndefined;
      if (s.shape_known) s.shape = t.dims;
      if (s.shape_known && (!checked_nbytes(s.dtype, s.shape) ||
                            *checked_nbytes(s.dtype, s.shape) > kMaxTensorBytes))
        return Status(StatusCode::kRuntimeException,
                      node.label() + ": output " + std::to_string(i) + " ('" + s.name +
                          "') would have shape " + shape_to_string(s.shape) +
                          ": more bytes than any allocation can hold");
      s.last_use = step_index;
      if (i == 0 && ni.kernel->output_aliases_input() && step.inputs[0] >= 0 && s.shape_known &&
          plan->slots[step.inputs[0]].value_kind == Value::Kind::kTensor) {
        s.kind = Slot::Kind::kAlias;
        s.alias_of = step.inputs[0];
      } else if (s.shape_known && t.dtype != DType::kString) {
        s.kind = Slot::Kind::kArena;
      } else {
        s.kind = Slot::Kind::kOwned;
      }
      step.outputs.push_back(add_slot(std::move(s)));
    }
    for (int id : step.inputs)
      if (id >= 0) plan->slots[id].last_use = std::max(plan->slots[id].last_use, step_index);
    for (int id : step.captures)
      plan->slots[id].last_use = std::max(plan->slots[id].last_use, step_index);
    plan->kernels.push_back(std::move(ni.kernel));
    plan->steps.push_back(std::move(step));
  }

  // Graph outputs are handed to the caller, so they live outside the arena.
  for (const ir::ValueInfo& out : graph.outputs) {
    int id = slot_for_input(out.name);
    if (id < 0)
      return Status(StatusCode::kInvalidGraph,
                    "graph output '" + out.name + "' is not produced by any node");
    plan->slots[id].graph_output = true;
    int root = alias_root(plan->slots, id);
    if (plan->slots[root].kind == Slot::Kind::kArena) plan->slots[root].kind = Slot::Kind::kOwned;
    plan->output_slots.push_back(id);
    plan->output_is_feed.push_back(plan->slots[root].kind == Slot::Kind::kInput);
  }
  // An alias keeps its root's storage alive.
  for (size_t id = 0; id < plan->slots.size(); ++id) {
    if (plan->slots[id].kind != Slot::Kind::kAlias) continue;
    int root = alias_root(plan->slots, static_cast<int>(id));
    plan->slots[root].last_use = std::max(plan->slots[root].last_use, plan->slots[id].last_use);
    if (plan->slots[id].graph_output) plan->slots[root].last_use = INT32_MAX;
  }

  // Place arena intermediates. A slot's first step is the step producing it.
  std::vector<BufferRequest> requests;
  std::vector<int> request_slot;
  for (size_t s = 0; s < plan->steps.size(); ++s)
    for (int id : plan->steps[s].outputs) {
      if (id < 0 || plan->slots[id].kind != Slot::Kind::kArena) continue;
      const Slot& slot = plan->slots[id];
      BufferRequest r;
      r.bytes = static_cast<size_t>(shape_numel(slot.shape)) * dtype_size(slot.dtype);
      r.first_step = static_cast<int>(s);
      r.last_step = std::max(slot.last_use, r.first_step);
      requests.push_back(r);
      request_slot.push_back(id);
    }
  MemoryPlan mem = plan_memory(requests);
  for (size_t r = 0; r < requests.size(); ++r) plan->slots[request_slot[r]].offset = mem.offsets[r];
  plan->arena_bytes = mem.arena_bytes;
  plan->scratch_offset = (mem.arena_bytes + 63) / 64 * 64;
  for (const Step& step : plan->steps)
    plan->scratch_bytes = std::max(plan->scratch_bytes, step.scratch_bytes);
  return plan;
}

}  // namespace onyx::runtime
