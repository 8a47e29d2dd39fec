// Profiler event recording and chrome-trace JSON output.
#include "runtime/profiler.h"

#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <functional>
#include <thread>

#include "runtime/plan.h"

namespace onyx::runtime {

namespace {

double micros_between(Profiler::Clock::time_point from, Profiler::Clock::time_point to) {
  return std::chrono::duration<double, std::micro>(to - from).count();
}

// A small stable per-thread id for the trace's "tid" (hash of the std::thread::id).
int current_thread_id() {
  return static_cast<int>(std::hash<std::thread::id>{}(std::this_thread::get_id()) % 1000003);
}

void append_type_shapes(const std::vector<int>& slot_ids, const std::vector<Value>& values,
                        std::vector<std::pair<std::string, std::vector<int64_t>>>& out) {
  for (int id : slot_ids) {
    if (id < 0) continue;
    const Value& v = values[static_cast<size_t>(id)];
    if (v.is_tensor() && v.tensor().defined())
      out.emplace_back(dtype_name(v.tensor().dtype()), v.tensor().shape());
    else if (v.defined())
      out.emplace_back(v.type_string(), std::vector<int64_t>{});
  }
}

void append_json_string(std::string& out, const std::string& s) {
  out += '"';
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  out += '"';
}

void append_type_shape_list(std::string& out,
                            const std::vector<std::pair<std::string, std::vector<int64_t>>>& list) {
  out += '[';
  for (size_t i = 0; i < list.size(); ++i) {
    if (i) out += ',';
    out += '{';
    append_json_string(out, list[i].first);
    out += ":[";
    for (size_t d = 0; d < list[i].second.size(); ++d) {
      if (d) out += ',';
      out += std::to_string(list[i].second[d]);
    }
    out += "]}";
  }
  out += ']';
}

}  // namespace

Profiler::Profiler(Clock::time_point start) : start_(start) {}

void Profiler::add(ProfileEvent event) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!ended_) events_.push_back(std::move(event));
}

void Profiler::add_session_event(const std::string& name, Clock::time_point begin,
                                 Clock::time_point end, int64_t run) {
  ProfileEvent e;
  e.category = "Session";
  e.name = name;
  e.start_us = micros_between(start_, begin);
  e.duration_us = micros_between(begin, end);
  e.run = run;
  e.thread_id = current_thread_id();
  add(std::move(e));
}

void Profiler::add_node_event(const Step& step, size_t step_index, const std::vector<Value>& values,
                              Clock::time_point begin, Clock::time_point end, int64_t run) {
  ProfileEvent e;
  e.category = "Node";
  e.op_type = step.node->op_type;
  e.name = !step.node->name.empty() ? step.node->name
                                    : step.node->op_type + "_" + std::to_string(step_index);
  e.start_us = micros_between(start_, begin);
  e.duration_us = micros_between(begin, end);
  e.run = run;
  e.thread_id = current_thread_id();
  append_type_shapes(step.inputs, values, e.inputs);
  append_type_shapes(step.outputs, values, e.outputs);
  add(std::move(e));
}

std::vector<ProfileEvent> Profiler::events() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return events_;
}

Result<std::string> Profiler::end(const std::string& prefix) {
  std::vector<ProfileEvent> events;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (ended_) return std::string();
    ended_ = true;
    events.swap(events_);
  }
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%d_%H-%M-%S", &local);
  const std::string path = prefix + "_" + stamp + ".json";
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << chrome_trace_json(events, static_cast<int64_t>(::getpid()));
  file.close();
  if (!file) return Status(StatusCode::kRuntimeException, "profiling: cannot write '" + path + "'");
  return path;
}

std::string chrome_trace_json(const std::vector<ProfileEvent>& events, int64_t pid) {
  std::string out = "[\n";
  char num[64];
  for (size_t i = 0; i < events.size(); ++i) {
    const ProfileEvent& e = events[i];
    out += "{\"cat\":";
    append_json_string(out, e.category);
    out += ",\"pid\":" + std::to_string(pid) + ",\"tid\":" + std::to_string(e.thread_id);
    std::snprintf(num, sizeof num, ",\"dur\":%.3f,\"ts\":%.3f", e.duration_us, e.start_us);
    out += num;
    out += ",\"ph\":\"X\",\"name\":";
    append_json_string(out, e.name);
    out += ",\"args\":{";
    if (e.category == "Node") {
      out += "\"op_name\":";
      append_json_string(out, e.op_type);
      out += ",\"provider\":\"CPUExecutionProvider\",\"run\":" + std::to_string(e.run);
      out += ",\"input_type_shape\":";
      append_type_shape_list(out, e.inputs);
      out += ",\"output_type_shape\":";
      append_type_shape_list(out, e.outputs);
    } else if (e.run >= 0) {
      out += "\"run\":" + std::to_string(e.run);
    }
    out += "}}";
    out += i + 1 < events.size() ? ",\n" : "\n";
  }
  out += "]\n";
  return out;
}

}  // namespace onyx::runtime
