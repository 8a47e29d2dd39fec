// The operator contract. Each ONNX op_type lives in one file, src/ops/<snake_case>.cc, defining an
// OpKernel subclass and listed once in src/ops/op_list.inc.
//
// Life cycle, per node and per execution plan (one plan per input-shape signature):
//   init(InitContext)      parse + validate attributes (opset-dependent defaults live here)
//   infer(InferContext)    type/shape function; all input validation. Dims may be symbolic when
//                          called by graph-level inference, and are concrete at plan time.
//   prepare(PrepareContext) concrete shapes: pick kernel, pre-pack constant inputs, size scratch
//   run(RunContext)        compute into pre-allocated outputs; const, so plans can be shared by
//                          concurrent Session::run calls. Returns a Status only for data-dependent
//                          failures (e.g. Gather index out of range); no allocation except
//                          allocate_output for ops whose output shape depends on input values.
//
// Values that are not tensors (sequences, optionals, maps; see onyx/value.hpp): ValueType::kind
// says which; ops that take them override accepts_values() (inference refuses a non-tensor input to
// any other op) and read/write them through RunContext::input_value / output_value. Non-tensor
// outputs are owned per run (never in the arena) and are never constant-folded.
//
// Ops owning subgraphs (If, Loop, Scan: graph attributes) infer and run them through
// InferContext::subgraphs() / RunContext::subgraphs(), which the shape driver and the executor
// provide with every enclosing scope's values visible by name.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/thread_pool.h"
#include "ir/graph.h"
#include "onyx/status.hpp"
#include "onyx/tensor.hpp"
#include "onyx/value.hpp"
#include "ops/common/dtype_visit.h"

namespace onyx::ops {

// Dims during inference: >= 0 fixed; kUnknownDim = unknown; <= -2 = symbolic dim (id, equal ids
// mean equal sizes). Arithmetic on a non-fixed dim yields kUnknownDim unless the op can do better.
constexpr int64_t kUnknownDim = -1;
inline bool dim_known(int64_t d) {
  return d >= 0;
}

using ValueKind = Value::Kind;

// What inference knows about one value. For a sequence, dtype/has_shape/dims describe its tensors
// (dims merged over the elements: unknown where they differ); for an optional, its content (of kind
// optional_of); for a map, dtype is the value element type and map_key the key type; a sequence
// with map_key set is a sequence of such maps (seq(map(map_key, tensor(dtype)))).
struct ValueType {
  ValueKind kind = ValueKind::kTensor;
  ValueKind optional_of = ValueKind::kTensor;  // kOptional: kTensor or kSequence
  DType map_key = DType::kUndefined;           // kMap
  DType dtype = DType::kUndefined;
  bool has_shape = false;  // rank known
  Shape dims;              // valid when has_shape; entries may be unknown/symbolic
  Tensor value;            // defined when the contents are known at plan time (constant)

  static ValueType sequence(DType dtype) {
    ValueType v;
    v.kind = ValueKind::kSequence;
    v.dtype = dtype;
    return v;
  }
  static ValueType tensor(DType dtype, Shape dims) {
    ValueType v;
    v.dtype = dtype;
    v.has_shape = true;
    v.dims = std::move(dims);
    return v;
  }
  int rank() const { return static_cast<int>(dims.size()); }
  // Same dtype and shape, contents unknown: the output type of elementwise ops.
  ValueType type_only() const {
    ValueType t;
    t.kind = kind;
    t.optional_of = optional_of;
    t.map_key = map_key;
    t.dtype = dtype;
    t.has_shape = has_shape;
    t.dims = dims;
    return t;
  }
  bool is_tensor() const { return kind == ValueKind::kTensor; }
  bool is_constant() const { return value.defined(); }
  // "tensor(float)", "seq(tensor(float))", "optional(seq(tensor(int64)))", ...
  std::string type_string() const;
  bool fully_known() const;  // has_shape and every dim fixed
  // Constant integer contents (int32/int64/uint8.. widened); nullopt if not constant or not int.
  std::optional<std::vector<int64_t>> int_values() const;
};

// Infers an op's subgraph (If branch, Loop/Scan body) with the enclosing scopes' values visible:
// `inputs` type the graph's declared inputs in order; returns the types of its outputs in order.
class SubgraphInferrer {
 public:
  virtual ~SubgraphInferrer() = default;
  virtual Result<std::vector<ValueType>> infer(const ir::Graph& graph,
                                               const std::vector<ValueType>& inputs) const = 0;
};

// Runs an op's subgraph: `inputs` bind the graph's declared inputs in order; returns its outputs
// in order. Plans are built per input signature and cached by the runtime.
class SubgraphRunner {
 public:
  virtual ~SubgraphRunner() = default;
  virtual Result<std::vector<Value>> run(const ir::Graph& graph,
                                         const std::vector<Value>& inputs) const = 0;
};

class InitContext {
 public:
  InitContext(const ir::Node& node, int64_t opset) : node_(node), opset_(opset) {}
  const ir::Node& node() const { return node_; }
  int64_t opset() const { return opset_; }
  // InvalidGraph error naming node, op and opset.
  Status error(const std::string& msg) const;
  Status not_implemented(const std::string& msg) const;

 private:
  const ir::Node& node_;
  int64_t opset_;
};

class InferContext {
 public:
  InferContext(const ir::Node& node, int64_t opset, std::vector<const ValueType*> inputs,
               std::vector<ValueType>* outputs)
      : node_(node), opset_(opset), inputs_(std::move(inputs)), outputs_(outputs) {}
  const ir::Node& node() const { return node_; }
  int64_t opset() const { return opset_; }
  int num_inputs() const { return static_cast<int>(inputs_.size()); }
  // Present = listed and not "" (omitted optional inputs are absent).
  bool has_input(int i) const { return i < num_inputs() && inputs_[i] != nullptr; }
  const ValueType& input(int i) const { return *inputs_[static_cast<size_t>(i)]; }
  int num_outputs() const { return static_cast<int>(outputs_->size()); }
  bool has_output(int i) const;
  ValueType& output(int i) { return (*outputs_)[static_cast<size_t>(i)]; }

  // "Conv 'conv1' (opset 17): msg" as InvalidGraph.
  Status error(const std::string& msg) const;
  // "Conv 'conv1' (opset 17): input 1 ('W'): msg" as InvalidGraph.
  Status input_error(int i, const std::string& msg) const;
  Status not_implemented(const std::string& msg) const;
  // Checks num_inputs within [min, max] and returns an error naming the counts otherwise.
  Status expect_inputs(int min, int max) const;
  // Requires input i present with dtype in `allowed` (empty = any).
  Status expect_dtype(int i, std::initializer_list<DType> allowed) const;
  // Requires input i present with dtype in `allowed` (e.g. dtype_set<types::Float>()).
  Status expect_dtype(int i, DTypeSet allowed) const;
  // Requires input i present and of kind `kind`.
  Status expect_kind(int i, ValueKind kind) const;

  // Subgraph inference (nullptr when the caller provides none: then ops owning subgraphs fail).
  const SubgraphInferrer* subgraphs() const { return subgraphs_; }
  void set_subgraphs(const SubgraphInferrer* s) { subgraphs_ = s; }

 private:
  const ir::Node& node_;
  int64_t opset_;
  std::vector<const ValueType*> inputs_;
  std::vector<ValueType>* outputs_;
  const SubgraphInferrer* subgraphs_ = nullptr;
};

class PrepareContext {
 public:
  PrepareContext(const ir::Node& node, int64_t opset, std::vector<const ValueType*> inputs,
                 const std::vector<ValueType>* outputs, ThreadPool* pool)
      : node_(node), opset_(opset), inputs_(std::move(inputs)), outputs_(outputs), pool_(pool) {}
  const ir::Node& node() const { return node_; }
  int64_t opset() const { return opset_; }
  int num_inputs() const { return static_cast<int>(inputs_.size()); }
  bool has_input(int i) const { return i < num_inputs() && inputs_[i] != nullptr; }
  // Concrete (fully known) shapes; .value defined for constant inputs (weights).
  const ValueType& input(int i) const { return *inputs_[static_cast<size_t>(i)]; }
  const ValueType& output(int i) const { return (*outputs_)[static_cast<size_t>(i)]; }
  int num_outputs() const { return static_cast<int>(outputs_->size()); }
  ThreadPool* pool() const { return pool_; }
  // Scratch memory run() receives, 64-byte aligned; per run, not shared between concurrent runs.
  void request_scratch(size_t bytes) { scratch_bytes_ = bytes; }
  size_t scratch_bytes() const { return scratch_bytes_; }
  // Declares that run() never reads the data of constant input i (prepare() pre-packed a copy):
  // the runtime may release the original once every reader consumed it. run() still gets a tensor
  // with input i's dtype and shape, but its data pointer may be null.
  void consume_input(int i) {
    if (consumed_.size() <= static_cast<size_t>(i)) consumed_.resize(static_cast<size_t>(i) + 1);
    consumed_[static_cast<size_t>(i)] = true;
  }
  bool input_consumed(int i) const {
    return static_cast<size_t>(i) < consumed_.size() && consumed_[static_cast<size_t>(i)];
  }
  Status error(const std::string& msg) const;
  Status not_implemented(const std::string& msg) const;

 private:
  const ir::Node& node_;
  int64_t opset_;
  std::vector<const ValueType*> inputs_;
  const std::vector<ValueType>* outputs_;
  ThreadPool* pool_;
  size_t scratch_bytes_ = 0;
  std::vector<bool> consumed_;
};

class RunContext {
 public:
  // inputs: nullptr for absent optional inputs. outputs: pre-allocated with the inferred shape,
  // or undefined when the shape depends on data (then call allocate_output).
  RunContext(const ir::Node& node, std::vector<const Tensor*> inputs, std::vector<Tensor*> outputs,
             void* scratch, ThreadPool* pool)
      : node_(node),
        inputs_(std::move(inputs)),
        outputs_(std::move(outputs)),
        scratch_(scratch),
        pool_(pool) {}
  int num_inputs() const { return static_cast<int>(inputs_.size()); }
  bool has_input(int i) const { return i < num_inputs() && inputs_[i] != nullptr; }
  const Tensor& input(int i) const { return *inputs_[static_cast<size_t>(i)]; }
  int num_outputs() const { return static_cast<int>(outputs_.size()); }
  bool has_output(int i) const { return i < num_outputs() && outputs_[i] != nullptr; }
  Tensor& output(int i) { return *outputs_[static_cast<size_t>(i)]; }
  // For data-dependent output shapes: allocates output i as a fresh owned tensor. A negative dim,
  // an element or byte count that overflows int64, or a failed allocation does not return: it
  // unwinds run() to run_kernel(), which reports a RuntimeException naming the node and shape.
  Tensor& allocate_output(int i, DType dtype, Shape shape);
  void* scratch() const { return scratch_; }
  ThreadPool* pool() const { return pool_; }
  // RuntimeException naming the node.
  Status error(const std::string& msg) const;

  // Values of any kind (bound by the executor; tensor inputs are Values of kind kTensor whose
  // tensor() is input(i)). Assigning output_value(i) replaces output i (owned per run).
  bool values_bound() const { return !in_values_.empty() || !out_values_.empty(); }
  void bind_values(std::vector<const Value*> inputs, std::vector<Value*> outputs) {
    in_values_ = std::move(inputs);
    out_values_ = std::move(outputs);
  }
  const Value& input_value(int i) const { return *in_values_[static_cast<size_t>(i)]; }
  Value& output_value(int i) { return *out_values_[static_cast<size_t>(i)]; }
  // Sets tensor output i to `t`: copied into the pre-allocated output when there is one (shapes
  // must match), else shared.
  Status set_output(int i, const Tensor& t);
  // Subgraph execution (nullptr outside the executor).
  const SubgraphRunner* subgraphs() const { return subgraphs_; }
  void set_subgraphs(const SubgraphRunner* s) { subgraphs_ = s; }

 private:
  const ir::Node& node_;
  std::vector<const Tensor*> inputs_;
  std::vector<Tensor*> outputs_;
  void* scratch_;
  ThreadPool* pool_;
  std::vector<const Value*> in_values_;
  std::vector<Value*> out_values_;
  const SubgraphRunner* subgraphs_ = nullptr;
};

class OpKernel {
 public:
  virtual ~OpKernel() = default;
  virtual Status init(const InitContext& ctx) {
    (void)ctx;
    return Status::ok();
  }
  virtual Status infer(InferContext& ctx) const = 0;
  virtual Status prepare(PrepareContext& ctx) {
    (void)ctx;
    return Status::ok();
  }
  virtual Status run(RunContext& ctx) const = 0;
  // False for ops whose results differ between calls (random generators): never constant-folded.
  virtual bool deterministic() const { return true; }
  // True when output 0 may share input 0's storage (Reshape, Identity, Squeeze...): run() then
  // receives output(0) already aliasing input(0) and need not copy.
  virtual bool output_aliases_input() const { return false; }
  // True for ops that take non-tensor inputs (sequences, optionals, maps).
  virtual bool accepts_values() const { return false; }
};

// Normalizes a possibly negative axis into [0, rank); nullopt if out of range.
std::optional<int64_t> normalize_axis(int64_t axis, int64_t rank);

// kernel.run(ctx), turning a refused allocate_output (see RunContext) into its Status. Every
// caller of OpKernel::run goes through this.
Status run_kernel(const OpKernel& kernel, RunContext& ctx);

}  // namespace onyx::ops

namespace onyx::ops {
// The element types an op class documents (docs/ops.md, `onyx ops`): its static member
// `kElementTypes` (the DTypeSet of its main type constraint, usually T of input 0) when it has
// one, else the empty set ("not stated").
template <class Class>
constexpr DTypeSet element_types_of() {
  if constexpr (requires { Class::kElementTypes; })
    return Class::kElementTypes;
  else
    return DTypeSet{};
}
}  // namespace onyx::ops

// In an op file: ONYX_DEFINE_OP(Conv, ConvOp) defines the factory listed in op_list.inc and the
// element-type query the registry reads (see element_types_of).
#define ONYX_DEFINE_OP(OpType, Class)              \
  namespace onyx::ops {                            \
  std::unique_ptr<OpKernel> create_op_##OpType() { \
    return std::make_unique<Class>();              \
  }                                                \
  DTypeSet element_types_##OpType() {              \
    return element_types_of<Class>();              \
  }                                                \
  }
