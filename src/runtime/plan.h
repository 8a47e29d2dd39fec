// Execution plan for one input-shape signature: prepared kernels in execution order, constants
// folded, every intermediate placed in one arena by the static memory planner.
//
// A Plan is immutable after build_plan() and shared by concurrent runs; each run borrows an arena
// from the plan's pool (so concurrent runs never share intermediate buffers).
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/thread_pool.h"
#include "ir/graph.h"
#include "onyx/status.hpp"
#include "onyx/tensor.hpp"
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

struct Step {
  const ir::Node* node = nullptr;
  ops::OpKernel* kernel = nullptr;
  std::vector<int> inputs;   // slot ids, -1 = absent
  std::vector<int> outputs;  // slot ids, -1 = omitted
  size_t scratch_bytes = 0;
};

struct Plan {
  std::vector<Slot> slots;
  std::vector<Step> steps;
  std::vector<int> output_slots;  // graph outputs in graph order
  std::vector<std::unique_ptr<ops::OpKernel>> kernels;
  size_t arena_bytes = 0;     // intermediates
  size_t scratch_offset = 0;  // shared scratch region (steps run one at a time within a run)
  size_t scratch_bytes = 0;

  // Arena reuse across runs of this plan.
  std::unique_ptr<std::byte, void (*)(void*)> acquire_arena() const;
  void release_arena(std::unique_ptr<std::byte, void (*)(void*)> arena) const;

 private:
  mutable std::mutex arena_mutex_;
  mutable std::vector<std::unique_ptr<std::byte, void (*)(void*)>> free_arenas_;
};

// Types of the fed graph inputs, by name (concrete shapes).
using FeedTypes = std::map<std::string, ops::ValueType>;

// `feed_order` lists the fed input names; slot input_index refers to positions in it.
Result<std::unique_ptr<Plan>> build_plan(const ir::Model& model, const FeedTypes& feed_types,
                                         const std::vector<std::string>& feed_order,
                                         ThreadPool* pool);

// Runs the plan. `feeds` follow build_plan's feed_order. Returns the graph outputs (owned or
// constants shared read-only).
Result<std::vector<Tensor>> execute_plan(const Plan& plan, const std::vector<Tensor>& feeds,
                                         ThreadPool* pool);

}  // namespace onyx::runtime
