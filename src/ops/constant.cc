// Constant: output = the tensor held by exactly one attribute:
//   value (tensor, opset 1+), sparse_value (opset 11+, densified into attr.t by import),
//   value_float / value_floats / value_int / value_ints / value_string / value_strings (12+).
// Inference sets the output's value, so downstream inference sees a constant.
#include "ops/common/int_inputs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class ConstantOp final : public OpKernel {
 public:
  // Element types: any element type a Tensor holds.
  static constexpr DTypeSet kElementTypes = dtype_set<types::All>();

  Status init(const InitContext& ctx) override {
    using Type = ir::Attribute::Type;
    const auto& attrs = ctx.node().attributes;
    if (attrs.size() != 1)
      return ctx.error("expected exactly one value attribute, got " + std::to_string(attrs.size()));
    const ir::Attribute& a = attrs[0];
    auto wrong_type = [&](const char* expected) {
      return ctx.error("attribute '" + a.name + "' must be " + expected + ", got " +
                       ir::attribute_type_name(a.type));
    };
    if (a.name == "value" || a.name == "sparse_value") {
      if (a.type != Type::kTensor && a.type != Type::kSparseTensor) return wrong_type("a tensor");
      if (!a.t.defined()) return ctx.error("attribute '" + a.name + "' holds no tensor data");
      value_ = a.t;
    } else if (a.name == "value_float") {
      if (a.type != Type::kFloat) return wrong_type("a float");
      value_ = Tensor::scalar<float>(a.f);
    } else if (a.name == "value_floats") {
      if (a.type != Type::kFloats) return wrong_type("floats");
      value_ = Tensor::from_vector<float>({static_cast<int64_t>(a.floats.size())}, a.floats);
    } else if (a.name == "value_int") {
      if (a.type != Type::kInt) return wrong_type("an int");
      value_ = Tensor::scalar<int64_t>(a.i);
    } else if (a.name == "value_ints") {
      if (a.type != Type::kInts) return wrong_type("ints");
      value_ = Tensor::from_vector<int64_t>({static_cast<int64_t>(a.ints.size())}, a.ints);
    } else if (a.name == "value_string") {
      if (a.type != Type::kString) return wrong_type("a string");
      value_ = Tensor::scalar<std::string>(a.s);
    } else if (a.name == "value_strings") {
      if (a.type != Type::kStrings) return wrong_type("strings");
      value_ =
          Tensor::from_vector<std::string>({static_cast<int64_t>(a.strings.size())}, a.strings);
    } else {
      return ctx.error("unknown attribute '" + a.name + "'");
    }
    const int64_t since = a.name == "value" ? 1 : a.name == "sparse_value" ? 11 : 12;
    if (ctx.opset() < since)
      return ctx.error("attribute '" + a.name + "' needs opset " + std::to_string(since) +
                       " or later");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(0, 0));
    if (!kElementTypes.contains(value_.dtype()))
      return ctx.not_implemented(unsupported_dtype_message(value_.dtype(), kElementTypes));
    ValueType& out = ctx.output(0);
    out = ValueType::tensor(value_.dtype(), value_.shape());
    out.value = value_;
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    if (!ctx.output(0).defined()) ctx.allocate_output(0, value_.dtype(), value_.shape());
    copy_tensor_data(value_, ctx.output(0));
    return Status::ok();
  }

 private:
  Tensor value_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Constant, ConstantOp)
