// Transpose: permutes axes. perm (attribute) defaults to reversing the axes; output axis k is
// input axis perm[k]. All element types (strings through the string kernel). Same semantics in
// every opset (1, 13, 21, 23 differ only in allowed types).
#include <algorithm>
#include <numeric>

#include "kernels/transpose.h"
#include "ops/common/int_inputs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class TransposeOp final : public OpKernel {
 public:
  // Element types: any element type (copied, never computed).
  static constexpr DTypeSet kElementTypes = dtype_set<types::All>();

  Status init(const InitContext& ctx) override {
    if (ctx.node().has_attr("perm")) perm_ = ctx.node().attr_ints("perm");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const ValueType& x = ctx.input(0);
    ValueType& out = ctx.output(0);
    out = ValueType();
    out.dtype = x.dtype;
    if (!x.has_shape) {
      if (perm_) {
        out.has_shape = true;
        out.dims.assign(perm_->size(), kUnknownDim);
      }
      return Status::ok();
    }
    const std::vector<int64_t> perm = perm_or_default(x.rank());
    std::vector<bool> seen(perm.size(), false);
    bool valid = static_cast<int64_t>(perm.size()) == x.rank();
    for (int64_t p : perm) {
      valid = valid && p >= 0 && p < x.rank() && !seen[p];
      if (valid) seen[p] = true;
    }
    if (!valid)
      return ctx.input_error(0, "perm " + dims_to_string(perm) +
                                    " is not a permutation of the axes of a rank-" +
                                    std::to_string(x.rank()) + " input");
    out.has_shape = true;
    for (int64_t p : perm) out.dims.push_back(x.dims[p]);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    const std::vector<int64_t> perm = perm_or_default(x.rank());
    if (x.dtype() == DType::kString)
      kernels::transpose_strings(x.data<std::string>(), y.data<std::string>(), x.shape(), perm,
                                 ctx.pool());
    else
      kernels::transpose(x.raw_data(), y.raw_data(), dtype_size(x.dtype()), x.shape(), perm,
                         ctx.pool());
    return Status::ok();
  }

 private:
  std::vector<int64_t> perm_or_default(int64_t rank) const {
    if (perm_) return *perm_;
    std::vector<int64_t> reversed(static_cast<size_t>(rank));
    std::iota(reversed.rbegin(), reversed.rend(), 0);
    return reversed;
  }

  std::optional<std::vector<int64_t>> perm_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Transpose, TransposeOp)
