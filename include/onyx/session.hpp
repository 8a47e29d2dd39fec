// Session: load an ONNX model once, run it many times.
//
//   onyx::Session s = onyx::Session::load("model.onnx", onyx::Options{}.threads(2)).value();
//   std::vector<onyx::Tensor> out = s.run({{"input", x}}).value();
//
// A Session is cheap to copy (shared state) and run() may be called from several threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "onyx/status.hpp"
#include "onyx/tensor.hpp"
#include "onyx/value.hpp"

namespace onyx {

// Graph optimization levels, as in onnxruntime.
enum class OptLevel { kNone = 0, kBasic = 1, kExtended = 2, kAll = 99 };

class Options {
 public:
  // Intra-op worker threads including the caller; 0 = number of cores.
  Options& threads(int n) {
    threads_ = n;
    return *this;
  }
  Options& opt_level(OptLevel level) {
    opt_level_ = level;
    return *this;
  }
  // Skips one graph optimization pass by name (onnxruntime's disabled_optimizers), e.g.
  // "fuse_conv_activation"; `onyx optimize --report` and the error for an unknown name list them.
  Options& disable_optimizer(std::string pass_name) {
    disabled_optimizers_.push_back(std::move(pass_name));
    return *this;
  }
  // Deepest nesting of subgraphs (If/Loop/Scan bodies inside bodies) a model may use; deeper
  // models fail to load with an error naming the limit.
  Options& max_subgraph_depth(int depth) {
    max_subgraph_depth_ = depth;
    return *this;
  }
  // Records per-node timings of every run (and the session's initialization) from load until
  // Session::end_profiling(), which writes them as a chrome-trace JSON file named
  // "<prefix>_<YYYY-MM-DD_HH-MM-SS>.json" (onnxruntime's naming). Off by default; when off the
  // executor pays one untaken branch per node.
  Options& enable_profiling(std::string prefix = "onyx_profile") {
    profile_prefix_ = std::move(prefix);
    profiling_ = true;
    return *this;
  }
  // Whether idle intra-op workers spin briefly for the next parallel loop before sleeping (as
  // onnxruntime's session.intra_op.allow_spinning). Off: they sleep at once (no idle CPU burn,
  // a little more latency per parallel loop).
  Options& allow_spinning(bool on) {
    allow_spinning_ = on;
    return *this;
  }
  int threads() const { return threads_; }
  bool allow_spinning() const { return allow_spinning_; }
  OptLevel opt_level() const { return opt_level_; }
  const std::vector<std::string>& disabled_optimizers() const { return disabled_optimizers_; }
  int max_subgraph_depth() const { return max_subgraph_depth_; }
  bool profiling() const { return profiling_; }
  const std::string& profile_prefix() const { return profile_prefix_; }

 private:
  int threads_ = 0;
  bool allow_spinning_ = true;
  OptLevel opt_level_ = OptLevel::kAll;
  std::vector<std::string> disabled_optimizers_;
  int max_subgraph_depth_ = 16;
  bool profiling_ = false;
  std::string profile_prefix_;
};

// One timed interval recorded by a profiling session. Times are microseconds; start_us counts
// from the moment profiling began (session load).
struct ProfileEvent {
  std::string category;  // "Session" (session_initialization, model_run) or "Node"
  std::string name;      // node name (unnamed nodes: "<op_type>_<index in graph>") or event name
  std::string op_type;   // "" for Session events
  double start_us = 0;
  double duration_us = 0;
  int64_t run = -1;  // index of the run this event belongs to (-1: session initialization)
  int thread_id = 0;
  // Per node input/output (omitted optional ones skipped): ONNX element type name ("float",
  // "int64") and concrete dims.
  std::vector<std::pair<std::string, std::vector<int64_t>>> inputs, outputs;
};

// Describes one graph input or output.
struct ValueMeta {
  enum class Kind { kTensor, kSequence, kMap, kOptional, kUnknown };
  std::string name;
  Kind kind = Kind::kTensor;
  // kOptional: what it holds (kTensor or kSequence).
  Kind optional_of = Kind::kTensor;
  // Element type: of the tensor, of the sequence's tensors, of the optional's content, or of the
  // map's values (map_key_type: its keys; also set for a sequence of maps). Shape fields likewise
  // describe those tensors.
  DType dtype = DType::kUndefined;
  DType map_key_type = DType::kUndefined;
  bool has_shape = false;  // false when the model declares no shape at all
  // One entry per dim: >= 0 fixed size, -1 not fixed. dim_names[i] is the symbolic name
  // ("batch_size") when the model gives one, else "".
  std::vector<int64_t> shape;
  std::vector<std::string> dim_names;
  // onnxruntime-style type string: "tensor(float)", "seq(tensor(int64))", ...
  std::string type_string;
};

struct ModelMeta {
  int64_t ir_version = 0;
  std::string producer_name, producer_version, domain, doc_string;
  int64_t model_version = 0;
  std::string graph_name, graph_doc_string;
  std::vector<std::pair<std::string, int64_t>> opset_imports;  // domain ("" = ai.onnx), version
  std::map<std::string, std::string> metadata_props;
};

// Memory a session holds beyond the model file (Session::memory_stats).
struct MemoryStats {
  size_t cached_plans = 0;  // per-input-shape plans kept (bounded, least recently used evicted)
  size_t plan_bytes = 0;    // their arenas plus pre-packed weights (estimated by the originals)
  size_t arena_bytes = 0;   // intermediates and scratch of one run, summed over cached plans
  size_t packed_weight_bytes = 0;    // originals of the weights ops pre-packed, summed over plans
  size_t released_weight_bytes = 0;  // originals freed after packing (restored for a new plan)
};

using Feeds = std::vector<std::pair<std::string, Tensor>>;
using ValueFeeds = std::vector<std::pair<std::string, Value>>;

class Session {
 public:
  // Loads from a file (mmapped; weights are used in place). External data resolves relative to
  // the model's folder.
  static Result<Session> load(const std::string& path, const Options& options = Options());
  // Loads from bytes (copied into the session). External data is refused (no base folder).
  static Result<Session> load_bytes(const void* data, size_t size,
                                    const Options& options = Options());

  const std::vector<ValueMeta>& inputs() const;
  const std::vector<ValueMeta>& outputs() const;
  const ModelMeta& metadata() const;

  // Runs the graph. `output_names` empty = all graph outputs, in graph order. Every required graph
  // input must be fed; errors name the input and what was expected.
  // Fails when a requested output is not a tensor (use run_values).
  Result<std::vector<Tensor>> run(const Feeds& feeds,
                                  const std::vector<std::string>& output_names = {}) const;
  // The same for values of any kind: sequences, optionals (Value::none() feeds None) and maps.
  Result<std::vector<Value>> run_values(const ValueFeeds& feeds,
                                        const std::vector<std::string>& output_names = {}) const;

  // Profiling (Options::enable_profiling): the events recorded so far, in recording order (empty
  // when profiling is off or ended).
  std::vector<ProfileEvent> profile_events() const;
  // Stops profiling and writes the recorded events as chrome-trace JSON (chrome://tracing,
  // Perfetto); returns the file's path, "" when profiling is off or already ended.
  Result<std::string> end_profiling() const;

  // What the session holds now (plans cached, arenas, weights pre-packed and released).
  MemoryStats memory_stats() const;

  // Internal: sessions are created by load()/load_bytes().
  struct Impl;
  static Session from_impl(std::shared_ptr<Impl> impl);

 private:
  explicit Session(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;
};

}  // namespace onyx
