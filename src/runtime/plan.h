// Execution plan for one input-shape signature: prepared kernels in execution order, constants
// folded, every intermediate placed in one arena by the static memory planner.
//
// A Plan is immutable after build_plan() and shared by concurrent runs; each run borrows an arena
// from the plan's pool (so concurrent runs never share intermediate buffers).
//
// Slots hold Values (onyx/value.hpp). Non-tensor values (sequences, optionals, maps) and every
// output of an op owning subgraphs are kOwned: created per run by the op, never in the arena.
//
// Subgraphs (If/Loop/Scan bodies) get plans of their own, built on first use per input signature
// (body inputs and captured outer values) and cached in their step. A body plan feeds its graph
// inputs first, then its captures (shape/scope.h); the step lists the outer slots it captures so
// their lifetimes cover the step.
#pragma once

#include <cstddef>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/thread_pool.h"
#include "ir/graph.h"
#include "onyx/status.hpp"
#include "onyx/tensor.hpp"
#include "onyx/value.hpp"
#include "ops/op.h"

namespace onyx::runtime {

struct Slot {
  enum class Kind {
    kInput,     // fed by the caller (feed index in `input_index`)
    kConstant,  // initializer or folded value (`constant`)
    kArena,     // intermediate at `offset` in the run's arena
    kOwned,     // allocated per run: graph outputs, strings, data-dependent shapes
    kAlias,     // shares the storage of slot `alias_of` (view ops), with its own shape
  };
  std::string name;
  Kind kind = Kind::kOwned;
  Value::Kind value_kind = Value::Kind::kTensor;
  DType dtype = DType::kUndefined;
  Shape shape;               // concrete; meaningless when !shape_known
  bool shape_known = false;  // false: the producing op allocates (allocate_output)
  size_t offset = 0;         // kArena
  int input_index = -1;      // kInput
  int alias_of = -1;         // kAlias
  int last_use = -1;         // last step reading it (kOwned intermediates are released after)
  bool graph_output = false;
  Tensor constant;  // kConstant
};

struct Plan;

// Plans of one step's subgraphs, per graph and input signature (most recently used first).
struct SubgraphCache {
  struct Entry {
    const ir::Graph* graph = nullptr;
    std::vector<std::string> captures;  // free variables, fed after the graph inputs
    std::list<std::pair<std::string, std::shared_ptr<const Plan>>> plans;
  };
  std::mutex mutex;
  std::vector<Entry> entries;
};

struct Step {
  const ir::Node* node = nullptr;
  ops::OpKernel* kernel = nullptr;
  std::vector<int> inputs;   // slot ids, -1 = absent
  std::vector<int> outputs;  // slot ids, -1 = omitted
  size_t scratch_bytes = 0;
  int64_t opset = 0;
  // Some tensor input's shape is unknown at plan time (it derives from a sequence element or a
  // data-dependent shape): the step is evaluated eagerly on the concrete inputs at run time (fresh
  // kernel: init, infer, prepare, run) and its outputs are owned.
  bool dynamic = false;
  // Nodes with subgraphs: outer values the subgraphs read (names and slot ids), and their plans.
  std::vector<std::string> capture_names;
  std::vector<int> captures;
  std::shared_ptr<SubgraphCache> subgraphs;
};

// Nesting of the graph a plan runs (main graph: depth 0) and the configured limit.
struct PlanConfig {
  int depth = 0;
  int max_depth = 16;
  // Called during build_plan, right after the last prepare() that reads constant `name`, when
  // every reader consumed it (PrepareContext::consume_input) and it is neither a graph output nor
  // read by a subgraph. Returns true when the caller dropped its own references to the tensor's
  // data: the plan then drops its own too (its slot keeps dtype and shape, data null), so the
  // original is freed while the packed copies live on. Null: constants are kept.
  std::function<bool(const std::string& name, const Tensor& value)> release_constant;
};

struct Plan {
  const ir::Model* model = nullptr;  // outlives the plan (owned by the session)
  PlanConfig config;
  std::vector<Slot> slots;
  std::vector<Step> steps;
  std::vector<int> output_slots;  // graph outputs in graph order
  // Per graph output: true when it is (a view of) a fed value. A subgraph's outputs are cloned
  // then, since feeds may live in the enclosing plan's arena.
  std::vector<bool> output_is_feed;
  std::vector<std::unique_ptr<ops::OpKernel>> kernels;
  size_t arena_bytes = 0;     // intermediates
  size_t scratch_offset = 0;  // shared scratch region (steps run one at a time within a run)
  size_t scratch_bytes = 0;
  // Bytes of the constants every reader consumed (roughly what the kernels' packed copies hold)
  // and of those the plan released (PlanConfig::release_constant).
  size_t consumed_constant_bytes = 0;
  size_t released_constant_bytes = 0;

  // Arena reuse across runs of this plan.
  std::unique_ptr<std::byte, void (*)(void*)> acquire_arena() const;
  void release_arena(std::unique_ptr<std::byte, void (*)(void*)> arena) const;

 private:
  mutable std::mutex arena_mutex_;
  mutable std::vector<std::unique_ptr<std::byte, void (*)(void*)>> free_arenas_;
};

// Types of the fed graph inputs, by name (concrete shapes).
using FeedTypes = std::map<std::string, ops::ValueType>;

// `feed_order` lists the fed input names; slot input_index refers to positions in it. For a
// subgraph, feeds are its inputs followed by its captures.
Result<std::unique_ptr<Plan>> build_plan(const ir::Model& model, const ir::Graph& graph,
                                         const FeedTypes& feed_types,
                                         const std::vector<std::string>& feed_order,
                                         ThreadPool* pool, PlanConfig config = {});
// The model's main graph.
Result<std::unique_ptr<Plan>> build_plan(const ir::Model& model, const FeedTypes& feed_types,
                                         const std::vector<std::string>& feed_order,
                                         ThreadPool* pool, PlanConfig config = {});

// Allocates the plan's first arena and writes every page of it, so that the first run does not
// pay the page faults (call once after build_plan; the arena goes to the plan's free list).
void prefault_arena(const Plan& plan);

class Profiler;

// Runs the plan. `feeds` follow build_plan's feed_order. Returns the graph outputs (owned, or
// copies of constants). With a profiler, every step is timed and recorded under `run_index`
// (subgraph bodies are not recorded separately: their time counts in the owning node's).
Result<std::vector<Value>> execute_plan(const Plan& plan, const std::vector<Value>& feeds,
                                        ThreadPool* pool, Profiler* profiler = nullptr,
                                        int64_t run_index = 0);

// What inference knows about a concrete value (a sequence's dims: merged over its tensors).
ops::ValueType value_type_of(const Value& value);
// Plan-cache key of one fed value type: kind, element type and dims.
std::string signature_key(const ops::ValueType& type);

}  // namespace onyx::runtime
