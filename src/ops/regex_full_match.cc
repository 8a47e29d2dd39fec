// RegexFullMatch (opset 20): Y[i] = whether the whole of X[i] matches `pattern`.
// ONNX specifies RE2 syntax; onyx compiles the pattern with std::regex's ECMAScript grammar, which
// agrees with RE2 on the common subset (literals, classes [..] \d \w \s \W \b, groups, | , * + ?
// {m,n}, lazy quantifiers, ^ $). RE2-only syntax (named groups (?P<..>), \pN classes, (?i) flags)
// fails at init with an error naming the pattern. Backreferences are ECMAScript-only and are
// rejected to stay within RE2's language. Input and output: string -> bool, same shape.
// libstdc++'s matcher recurses once per input character (it overflows an 8 MiB stack near 50k
// characters), so strings longer than kMaxInputBytes are refused with a run-time error.
#include <regex>

#include "ops/op.h"

namespace onyx::ops {
namespace {

class RegexFullMatchOp final : public OpKernel {
 public:
  static constexpr size_t kMaxInputBytes = 4096;
  static constexpr DTypeSet kElementTypes = dtype_set<types::String>();

  Status init(const InitContext& ctx) override {
    if (!ctx.node().has_attr("pattern")) return ctx.error("attribute 'pattern' is required");
    const std::string pattern = ctx.node().attr_string("pattern", "");
    for (size_t i = 0; i + 1 < pattern.size(); ++i) {
      if (pattern[i] == '\\') {
        const char next = pattern[i + 1];
        if (next >= '1' && next <= '9')
          return ctx.not_implemented("pattern '" + pattern +
                                     "': backreferences are not RE2 syntax");
        ++i;
      } else if (pattern[i] == '(' && pattern[i + 1] == '?' && i + 2 < pattern.size() &&
                 pattern[i + 2] != ':' && pattern[i + 2] != '=' && pattern[i + 2] != '!') {
        return ctx.not_implemented("pattern '" + pattern +
                                   "': RE2 group flags / named groups are not supported");
      }
    }
    try {
      regex_ = std::regex(pattern, std::regex::ECMAScript | std::regex::optimize);
    } catch (const std::regex_error& e) {
      return ctx.error("pattern '" + pattern +
                       "' is not a supported regular expression: " + e.what());
    }
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ctx.output(0) = ctx.input(0).type_only();
    ctx.output(0).dtype = DType::kBool;
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    for (int64_t i = 0; i < x.numel(); ++i) {
      const std::string& s = x.data<std::string>()[i];
      if (s.size() > kMaxInputBytes)
        return ctx.error("element " + std::to_string(i) + " has " + std::to_string(s.size()) +
                         " bytes; onyx's std::regex matcher is limited to " +
                         std::to_string(kMaxInputBytes));
      y.data<bool>()[i] = std::regex_match(s, regex_);
    }
    return Status::ok();
  }

 private:
  std::regex regex_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(RegexFullMatch, RegexFullMatchOp)
