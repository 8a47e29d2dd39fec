// OpTest: a fluent builder that tests one operator node on concrete tensors, through every path
// the runtime has:
//   eager      create -> init -> infer -> prepare -> run (ops/common/eval.h), inputs marked
//              constant() as plan-time constants, the others as run-time data
//   folded     the same with every input constant (constant folding, weight pre-packing)
//   session    a one-node model (tests/common/model_builder.h) through Session, constant() inputs
//              as initializers, at optimization levels none and all
// Every path must give the expected outputs (dtype, shape, values within the tolerance), or, with
// expect_error(), fail.
//
//   OpTest("Concat", 13)
//       .attr("axis", int64_t{-1})
//       .input<float>({2, 1}, {1, 2})
//       .input<float>({2, 2}, {3, 4, 5, 6})
//       .output<float>({2, 3}, {1, 3, 4, 2, 5, 6})
//       .run();
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "onyx/status.hpp"
#include "onyx/tensor.hpp"

namespace onyx::testing {

class OpTest {
 public:
  explicit OpTest(std::string op_type, int64_t opset, std::string domain = "");

  // Attributes.
  OpTest& attr(const std::string& name, int64_t v);
  OpTest& attr(const std::string& name, float v);
  OpTest& attr(const std::string& name, const std::string& v);
  OpTest& attr(const std::string& name, const char* v) { return attr(name, std::string(v)); }
  OpTest& attr(const std::string& name, std::vector<int64_t> v);
  OpTest& attr(const std::string& name, std::vector<float> v);
  OpTest& attr(const std::string& name, std::vector<std::string> v);
  OpTest& attr(const std::string& name, Tensor v);

  // Inputs, in order. input(): run-time data (except in the folded path); constant(): a
  // plan-time constant everywhere (a model initializer); absent(): an omitted optional input ("").
  OpTest& input(Tensor t);
  OpTest& constant(Tensor t);
  OpTest& absent();
  template <class T>
  OpTest& input(Shape shape, const std::vector<T>& values) {
    return input(Tensor::from_vector<T>(std::move(shape), values));
  }
  template <class T>
  OpTest& constant(Shape shape, const std::vector<T>& values) {
    return constant(Tensor::from_vector<T>(std::move(shape), values));
  }

  // Expected outputs, in order (dtype, shape and values).
  OpTest& output(Tensor expected);
  template <class T>
  OpTest& output(Shape shape, const std::vector<T>& values) {
    return output(Tensor::from_vector<T>(std::move(shape), values));
  }
  // Floating-point elements match when |got - want| <= atol + rtol * |want| (NaN matches NaN).
  // Default: rtol 1e-5, atol 1e-6. Integers, bools and strings must be equal.
  OpTest& tolerance(double rtol, double atol);
  // Number of node outputs when it differs from the number of expected outputs.
  OpTest& num_outputs(int n);
  // Skips the session path (for ops the model checker or optimizer treat specially).
  OpTest& eager_only();

  // Runs every path and records a gtest failure for each mismatch.
  void run();
  // Expects every path to fail; each message must contain `substring`. `code` is checked on the
  // eager paths (a session may report a kernel's error under its own code).
  void expect_error(StatusCode code, const std::string& substring = "");

  // The node's outputs from one path.
  Result<std::vector<Tensor>> run_eager(bool all_constant) const;
  Result<std::vector<Tensor>> run_session(bool optimize) const;

 private:
  ir::Node node() const;
  std::string describe() const;

  std::string op_type_, domain_;
  int64_t opset_;
  std::vector<ir::Attribute> attrs_;
  std::vector<Tensor> inputs_;        // undefined = absent
  std::vector<bool> input_constant_;  // per input
  std::vector<Tensor> expected_;
  int num_outputs_ = -1;
  bool session_ = true;
  double rtol_ = 1e-5, atol_ = 1e-6;
};

// "" when `got` matches `want` (same dtype and shape; values within rtol/atol for floating point,
// equal otherwise), else the first difference.
std::string compare_tensors(const Tensor& want, const Tensor& got, double rtol, double atol);

}  // namespace onyx::testing
