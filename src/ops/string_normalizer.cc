// StringNormalizer (opset 10): removes stop words from a string tensor, then changes case.
//   X: [C] or [1, C] strings. Y: [C'] or [1, C'], the elements that are not stop words, in order;
//   when every element is removed Y is [1] (or [1, 1]) holding "" (as the spec states).
//   stopwords: whole elements to drop; compared exactly when is_case_sensitive (default 0) is 1,
//   else case-insensitively (both sides mapped to lower case).
//   case_change_action: NONE (default), LOWER or UPPER, applied after stop-word removal.
//   locale: accepted and ignored; case mapping is ops/common/string_common.h's, the same for
//   every locale (ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic).
#include <unordered_set>

#include "ops/common/index_common.h"
#include "ops/common/string_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class StringNormalizerOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::String>();

  Status init(const InitContext& ctx) override {
    const std::string action = ctx.node().attr_string("case_change_action", "NONE");
    if (action == "NONE")
      change_ = CaseChange::kNone;
    else if (action == "LOWER")
      change_ = CaseChange::kLower;
    else if (action == "UPPER")
      change_ = CaseChange::kUpper;
    else
      return ctx.error("case_change_action must be NONE, LOWER or UPPER, got '" + action + "'");
    case_sensitive_ = ctx.node().attr_int("is_case_sensitive", 0) != 0;
    for (const std::string& w : ctx.node().attr_strings("stopwords"))
      stopwords_.insert(case_sensitive_ ? w : change_case(w, CaseChange::kLower));
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const ValueType& x = ctx.input(0);
    ValueType& y = ctx.output(0);
    y = ValueType();
    y.dtype = DType::kString;
    if (!x.has_shape) return Status::ok();
    if (x.rank() == 2 && dim_known(x.dims[0]) && x.dims[0] != 1)
      return ctx.input_error(0, "a 2-D input must have shape [1, C]");
    if (x.rank() != 1 && x.rank() != 2) return ctx.input_error(0, "must be 1-D [C] or 2-D [1, C]");
    y.has_shape = true;
    y.dims = x.rank() == 1 ? Shape{kUnknownDim} : Shape{1, kUnknownDim};
    if (stopwords_.empty() && dim_known(x.dims.back()) && x.dims.back() > 0)
      y.dims.back() = x.dims.back();
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    if (x.rank() == 2 && x.dim(0) != 1) return ctx.error("a 2-D input must have shape [1, C]");
    const std::string* in = x.data<std::string>();
    std::vector<std::string> kept;
    for (int64_t i = 0; i < x.numel(); ++i) {
      if (!stopwords_.empty() &&
          stopwords_.count(case_sensitive_ ? in[i] : change_case(in[i], CaseChange::kLower)))
        continue;
      kept.push_back(change_case(in[i], change_));
    }
    if (kept.empty()) kept.emplace_back();
    const auto n = static_cast<int64_t>(kept.size());
    Tensor& y = output_of_shape(ctx, 0, DType::kString, x.rank() == 1 ? Shape{n} : Shape{1, n});
    for (int64_t i = 0; i < n; ++i)
      y.data<std::string>()[i] = std::move(kept[static_cast<size_t>(i)]);
    return Status::ok();
  }

 private:
  CaseChange change_ = CaseChange::kNone;
  bool case_sensitive_ = false;
  std::unordered_set<std::string> stopwords_;  // lower-cased unless case_sensitive_
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(StringNormalizer, StringNormalizerOp)
