// ZipMap (ai.onnx.ml opset 1): each row of a [N, C] float tensor (or one [C]
// row) becomes a map from the C class labels to that row's scores; the output
// is the sequence of the N maps.
//   classlabels_strings or classlabels_int64s, exactly one, C labels (each
//   once): the keys, in that order. Output: seq(map(string, tensor(float))) or
//   seq(map(int64, tensor(float))).
// The maps share no storage with X (their keys are shared between rows).
#include <algorithm>
#include <set>

#include "ops/op.h"

namespace onyx::ops {
namespace {

class ZipMapOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<TypeList<float>>();

  Status init(const InitContext& ctx) override {
    const ir::Node& n = ctx.node();
    const std::vector<std::string> strings = n.attr_strings("classlabels_strings");
    const std::vector<int64_t> ints = n.attr_ints("classlabels_int64s");
    if (strings.empty() == ints.empty())
      return ctx.error(
          "exactly one of classlabels_strings and "
          "classlabels_int64s is required");
    if (!strings.empty()) {
      if (std::set<std::string>(strings.begin(), strings.end()).size() != strings.size())
        return ctx.error("classlabels_strings repeats a label");
      keys_ = Tensor::from_vector<std::string>({static_cast<int64_t>(strings.size())}, strings);
    } else {
      if (std::set<int64_t>(ints.begin(), ints.end()).size() != ints.size())
        return ctx.error("classlabels_int64s repeats a label");
      keys_ = Tensor::from_vector<int64_t>({static_cast<int64_t>(ints.size())}, ints);
    }
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, {DType::kFloat32}));
    const ValueType& x = ctx.input(0);
    if (x.has_shape) {
      if (x.rank() != 1 && x.rank() != 2) return ctx.input_error(0, "must be [C] or [N, C]");
      if (dim_known(x.dims.back()) && x.dims.back() != keys_.numel())
        return ctx.input_error(0, "has " + std::to_string(x.dims.back()) + " columns for " +
                                      std::to_string(keys_.numel()) + " class labels");
    }
    ValueType out = ValueType::sequence(DType::kFloat32);
    out.map_key = keys_.dtype();
    ctx.output(0) = out;
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const int64_t classes = keys_.numel();
    const int64_t rows = x.rank() == 2 ? x.dim(0) : 1;
    std::vector<Value> maps;
    maps.reserve(static_cast<size_t>(rows));
    for (int64_t r = 0; r < rows; ++r) {
      Tensor values = Tensor::empty(DType::kFloat32, {classes});
      const float* row = x.data<float>() + r * classes;
      std::copy(row, row + classes, values.data<float>());
      maps.push_back(Value::map(keys_, values));
    }
    ctx.output_value(0) = Value::map_sequence(keys_.dtype(), DType::kFloat32, std::move(maps));
    return Status::ok();
  }

 private:
  Tensor keys_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(ZipMap, ZipMapOp)
