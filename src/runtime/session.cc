// Session: load -> import -> check/infer -> optimize at load; plan per input-shape signature
// (cached, bounded) -> execute at run.
#include "onyx/session.hpp"

#include <algorithm>
#include <cstring>
#include <list>
#include <mutex>

#include "base/thread_pool.h"
#include "import/loader.h"
#include "ir/gradient_graph.h"
#include "onyx/version.hpp"
#include "runtime/opt_level.h"
#include "runtime/plan.h"
#include "runtime/profiler.h"
#include "shape/infer.h"

namespace onyx {

const char* version() {
  return "0.1.0";
}

namespace {

// Plan cache bound: at most this many plans, and beyond the most recent one at most
// kMaxCachedPlanBytes of plans (arenas plus packed weights), so that many input shapes never grow
// memory without bound.
constexpr size_t kMaxCachedPlans = 8;
constexpr size_t kMaxCachedPlanBytes = size_t{512} << 20;

size_t plan_bytes(const runtime::Plan& plan) {
  return plan.scratch_offset + plan.scratch_bytes + plan.consumed_constant_bytes;
}

// The signature of one run: runtime::signature_key of every declared input, in declared order; an
// optional input left unfed (its initializer default applies) contributes "-;".
using Signature = std::string;

ValueMeta make_value_meta(const ir::ValueInfo& info) {
  ValueMeta m;
  m.name = info.name;
  m.type_string = info.type.to_string();
  const ir::TypeInfo* t = &info.type;
  switch (info.type.kind) {
    case ir::TypeInfo::Kind::kTensor:
    case ir::TypeInfo::Kind::kSparseTensor:
      m.kind = ValueMeta::Kind::kTensor;
      break;
    case ir::TypeInfo::Kind::kSequence:
      m.kind = ValueMeta::Kind::kSequence;
      t = info.type.inner.get();
      if (t && t->kind == ir::TypeInfo::Kind::kMap) {  // seq(map(K, V)): describe the maps
        m.map_key_type = t->map_key_type;
        t = t->inner.get();
      }
      break;
    case ir::TypeInfo::Kind::kMap:
      m.kind = ValueMeta::Kind::kMap;
      m.map_key_type = info.type.map_key_type;
      t = info.type.inner.get();
      break;
    case ir::TypeInfo::Kind::kOptional:
      m.kind = ValueMeta::Kind::kOptional;
      t = info.type.inner.get();
      if (t && t->kind == ir::TypeInfo::Kind::kSequence) {
        m.optional_of = ValueMeta::Kind::kSequence;
        t = t->inner.get();
      }
      break;
    case ir::TypeInfo::Kind::kUnknown:
      m.kind = ValueMeta::Kind::kUnknown;
      break;
  }
  if (t) {
    m.dtype = t->elem_type;
    m.has_shape = t->has_shape;
    m.shape = t->dims;
    m.dim_names = t->dim_params;
    m.dim_names.resize(m.shape.size());
  }
  return m;
}

}  // namespace

struct Session::Impl {
  ir::Model model;
  Options options;
  std::unique_ptr<ThreadPool> pool;
  std::unique_ptr<runtime::Profiler> profiler;  // set while profiling (Options::enable_profiling)
  std::vector<ValueMeta> inputs;  // graph inputs the caller may feed (initializer-backed ones too)
  std::vector<bool> input_required;  // false for inputs with an initializer default
  std::vector<ValueMeta> outputs;
  std::vector<ValueMeta> public_inputs;  // required inputs only, as onnxruntime lists them
  ModelMeta meta;

  // Plan cache, most recently used first; mutable: run() is const and thread-safe.
  mutable std::mutex cache_mutex;
  mutable std::list<std::pair<Signature, std::shared_ptr<const runtime::Plan>>> plans;

  // Weights in the model file (Session::load). Initializers import copied out of the file and that
  // every reader pre-packed are freed after planning (the graph keeps a data-less placeholder) and
  // copied again from the file before the next plan is built. Guarded by cache_mutex.
  struct ReleasedWeight {
    std::string name;
    std::string_view source;  // in weights.file
    DType dtype;
    Shape shape;
  };
  mutable import::WeightSources weights;
  mutable std::vector<ReleasedWeight> released;
  mutable size_t released_bytes = 0;

  bool release_weight(const std::string& name, const Tensor& value) const;
  void restore_weights() const;

  Status init();
  Result<std::shared_ptr<const runtime::Plan>> plan_for(
      const Signature& sig, const std::vector<int>& fed,
      const std::vector<ops::ValueType>& fed_types) const;
  Result<std::vector<Value>> run(const ValueFeeds& feeds,
                                 const std::vector<std::string>& output_names) const;
};

Status Session::Impl::init() {
  const ir::Graph& g = model.graph;
  meta.ir_version = model.ir_version;
  meta.producer_name = model.producer_name;
  meta.producer_version = model.producer_version;
  meta.domain = model.domain;
  meta.doc_string = model.doc_string;
  meta.model_version = model.model_version;
  meta.graph_name = g.name;
  meta.graph_doc_string = g.doc_string;
  for (const auto& o : model.opset_imports) meta.opset_imports.emplace_back(o.domain, o.version);
  for (const auto& [k, v] : model.metadata_props) meta.metadata_props[k] = v;

  for (const ir::ValueInfo& in : g.inputs) {
    inputs.push_back(make_value_meta(in));
    bool required = g.initializer(in.name) == nullptr;
    input_required.push_back(required);
    if (required) public_inputs.push_back(inputs.back());
  }
  for (const ir::ValueInfo& out : g.outputs) outputs.push_back(make_value_meta(out));

  // Graph-level inference validates every node (unsupported ops fail here, at load time).
  shape::InferOptions infer_options{false, nullptr};
  infer_options.max_depth = options.max_subgraph_depth();
  ONYX_RETURN_IF_ERROR(
      shape::infer_graph(model, g, {}, infer_options).status().with_context("invalid model"));
  ONYX_RETURN_IF_ERROR(
      optimize_graph(model, options.opt_level(), options.disabled_optimizers()).status());
  pool = std::make_unique<ThreadPool>(options.threads(), options.allow_spinning());
  return Status::ok();
}

Result<std::shared_ptr<const runtime::Plan>> Session::Impl::plan_for(
    const Signature& sig, const std::vector<int>& fed,
    const std::vector<ops::ValueType>& fed_types) const {
  std::lock_guard<std::mutex> lock(cache_mutex);
  for (auto it = plans.begin(); it != plans.end(); ++it) {
    if (it->first == sig) {
      plans.splice(plans.begin(), plans, it);
      return plans.front().second;
    }
  }
  runtime::FeedTypes types;
  std::vector<std::string> order;
  for (size_t k = 0; k < fed.size(); ++k) {
    const std::string& name = inputs[static_cast<size_t>(fed[k])].name;
    types[name] = fed_types[k];
    order.push_back(name);
  }
  runtime::PlanConfig config;
  config.max_depth = options.max_subgraph_depth();
  config.release_constant = [this](const std::string& name, const Tensor& value) {
    return release_weight(name, value);
  };
  restore_weights();
  ONYX_ASSIGN_OR_RETURN(std::unique_ptr<runtime::Plan> plan,
                        runtime::build_plan(model, types, order, pool.get(), config));
  runtime::prefault_arena(*plan);
  plans.emplace_front(sig, std::shared_ptr<const runtime::Plan>(std::move(plan)));
  size_t total = 0;
  for (const auto& entry : plans) total += plan_bytes(*entry.second);
  while (plans.size() > 1 && (plans.size() > kMaxCachedPlans ||
                              total - plan_bytes(*plans.front().second) > kMaxCachedPlanBytes)) {
    total -= plan_bytes(*plans.back().second);
    plans.pop_back();
  }
  return plans.front().second;
}

bool Session::Impl::release_weight(const std::string& name, const Tensor& value) const {
  if (!weights.file) return false;
  if (weights.file->contains(value.raw_data())) {  // used in place: its pages can go
    weights.file->drop_resident(value.raw_data(), value.nbytes());
    return false;
  }
  auto source = weights.copied.find(value.raw_data());
  if (source == weights.copied.end() || source->second.size() != value.nbytes()) return false;
  // The graph's initializer must be that very copy (a pass may have replaced it).
  auto& inits = const_cast<ir::Graph&>(model.graph).initializers;
  auto it = std::find_if(inits.begin(), inits.end(), [&](const auto& e) {
    return e.first == name && e.second.raw_data() == value.raw_data();
  });
  if (it == inits.end()) return false;
  released.push_back({name, source->second, value.dtype(), value.shape()});
  released_bytes += value.nbytes();
  weights.copied.erase(source);
  it->second = Tensor::wrap(value.dtype(), value.shape(), nullptr);
  return true;
}

void Session::Impl::restore_weights() const {
  auto& inits = const_cast<ir::Graph&>(model.graph).initializers;
  for (const ReleasedWeight& w : released) {
    Tensor t = Tensor::empty(w.dtype, w.shape);
    std::memcpy(t.raw_data(), w.source.data(), w.source.size());
    weights.file->drop_resident(w.source.data(), w.source.size());
    weights.copied[t.raw_data()] = w.source;
    for (auto& [name, init] : inits)
      if (name == w.name && !init.raw_data()) init = t;
  }
  released.clear();
  released_bytes = 0;
}

namespace {

std::string declared_shape(const ValueMeta& m) {
  std::string s = "[";
  for (size_t i = 0; i < m.shape.size(); ++i) {
    if (i) s += ", ";
    s += !m.dim_names[i].empty() ? m.dim_names[i]
         : m.shape[i] >= 0       ? std::to_string(m.shape[i])
                                 : std::string("?");
  }
  return s + "]";
}

Status check_tensor(const ValueMeta& m, const Tensor& t);

// The kind a declared input takes (kUnknown: any).
bool kind_matches(ValueMeta::Kind declared, Value::Kind fed) {
  switch (declared) {
    case ValueMeta::Kind::kTensor:
      return fed == Value::Kind::kTensor;
    case ValueMeta::Kind::kSequence:
      return fed == Value::Kind::kSequence;
    case ValueMeta::Kind::kOptional:
      return fed == Value::Kind::kOptional;
    case ValueMeta::Kind::kMap:
      return fed == Value::Kind::kMap;
    case ValueMeta::Kind::kUnknown:
      return true;
  }
  return false;
}

Status check_feed(const ValueMeta& m, const Value& v) {
  if (!v.defined())
    return Status(StatusCode::kInvalidArgument, "input '" + m.name + "': value is empty");
  if (!kind_matches(m.kind, v.kind()))
    return Status(StatusCode::kInvalidArgument,
                  "input '" + m.name + "': expected " + m.type_string + ", got " + v.type_string());
  if (v.is_tensor()) return check_tensor(m, v.tensor());
  if (v.kind() == Value::Kind::kOptional && !v.has_value() &&
      !kind_matches(m.optional_of, v.optional_kind()))
    return Status(StatusCode::kInvalidArgument,
                  "input '" + m.name + "': expected " + m.type_string + ", got " + v.type_string());
  if (v.kind() == Value::Kind::kSequence && m.kind == ValueMeta::Kind::kSequence &&
      v.map_key_type() != m.map_key_type)  // seq(tensor) vs seq(map), or other map keys
    return Status(StatusCode::kInvalidArgument,
                  "input '" + m.name + "': expected " + m.type_string + ", got " + v.type_string());
  Value content = v.kind() == Value::Kind::kOptional ? v.contained() : v;
  if (v.kind() == Value::Kind::kOptional && v.has_value() && content.kind() == Value::Kind::kTensor)
    return check_tensor(m, content.tensor());
  if (m.dtype != DType::kUndefined && v.elem_type() != DType::kUndefined &&
      v.elem_type() != m.dtype)
    return Status(StatusCode::kInvalidArgument,
                  "input '" + m.name + "': expected " + m.type_string + ", got " + v.type_string());
  for (const Tensor& item : content.items())
    if (item.dtype() != v.elem_type())
      return Status(StatusCode::kInvalidArgument,
                    "input '" + m.name + "': sequence holds a tensor of element type " +
                        dtype_name(item.dtype()) + " in a " + v.type_string());
  return Status::ok();
}

Status check_tensor(const ValueMeta& m, const Tensor& t) {
  if (!t.defined())
    return Status(StatusCode::kInvalidArgument, "input '" + m.name + "': tensor is empty");
  if (m.dtype != DType::kUndefined && t.dtype() != m.dtype)
    return Status(StatusCode::kInvalidArgument,
                  std::string("input '") + m.name + "': expected element type " +
                      dtype_name(m.dtype) + ", got " + dtype_name(t.dtype()));
  if (!m.has_shape) return Status::ok();
  if (t.rank() != static_cast<int>(m.shape.size()))
    return Status(StatusCode::kInvalidArgument,
                  "input '" + m.name + "': expected rank " + std::to_string(m.shape.size()) + " " +
                      declared_shape(m) + ", got rank " + std::to_string(t.rank()) + " " +
                      shape_to_string(t.shape()));
  for (size_t i = 0; i < m.shape.size(); ++i)
    if (m.shape[i] >= 0 && t.shape()[i] != m.shape[i])
      return Status(StatusCode::kInvalidArgument,
                    "input '" + m.name + "': dim " + std::to_string(i) + " must be " +
                        std::to_string(m.shape[i]) + " (declared " + declared_shape(m) + "), got " +
                        shape_to_string(t.shape()));
  return Status::ok();
}

// `load_begin`: when loading started (the session_initialization event begins there).
Result<Session> finish_load(Result<ir::Model> model, const Options& options,
                            runtime::Profiler::Clock::time_point load_begin,
                            import::WeightSources weights = {}) {
  if (!model.is_ok()) return model.status();
  auto impl = std::make_shared<Session::Impl>();
  impl->weights = std::move(weights);
  if (options.profiling()) impl->profiler = std::make_unique<runtime::Profiler>(load_begin);
  impl->model = std::move(model).value();
  // Gradient nodes get their forward graph (runtime-only: the imported model stays what the file
  // says, so writing it back gives the same model).
  ONYX_RETURN_IF_ERROR(ir::attach_gradient_graphs(impl->model.graph));
  impl->options = options;
  ONYX_RETURN_IF_ERROR(impl->init());
  if (impl->profiler)
    impl->profiler->add_session_event("session_initialization", load_begin,
                                      runtime::Profiler::Clock::now(), -1);
  return Session::from_impl(std::move(impl));
}

}  // namespace

Session Session::from_impl(std::shared_ptr<Impl> impl) {
  return Session(std::move(impl));
}

Result<Session> Session::load(const std::string& path, const Options& options) {
  const auto begin = runtime::Profiler::Clock::now();
  import::WeightSources weights;
  Result<ir::Model> model = import::load_model_file(path, &weights);
  return finish_load(std::move(model), options, begin, std::move(weights));
}

Result<Session> Session::load_bytes(const void* data, size_t size, const Options& options) {
  const auto begin = runtime::Profiler::Clock::now();
  auto copy = std::make_shared<std::vector<std::byte>>(size);
  if (size) std::memcpy(copy->data(), data, size);
  return finish_load(import::load_model_bytes(copy->data(), size, copy), options, begin);
}

const std::vector<ValueMeta>& Session::inputs() const {
  return impl_->public_inputs;
}
const std::vector<ValueMeta>& Session::outputs() const {
  return impl_->outputs;
}
const ModelMeta& Session::metadata() const {
  return impl_->meta;
}

Result<std::vector<Tensor>> Session::run(const Feeds& feeds,
                                         const std::vector<std::string>& output_names) const {
  ValueFeeds values;
  values.reserve(feeds.size());
  for (const auto& [name, tensor] : feeds) values.emplace_back(name, Value(tensor));
  ONYX_ASSIGN_OR_RETURN(std::vector<Value> outs, impl_->run(values, output_names));
  std::vector<Tensor> tensors;
  tensors.reserve(outs.size());
  for (size_t i = 0; i < outs.size(); ++i) {
    if (!outs[i].is_tensor()) {
      std::string name = output_names.empty() ? impl_->outputs[i].name : output_names[i];
      return Status(StatusCode::kInvalidArgument, "output '" + name + "' is " +
                                                      outs[i].type_string() +
                                                      ", not a tensor: use Session::run_values");
    }
    tensors.push_back(outs[i].tensor());
  }
  return tensors;
}

MemoryStats Session::memory_stats() const {
  std::lock_guard<std::mutex> lock(impl_->cache_mutex);
  MemoryStats stats;
  stats.cached_plans = impl_->plans.size();
  for (const auto& entry : impl_->plans) {
    const runtime::Plan& plan = *entry.second;
    stats.plan_bytes += plan_bytes(plan);
    stats.arena_bytes += plan.scratch_offset + plan.scratch_bytes;
    stats.packed_weight_bytes += plan.consumed_constant_bytes;
  }
  stats.released_weight_bytes = impl_->released_bytes;
  return stats;
}

std::vector<ProfileEvent> Session::profile_events() const {
  return impl_->profiler ? impl_->profiler->events() : std::vector<ProfileEvent>{};
}

Result<std::string> Session::end_profiling() const {
  if (!impl_->profiler) return std::string();
  return impl_->profiler->end(impl_->options.profile_prefix());
}

Result<std::vector<Value>> Session::run_values(const ValueFeeds& feeds,
                                               const std::vector<std::string>& output_names) const {
  return impl_->run(feeds, output_names);
}

Result<std::vector<Value>> Session::Impl::run(const ValueFeeds& feeds,
                                              const std::vector<std::string>& output_names) const {
  const Impl& impl = *this;
  // Match feeds to declared inputs.
  std::vector<const Value*> by_input(impl.inputs.size(), nullptr);
  for (const auto& [name, tensor] : feeds) {
    auto it = std::find_if(impl.inputs.begin(), impl.inputs.end(),
                           [&](const ValueMeta& m) { return m.name == name; });
    if (it == impl.inputs.end()) {
      std::string names;
      for (const ValueMeta& m : impl.public_inputs)
        names += (names.empty() ? "'" : ", '") + m.name + "'";
      return Status(StatusCode::kInvalidArgument,
                    "unknown input name '" + name + "' (model inputs: " + names + ")");
    }
    size_t idx = static_cast<size_t>(it - impl.inputs.begin());
    if (by_input[idx])
      return Status(StatusCode::kInvalidArgument, "input '" + name + "' is fed twice");
    ONYX_RETURN_IF_ERROR(check_feed(*it, tensor));
    by_input[idx] = &tensor;
  }
  Signature sig;
  std::vector<int> fed;
  std::vector<ops::ValueType> fed_types;
  std::vector<Value> feed_values;
  for (size_t i = 0; i < impl.inputs.size(); ++i) {
    if (!by_input[i]) {
      if (impl.input_required[i])
        return Status(StatusCode::kInvalidArgument,
                      "missing input '" + impl.inputs[i].name + "' (expected " +
                          impl.inputs[i].type_string + " " + declared_shape(impl.inputs[i]) + ")");
      sig += "-;";
      continue;
    }
    fed_types.push_back(runtime::value_type_of(*by_input[i]));
    sig += runtime::signature_key(fed_types.back());
    fed.push_back(static_cast<int>(i));
    feed_values.push_back(*by_input[i]);
  }
  ONYX_ASSIGN_OR_RETURN(std::shared_ptr<const runtime::Plan> plan,
                        impl.plan_for(sig, fed, fed_types));
  runtime::Profiler* profiler = impl.profiler.get();
  const int64_t run_index = profiler ? profiler->next_run_index() : 0;
  const auto run_begin = runtime::Profiler::Clock::now();
  ONYX_ASSIGN_OR_RETURN(
      std::vector<Value> all,
      runtime::execute_plan(*plan, feed_values, impl.pool.get(), profiler, run_index));
  if (profiler)
    profiler->add_session_event("model_run", run_begin, runtime::Profiler::Clock::now(), run_index);
  if (output_names.empty()) return all;
  std::vector<Value> selected;
  for (const std::string& name : output_names) {
    auto it = std::find_if(impl.outputs.begin(), impl.outputs.end(),
                           [&](const ValueMeta& m) { return m.name == name; });
    if (it == impl.outputs.end())
      return Status(StatusCode::kInvalidArgument, "unknown output name '" + name + "'");
    selected.push_back(all[static_cast<size_t>(it - impl.outputs.begin())]);
  }
  return selected;
}

}  // namespace onyx
