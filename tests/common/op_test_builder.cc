#include "common/op_test_builder.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <memory>

#include "base/half.h"
#include "common/model_builder.h"
#include "ops/common/eval.h"
#include "ops/registry.h"

namespace onyx::testing {
namespace {

ir::Attribute attribute(const std::string& name, ir::Attribute::Type type) {
  ir::Attribute a;
  a.name = name;
  a.type = type;
  return a;
}

bool is_float(DType t) {
  return t == DType::kFloat32 || t == DType::kFloat64 || t == DType::kFloat16 ||
         t == DType::kBFloat16;
}

double float_at(const Tensor& t, int64_t i) {
  switch (t.dtype()) {
    case DType::kFloat32:
      return t.data<float>()[i];
    case DType::kFloat64:
      return t.data<double>()[i];
    case DType::kFloat16:
      return half_to_float(t.data<uint16_t>()[i]);
    default:  // bfloat16
      return bf16_to_float(t.data<uint16_t>()[i]);
  }
}

}  // namespace

std::string compare_tensors(const Tensor& want, const Tensor& got, double rtol, double atol) {
  if (!got.defined()) return "output missing";
  if (got.dtype() != want.dtype())
    return std::string("dtype ") + dtype_name(got.dtype()) + ", want " + dtype_name(want.dtype());
  if (got.shape() != want.shape())
    return "shape " + shape_to_string(got.shape()) + ", want " + shape_to_string(want.shape());
  for (int64_t i = 0; i < want.numel(); ++i) {
    const std::string at = "element " + std::to_string(i) + ": ";
    if (is_float(want.dtype())) {
      const double w = float_at(want, i), g = float_at(got, i);
      if (std::isnan(w) && std::isnan(g)) continue;
      if (std::isinf(w) && w == g) continue;
      if (!(std::fabs(g - w) <= atol + rtol * std::fabs(w)))
        return at + "got " + std::to_string(g) + ", want " + std::to_string(w);
    } else if (want.dtype() == DType::kString) {
      if (want.data<std::string>()[i] != got.data<std::string>()[i])
        return at + "got \"" + got.data<std::string>()[i] + "\", want \"" +
               want.data<std::string>()[i] + "\"";
    } else {
      const size_t size = dtype_size(want.dtype());
      if (std::memcmp(static_cast<const char*>(want.raw_data()) + i * size,
                      static_cast<const char*>(got.raw_data()) + i * size, size) != 0)
        return at + "differs";
    }
  }
  return "";
}

OpTest::OpTest(std::string op_type, int64_t opset, std::string domain)
    : op_type_(std::move(op_type)), domain_(std::move(domain)), opset_(opset) {}

OpTest& OpTest::attr(const std::string& name, int64_t v) {
  attrs_.push_back(attribute(name, ir::Attribute::Type::kInt));
  attrs_.back().i = v;
  return *this;
}
OpTest& OpTest::attr(const std::string& name, float v) {
  attrs_.push_back(attribute(name, ir::Attribute::Type::kFloat));
  attrs_.back().f = v;
  return *this;
}
OpTest& OpTest::attr(const std::string& name, const std::string& v) {
  attrs_.push_back(attribute(name, ir::Attribute::Type::kString));
  attrs_.back().s = v;
  return *this;
}
OpTest& OpTest::attr(const std::string& name, std::vector<int64_t> v) {
  attrs_.push_back(attribute(name, ir::Attribute::Type::kInts));
  attrs_.back().ints = std::move(v);
  return *this;
}
OpTest& OpTest::attr(const std::string& name, std::vector<float> v) {
  attrs_.push_back(attribute(name, ir::Attribute::Type::kFloats));
  attrs_.back().floats = std::move(v);
  return *this;
}
OpTest& OpTest::attr(const std::string& name, std::vector<std::string> v) {
  attrs_.push_back(attribute(name, ir::Attribute::Type::kStrings));
  attrs_.back().strings = std::move(v);
  return *this;
}
OpTest& OpTest::attr(const std::string& name, Tensor v) {
  attrs_.push_back(attribute(name, ir::Attribute::Type::kTensor));
  attrs_.back().t = std::move(v);
  return *this;
}

OpTest& OpTest::input(Tensor t) {
  inputs_.push_back(std::move(t));
  input_constant_.push_back(false);
  return *this;
}
OpTest& OpTest::constant(Tensor t) {
  inputs_.push_back(std::move(t));
  input_constant_.push_back(true);
  return *this;
}
OpTest& OpTest::absent() {
  inputs_.emplace_back();
  input_constant_.push_back(false);
  return *this;
}
OpTest& OpTest::output(Tensor expected) {
  expected_.push_back(std::move(expected));
  return *this;
}
OpTest& OpTest::tolerance(double rtol, double atol) {
  rtol_ = rtol;
  atol_ = atol;
  return *this;
}
OpTest& OpTest::num_outputs(int n) {
  num_outputs_ = n;
  return *this;
}
OpTest& OpTest::eager_only() {
  session_ = false;
  return *this;
}

ir::Node OpTest::node() const {
  ir::Node n;
  n.name = "node";
  n.op_type = op_type_;
  n.domain = domain_;
  for (size_t i = 0; i < inputs_.size(); ++i)
    n.inputs.push_back(inputs_[i].defined() ? "in" + std::to_string(i) : "");
  const int outputs = num_outputs_ >= 0 ? num_outputs_ : static_cast<int>(expected_.size());
  for (int i = 0; i < std::max(outputs, 1); ++i) n.outputs.push_back("out" + std::to_string(i));
  n.attributes = attrs_;
  return n;
}

std::string OpTest::describe() const {
  return (domain_.empty() ? "" : domain_ + ".") + op_type_ + " (opset " + std::to_string(opset_) +
         ")";
}

Result<std::vector<Tensor>> OpTest::run_eager(bool all_constant) const {
  const ir::Node n = node();
  Result<std::unique_ptr<ops::OpKernel>> kernel = ops::create_kernel(n, opset_);
  if (!kernel) return kernel.status();
  std::vector<ops::ValueType> types(inputs_.size());
  std::vector<const ops::ValueType*> type_ptrs;
  for (size_t i = 0; i < inputs_.size(); ++i) {
    if (!inputs_[i].defined()) {
      type_ptrs.push_back(nullptr);
      continue;
    }
    types[i] = ops::ValueType::tensor(inputs_[i].dtype(), inputs_[i].shape());
    if (all_constant || input_constant_[i]) types[i].value = inputs_[i];
    type_ptrs.push_back(&types[i]);
  }
  std::vector<ops::ValueType> out_types(n.outputs.size());
  ops::InferContext ctx(n, opset_, type_ptrs, &out_types);
  ONYX_RETURN_IF_ERROR((*kernel)->infer(ctx));
  return ops::run_kernel_eagerly(**kernel, n, opset_, inputs_, type_ptrs, out_types, nullptr);
}

Result<std::vector<Tensor>> OpTest::run_session(bool optimize) const {
  ModelBuilder model(opset_);
  if (!domain_.empty()) model.model().opset_imports.push_back({domain_, 1});
  Feeds feeds;
  for (size_t i = 0; i < inputs_.size(); ++i) {
    if (!inputs_[i].defined()) continue;
    const std::string name = "in" + std::to_string(i);
    if (input_constant_[i]) {
      model.initializer(name, inputs_[i]);
    } else {
      model.input(name, inputs_[i].dtype(), inputs_[i].shape());
      feeds.emplace_back(name, inputs_[i]);
    }
  }
  ir::Node n = node();
  for (size_t i = 0; i < n.outputs.size(); ++i) {
    const DType t = i < expected_.size() ? expected_[i].dtype() : DType::kFloat32;
    model.output(n.outputs[i], t);
  }
  model.model().graph.nodes.push_back(n);
  Result<Session> session =
      model.session(Options{}.threads(2).opt_level(optimize ? OptLevel::kAll : OptLevel::kNone));
  if (!session) return session.status();
  return session->run(feeds);
}

void OpTest::run() {
  struct Path {
    const char* name;
    Result<std::vector<Tensor>> out;
  };
  std::vector<Path> paths;
  paths.push_back({"eager", run_eager(false)});
  paths.push_back({"folded", run_eager(true)});
  if (session_) {
    paths.push_back({"session", run_session(false)});
    paths.push_back({"session (optimized)", run_session(true)});
  }
  for (Path& p : paths) {
    if (!p.out) {
      ADD_FAILURE() << describe() << " [" << p.name << "]: " << p.out.status().to_string();
      continue;
    }
    if (p.out->size() < expected_.size()) {
      ADD_FAILURE() << describe() << " [" << p.name << "]: " << p.out->size() << " outputs, want "
                    << expected_.size();
      continue;
    }
    for (size_t i = 0; i < expected_.size(); ++i) {
      const std::string diff = compare_tensors(expected_[i], (*p.out)[i], rtol_, atol_);
      if (!diff.empty())
        ADD_FAILURE() << describe() << " [" << p.name << "] output " << i << ": " << diff;
    }
  }
}

void OpTest::expect_error(StatusCode code, const std::string& substring) {
  auto check = [&](const char* name, const Result<std::vector<Tensor>>& out, bool check_code) {
    if (out) {
      ADD_FAILURE() << describe() << " [" << name << "]: succeeded, want an error containing \""
                    << substring << "\"";
      return;
    }
    if (check_code) {
      EXPECT_EQ(out.status().code(), code) << describe() << " [" << name << "]";
    }
    EXPECT_NE(out.status().message().find(substring), std::string::npos)
        << describe() << " [" << name << "]: " << out.status().to_string();
  };
  check("eager", run_eager(false), true);
  check("folded", run_eager(true), true);
  if (session_) check("session", run_session(false), false);
}

}  // namespace onyx::testing
