// CategoryMapper (ai.onnx.ml opset 1): maps strings to int64 and int64 to strings through the
// parallel lists cats_strings / cats_int64s. A string input gives cats_int64s[i] where
// cats_strings[i] equals it (else default_int64, default -1); an int64 input gives the string
// paired with it (else default_string, default "_Unused"). Output has the input's shape.
#include <unordered_map>

#include "ops/op.h"

namespace onyx::ops {
namespace {

class CategoryMapperOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = {DType::kString, DType::kInt64};

  Status init(const InitContext& ctx) override {
    const ir::Node& n = ctx.node();
    const std::vector<std::string> strings = n.attr_strings("cats_strings");
    const std::vector<int64_t> ints = n.attr_ints("cats_int64s");
    if (strings.size() != ints.size())
      return ctx.error("cats_strings and cats_int64s must have the same length");
    for (size_t i = 0; i < strings.size(); ++i) {
      to_int_.emplace(strings[i], ints[i]);
      to_string_.emplace(ints[i], strings[i]);
    }
    default_int_ = n.attr_int("default_int64", -1);
    default_string_ = n.attr_string("default_string", "_Unused");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ctx.output(0) = ctx.input(0).type_only();
    ctx.output(0).dtype = ctx.input(0).dtype == DType::kString ? DType::kInt64 : DType::kString;
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    if (x.dtype() == DType::kString) {
      for (int64_t i = 0; i < x.numel(); ++i) {
        auto it = to_int_.find(x.data<std::string>()[i]);
        y.data<int64_t>()[i] = it == to_int_.end() ? default_int_ : it->second;
      }
    } else {
      for (int64_t i = 0; i < x.numel(); ++i) {
        auto it = to_string_.find(x.data<int64_t>()[i]);
        y.data<std::string>()[i] = it == to_string_.end() ? default_string_ : it->second;
      }
    }
    return Status::ok();
  }

 private:
  std::unordered_map<std::string, int64_t> to_int_;
  std::unordered_map<int64_t, std::string> to_string_;
  int64_t default_int_ = -1;
  std::string default_string_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(CategoryMapper, CategoryMapperOp)
