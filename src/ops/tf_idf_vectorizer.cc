// TfIdfVectorizer (opset 9): counts the n-grams of a pool in each row of X and writes them as a
// float vector.
//   X: [C] or [N, C] of int32, int64 or string; Y: float [K] or [N, K], K = max(ngram_indexes) + 1.
//   pool_int64s or pool_strings: the n-grams, all 1-grams first, then 2-grams...; ngram_counts[i]
//   is the pool position where the (i+1)-grams start. The j-th n-gram of the pool (counting
//   n-grams, not pool entries) is counted into Y column ngram_indexes[j].
//   An n-gram of X starting at position p with skip s (0 <= s <= max_skip_count) is
//   X[p], X[p + s + 1], ..., X[p + (n - 1)(s + 1)], for min_gram_length <= n <= max_gram_length;
//   1-grams are counted once (not once per skip).
//   mode: TF = counts; IDF = (count > 0) * weight; TFIDF = count * weight (weights: per pool
//   n-gram in pool order, default 1).
#include <algorithm>
#include <map>

#include "ops/common/index_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

using TokenTypes = TypeList<int32_t, int64_t, std::string>;

class TfIdfVectorizerOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<TokenTypes>();

  Status init(const InitContext& ctx) override {
    const ir::Node& n = ctx.node();
    const std::string mode = n.attr_string("mode", "");
    if (mode == "TF")
      mode_ = Mode::kTf;
    else if (mode == "IDF")
      mode_ = Mode::kIdf;
    else if (mode == "TFIDF")
      mode_ = Mode::kTfIdf;
    else
      return ctx.error("mode must be TF, IDF or TFIDF, got '" + mode + "'");
    min_gram_ = n.attr_int("min_gram_length", 0);
    max_gram_ = n.attr_int("max_gram_length", 0);
    max_skip_ = n.attr_int("max_skip_count", 0);
    if (min_gram_ < 1 || max_gram_ < min_gram_ || max_skip_ < 0)
      return ctx.error("need 1 <= min_gram_length <= max_gram_length and max_skip_count >= 0");
    const std::vector<int64_t> counts = n.attr_ints("ngram_counts");
    const std::vector<int64_t> indexes = n.attr_ints("ngram_indexes");
    const std::vector<float> weights = n.attr_floats("weights");
    string_pool_ = n.has_attr("pool_strings");
    const std::vector<int64_t> int_pool = n.attr_ints("pool_int64s");
    const std::vector<std::string> str_pool = n.attr_strings("pool_strings");
    if (string_pool_ == n.has_attr("pool_int64s"))
      return ctx.error("exactly one of pool_int64s and pool_strings must be given");
    const auto pool_size = static_cast<int64_t>(string_pool_ ? str_pool.size() : int_pool.size());
    // Walk the pool level by level; j counts n-grams.
    size_t j = 0;
    for (size_t level = 0; level < counts.size(); ++level) {
      const auto len = static_cast<int64_t>(level + 1);
      const int64_t begin = counts[level];
      const int64_t end = level + 1 < counts.size() ? counts[level + 1] : pool_size;
      if (begin < 0 || end < begin || end > pool_size || (end - begin) % len != 0)
        return ctx.error("ngram_counts entry " + std::to_string(level) +
                         " does not split the pool into " + std::to_string(len) + "-grams");
      for (int64_t p = begin; p < end; p += len, ++j) {
        if (j >= indexes.size()) return ctx.error("ngram_indexes has fewer entries than the pool");
        const int64_t column = indexes[j];
        if (column < 0) return ctx.error("ngram_indexes entries must be >= 0");
        if (!weights.empty() && j >= weights.size())
          return ctx.error("weights has fewer entries than the pool has n-grams");
        width_ = std::max(width_, column + 1);
        if (column_weight_.size() < static_cast<size_t>(width_))
          column_weight_.resize(static_cast<size_t>(width_), 1.0f);
        if (!weights.empty()) column_weight_[static_cast<size_t>(column)] = weights[j];
        const int64_t e = column;
        if (string_pool_)
          str_grams_.emplace(
              std::vector<std::string>(str_pool.begin() + p, str_pool.begin() + p + len), e);
        else
          int_grams_.emplace(std::vector<int64_t>(int_pool.begin() + p, int_pool.begin() + p + len),
                             e);
      }
    }
    if (indexes.empty()) width_ = 0;
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const ValueType& x = ctx.input(0);
    if ((x.dtype == DType::kString) != string_pool_)
      return ctx.input_error(0, string_pool_ ? "must be string for pool_strings"
                                             : "must be int32 or int64 for pool_int64s");
    ctx.output(0) = ValueType();
    ctx.output(0).dtype = DType::kFloat32;
    if (!x.has_shape) return Status::ok();
    if (x.rank() != 1 && x.rank() != 2) return ctx.input_error(0, "must be 1-D [C] or 2-D [N, C]");
    ctx.output(0).has_shape = true;
    ctx.output(0).dims = x.rank() == 1 ? Shape{width_} : Shape{x.dims[0], width_};
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    const int64_t rows = x.rank() == 2 ? x.dim(0) : 1;
    const int64_t cols = x.dim(x.rank() - 1);
    float* out = y.data<float>();
    std::fill(out, out + y.numel(), 0.0f);
    visit_dtype<TokenTypes>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      using Key = std::conditional_t<std::is_same_v<T, std::string>, std::string, int64_t>;
      const auto& grams = [&]() -> const auto& {
        if constexpr (std::is_same_v<Key, std::string>)
          return str_grams_;
        else
          return int_grams_;
      }
      ();
      std::vector<Key> gram;
      for (int64_t r = 0; r < rows; ++r) {
        const T* row = x.data<T>() + r * cols;
        float* y_row = out + r * width_;
        for (int64_t start = 0; start < cols; ++start)
          for (int64_t len = min_gram_; len <= max_gram_; ++len)
            for (int64_t skip = 0; skip <= (len == 1 ? 0 : max_skip_); ++skip) {
              const int64_t last = start + (len - 1) * (skip + 1);
              if (last >= cols) break;
              gram.clear();
              for (int64_t k = 0; k < len; ++k)
                gram.push_back(static_cast<Key>(row[start + k * (skip + 1)]));
              auto it = grams.find(gram);
              if (it != grams.end()) y_row[it->second] += 1.0f;
            }
        // Counts -> mode.
        if (mode_ == Mode::kTf) continue;
        for (int64_t c = 0; c < width_; ++c) {
          const float w = column_weight_[static_cast<size_t>(c)];
          y_row[c] = mode_ == Mode::kIdf ? (y_row[c] > 0 ? w : 0.0f) : y_row[c] * w;
        }
      }
    });
    return Status::ok();
  }

 private:
  enum class Mode { kTf, kIdf, kTfIdf };
  Mode mode_ = Mode::kTf;
  int64_t min_gram_ = 1, max_gram_ = 1, max_skip_ = 0;
  bool string_pool_ = false;
  int64_t width_ = 0;                 // K
  std::vector<float> column_weight_;  // per Y column (weights of the n-gram mapped there; 1)
  std::map<std::vector<int64_t>, int64_t> int_grams_;  // n-gram -> Y column
  std::map<std::vector<std::string>, int64_t> str_grams_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(TfIdfVectorizer, TfIdfVectorizerOp)
