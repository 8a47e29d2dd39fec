// ConstantOfShape (opset 9; 20 adds bfloat16/float8; 21+ 4-bit types): a tensor of shape
// `input` (1-D int64, entries >= 0; an empty shape gives a scalar) filled with `value`, a
// one-element tensor attribute (default float32 0) whose dtype is the output's. When the shape
// input is a runtime value the output shape is known only in run().
#include <algorithm>

#include "ops/common/dim_expr.h"
#include "ops/common/index_common.h"
#include "ops/common/int_inputs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class ConstantOfShapeOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = kMovableDTypes;

  Status init(const InitContext& ctx) override {
    value_ = Tensor::scalar<float>(0.0f);
    if (const ir::Attribute* a = ctx.node().attr("value")) {
      if (a->type != ir::Attribute::Type::kTensor || a->t.numel() != 1)
        return ctx.error("attribute 'value' must be a one-element tensor");
      value_ = a->t;
      if (!kElementTypes.contains(value_.dtype()))
        return ctx.not_implemented("value " +
                                   unsupported_dtype_message(value_.dtype(), kElementTypes));
    }
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, {DType::kInt64}));
    const ValueType& shape = ctx.input(0);
    ValueType& out = ctx.output(0);
    out = ValueType();
    out.dtype = value_.dtype();
    if (std::optional<std::vector<int64_t>> dims = shape.int_values()) {
      std::string err = check_shape(*dims);
      if (!err.empty()) return ctx.input_error(0, err);
      out.has_shape = true;
      out.dims = *dims;
    } else if (std::optional<std::vector<int64_t>> elems = input_elem_dims(ctx, 0);
               elems && shape.has_shape && shape.rank() == 1) {
      out.has_shape = true;  // a shape built from Shape(y): its symbolic entries
      out.dims = *elems;
      for (int64_t& d : out.dims)
        if (d == kElemMinusOne) d = kUnknownDim;
    } else if (shape.has_shape && shape.rank() == 1 && dim_known(shape.dims[0])) {
      out.has_shape = true;
      out.dims.assign(static_cast<size_t>(shape.dims[0]), kUnknownDim);
    }
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const std::vector<int64_t> dims = *tensor_int_values(ctx.input(0));
    std::string err = check_shape(dims);
    if (!err.empty()) return ctx.error(err);
    Tensor& out = output_of_shape(ctx, 0, value_.dtype(), dims);
    visit_storage(value_.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      std::fill_n(out.data<S>(), out.numel(), value_.data<S>()[0]);
    });
    return Status::ok();
  }

 private:
  static std::string check_shape(const std::vector<int64_t>& dims) {
    for (int64_t d : dims)
      if (d < 0) return "shape entry " + std::to_string(d) + " is negative";
    return "";
  }

  Tensor value_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(ConstantOfShape, ConstantOfShapeOp)
