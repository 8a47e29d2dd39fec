// Per-node profiler of a session (Options::enable_profiling): collects timed events from every
// run and writes them as chrome-trace JSON in onnxruntime's event layout.
//
// Thread-safe: concurrent runs record into one list under a mutex. Recording happens only when a
// session has a profiler; the executor's unprofiled path never touches this class.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "onyx/session.hpp"
#include "onyx/status.hpp"
#include "onyx/value.hpp"

namespace onyx::runtime {

struct Step;

class Profiler {
 public:
  using Clock = std::chrono::steady_clock;

  // Event times count from `start` (the session's load).
  explicit Profiler(Clock::time_point start = Clock::now());

  // A fresh index for one run (0, 1, ...).
  int64_t next_run_index() { return next_run_.fetch_add(1); }

  // A Session event ("session_initialization", "model_run"); run -1 for initialization.
  void add_session_event(const std::string& name, Clock::time_point begin, Clock::time_point end,
                         int64_t run);
  // A Node event for `step` (index `step_index` in its plan), whose input and output values are
  // still bound in `values`.
  void add_node_event(const Step& step, size_t step_index, const std::vector<Value>& values,
                      Clock::time_point begin, Clock::time_point end, int64_t run);

  // Events recorded so far (empty after end()).
  std::vector<ProfileEvent> events() const;
  // Stops recording and writes the events to "<prefix>_<local date-time>.json"; returns the
  // path, "" if already ended. Errors name the file.
  Result<std::string> end(const std::string& prefix);

 private:
  void add(ProfileEvent event);

  Clock::time_point start_;
  std::atomic<int64_t> next_run_{0};
  mutable std::mutex mutex_;
  bool ended_ = false;
  std::vector<ProfileEvent> events_;
};

// The events as a chrome-trace JSON array: one complete ("ph":"X") event each, with cat, name,
// pid, tid, ts and dur in microseconds, and for nodes args {op_name, run,
// input_type_shape, output_type_shape} where a type_shape is [{"float": [1, 3, 224, 224]}, ...].
std::string chrome_trace_json(const std::vector<ProfileEvent>& events, int64_t pid);

}  // namespace onyx::runtime
