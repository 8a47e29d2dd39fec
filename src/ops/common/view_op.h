// Family code of the pure view ops (Reshape, Squeeze, Unsqueeze, Flatten, Identity): output 0 has
// input 0's elements in the same order under a new shape, so it may share input 0's storage.
//
// A view op supplies only its shape rule (output_shape) and, when its target shape can depend on
// a run-time input, the same rule on concrete tensors (run_time_shape). The base does the rest:
//   infer()  input 0 of any element type (types::All: numeric, bool, string, float16...); the
//            output keeps input 0's dtype and, when input 0 is constant, its (reshaped) value.
//   run()    copies input 0 into output 0 only when the runtime did not alias them
//            (copy_tensor_data); allocates the output when its shape was unknown at plan time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ops/op.h"

namespace onyx::ops {

class ViewOp : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::All>();

  Status infer(InferContext& ctx) const final;
  Status run(RunContext& ctx) const final;
  bool output_aliases_input() const final { return true; }
  // Non-tensor inputs (sequences, optionals, maps) are passed through as values by ops whose
  // passes_values() is true (Identity); the others refuse them at load.
  bool accepts_values() const final { return passes_values(); }

 protected:
  virtual bool passes_values() const { return false; }
  // Checks the op's inputs (count, int-list inputs) and sets out.has_shape/out.dims for input 0
  // (dims may be unknown or symbolic). out.dtype is already input 0's dtype; leave has_shape
  // false when even the rank is unknown.
  virtual Status output_shape(InferContext& ctx, ValueType& out) const = 0;
  // The output shape from concrete inputs, for plans where output_shape() could not fix it
  // (a target-shape input known only at run time). Errors are data-dependent failures.
  virtual Status run_time_shape(RunContext& ctx, Shape* dims) const;
};

// An integer-list argument (Reshape's shape, Squeeze's and Unsqueeze's axes) that older opsets
// take as an attribute and newer ones as an int64 input.
class IntListArg {
 public:
  // `name` of the attribute/input; input `input_index` from opset `input_since` on.
  IntListArg(const char* name, int input_index, int64_t input_since, bool required)
      : name_(name), input_index_(input_index), input_since_(input_since), required_(required) {}

  // Reads the attribute (opsets before input_since); error when required and missing.
  Status init(const InitContext& ctx);
  bool from_input(int64_t opset) const { return opset >= input_since_; }

  // What inference knows about the list.
  struct Known {
    bool present = false;                        // given (attribute, or input listed)
    std::optional<std::vector<int64_t>> values;  // contents, when known at plan time
    int64_t length = kUnknownDim;                // entry count when known (even without values)
    // Without values: the entries as dims when inference propagated them (e.g. a shape built
    // from Shape(x) and constants: fixed, symbolic or kUnknownDim each); empty otherwise.
    std::vector<int64_t> elem_dims;
  };
  // Validates the input form (int64, rank 0 or 1; required presence) and reports what is known.
  Status infer(const InferContext& ctx, Known* known) const;
  // Contents at run time; nullopt when absent. Error when the input is not int32/int64.
  Status run(const RunContext& ctx, std::optional<std::vector<int64_t>>* values) const;
  // The input index errors about the list name (input 0 when it is an attribute).
  int error_input(int64_t opset) const { return from_input(opset) ? input_index_ : 0; }

 private:
  const char* name_;
  int input_index_;
  int64_t input_since_;
  bool required_;
  bool use_input_ = false;  // set by init() from the node's opset
  std::optional<std::vector<int64_t>> attr_;
};

}  // namespace onyx::ops
