// StringSplit (opset 20): splits every string of X like Python's str.split(delimiter, maxsplit).
//   delimiter: a non-empty separator string (consecutive separators give empty substrings);
//     absent or "" = runs of ASCII whitespace, ignoring leading and trailing whitespace
//     (a remainder left by maxsplit keeps its trailing whitespace, as in Python).
//   maxsplit: at most this many splits per string (absent = unlimited); the remainder is the last
//     substring.
//   Y: X.shape + [M] strings, M = the largest substring count, shorter rows padded with "".
//   Z: X.shape int64, the substring count of each string.
#include <algorithm>

#include "ops/common/index_common.h"
#include "ops/common/string_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class StringSplitOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::String>();

  Status init(const InitContext& ctx) override {
    delimiter_ = ctx.node().attr_string("delimiter", "");
    if (ctx.node().has_attr("maxsplit")) {
      maxsplit_ = ctx.node().attr_int("maxsplit", -1);
      if (maxsplit_ < 0) return ctx.error("maxsplit must be >= 0");
    }
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const ValueType& x = ctx.input(0);
    ctx.output(0) = ValueType();
    ctx.output(0).dtype = DType::kString;
    if (ctx.num_outputs() > 1) {
      ctx.output(1) = x.type_only();
      ctx.output(1).dtype = DType::kInt64;
    }
    if (x.has_shape) {
      ctx.output(0).has_shape = true;
      ctx.output(0).dims = x.dims;
      ctx.output(0).dims.push_back(kUnknownDim);
    }
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const std::string* in = x.data<std::string>();
    std::vector<std::vector<std::string>> parts(static_cast<size_t>(x.numel()));
    size_t widest = 0;
    for (int64_t i = 0; i < x.numel(); ++i) {
      std::vector<std::string>& p = parts[static_cast<size_t>(i)];
      p = delimiter_.empty() ? split_whitespace(in[i]) : split_on(in[i]);
      widest = std::max(widest, p.size());
    }
    Shape y_dims = x.shape();
    y_dims.push_back(static_cast<int64_t>(widest));
    Tensor& y = output_of_shape(ctx, 0, DType::kString, y_dims);
    for (size_t i = 0; i < parts.size(); ++i)
      for (size_t j = 0; j < parts[i].size(); ++j)
        y.data<std::string>()[i * widest + j] = std::move(parts[i][j]);
    if (ctx.has_output(1)) {
      Tensor& z = output_of_shape(ctx, 1, DType::kInt64, x.shape());
      for (size_t i = 0; i < parts.size(); ++i)
        z.data<int64_t>()[i] = static_cast<int64_t>(parts[i].size());
    }
    return Status::ok();
  }

 private:
  bool may_split(size_t done) const {
    return maxsplit_ < 0 || done < static_cast<size_t>(maxsplit_);
  }

  std::vector<std::string> split_on(const std::string& s) const {
    std::vector<std::string> out;
    size_t start = 0;
    while (may_split(out.size())) {
      const size_t hit = s.find(delimiter_, start);
      if (hit == std::string::npos) break;
      out.push_back(s.substr(start, hit - start));
      start = hit + delimiter_.size();
    }
    out.push_back(s.substr(start));
    return out;
  }

  std::vector<std::string> split_whitespace(const std::string& s) const {
    std::vector<std::string> out;
    size_t i = 0;
    while (true) {
      while (i < s.size() && is_ascii_space(s[i])) ++i;
      if (i == s.size()) break;
      if (!may_split(out.size())) {  // the remainder, trailing whitespace kept (as Python)
        out.push_back(s.substr(i));
        break;
      }
      const size_t start = i;
      while (i < s.size() && !is_ascii_space(s[i])) ++i;
      out.push_back(s.substr(start, i - start));
    }
    return out;
  }

  std::string delimiter_;
  int64_t maxsplit_ = -1;  // -1 = unlimited
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(StringSplit, StringSplitOp)
