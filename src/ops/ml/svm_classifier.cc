// SVMClassifier (ai.onnx.ml opset 1), with onnxruntime's score layout and voting.
//   X: [N, F] (or [F]) float, double, int64 or int32. Labels: classlabels_ints or
//   classlabels_strings (K classes). Outputs: Y labels [N] (int64 or string), Z scores [N, W]
//   float.
// Two modes:
//   linear   (vectors_per_class absent or all 0): coefficients [K, F]; score_k = x.w_k + rho[0];
//            W = K; Y = label of the highest score (first on ties). kernel_type is not used.
//   SVC      support_vectors [V, F] grouped by class (vectors_per_class, K counts summing to V),
//            coefficients [K - 1, V] (libsvm's dual coefficients), rho one per class pair.
//            For each pair i < j (in that order): s = rho_ij + sum over the support vectors v of
//            class i of coef[j - 1][v] K(x, v) + sum over those of class j of coef[i][v] K(x, v);
//            s > 0 votes for i, else for j. Y = label with the most votes (first on ties).
//            Without prob_a/prob_b Z holds the pair scores (W = K (K - 1) / 2), except that K = 2
//            gives W = 2: [-s, s] with post_transform NONE, else [1 - s, s] with s untransformed
//            (onnxruntime's layout); PROBIT gives [1 - p, p] with p = probit(s) (onnxruntime
//            leaves the first column unset there). With prob_a/prob_b (one each per pair) each
//            pair gives p_ij = platt_probability(s, a, b) clipped to [1e-7, 1 - 1e-7], coupled
//            into K class probabilities (W = K); Y still follows the votes.
// Two classes in linear mode follow onnxruntime's rule for Y: the label of class 1 when the
// highest score is > 0 and some coefficient is negative, or when it is >= 0.5 and all
// coefficients are >= 0; else the label of the highest score.
// post_transform (NONE, SOFTMAX, LOGISTIC, SOFTMAX_ZERO, PROBIT) applies to each row of Z when
// W > 1 (after coupling); a single score (K = 1) only takes PROBIT.
#include <algorithm>

#include "ops/common/ml_common.h"
#include "ops/ml/model_rows.h"
#include "ops/ml/svm_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class SvmClassifierOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<SvmInputTypes>();

  Status init(const InitContext& ctx) override {
    const ir::Node& n = ctx.node();
    int_labels_ = n.attr_ints("classlabels_ints");
    str_labels_ = n.attr_strings("classlabels_strings");
    if (int_labels_.empty() == str_labels_.empty())
      return ctx.error("exactly one of classlabels_ints and classlabels_strings is required");
    classes_ = static_cast<int64_t>(int_labels_.empty() ? str_labels_.size() : int_labels_.size());
    if (auto err = SvmKernel::parse(n, &kernel_)) return ctx.error(*err);
    const auto post = parse_post_transform(n.attr_string("post_transform", "NONE"));
    if (!post)
      return ctx.error("unknown post_transform '" + n.attr_string("post_transform", "") + "'");
    post_ = *post;
    for (float f : n.attr_floats("coefficients")) coefficients_.push_back(f);
    for (float f : n.attr_floats("rho")) rho_.push_back(f);
    for (float f : n.attr_floats("support_vectors")) support_.push_back(f);
    for (float f : n.attr_floats("prob_a")) prob_a_.push_back(f);
    for (float f : n.attr_floats("prob_b")) prob_b_.push_back(f);
    per_class_ = n.attr_ints("vectors_per_class");
    if (coefficients_.empty()) return ctx.error("coefficients are required");
    if (prob_a_.size() != prob_b_.size())
      return ctx.error("prob_a and prob_b must have the same length");
    vectors_ = 0;
    for (int64_t c : per_class_) {
      if (c < 0) return ctx.error("vectors_per_class must not be negative");
      starts_.push_back(vectors_);
      vectors_ += c;
    }
    if (vectors_ == 0) return init_linear(ctx);
    return init_svc(ctx);
  }

  Status infer(InferContext& ctx) const override {
    return infer_model_rows(ctx, kElementTypes, {true, int_labels_.empty(), width_},
                            features_equal(features_, "the model"));
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const int64_t n = svm_batch(x);
    float* z = ctx.has_output(1) ? ctx.output(1).data<float>() : nullptr;
    std::vector<double> row(static_cast<size_t>(features_)), scores(static_cast<size_t>(width_));
    std::vector<double> kernels(static_cast<size_t>(vectors_));
    for (int64_t r = 0; r < n; ++r) {
      svm_row(x, r, features_, row.data());
      const int64_t best =
          vectors_ == 0 ? score_linear(row, scores) : score_svc(row, kernels, scores);
      if (int_labels_.empty())
        ctx.output(0).data<std::string>()[r] = str_labels_[static_cast<size_t>(best)];
      else
        ctx.output(0).data<int64_t>()[r] = int_labels_[static_cast<size_t>(best)];
      if (z)
        for (int64_t k = 0; k < width_; ++k)
          z[r * width_ + k] = static_cast<float>(scores[static_cast<size_t>(k)]);
    }
    return Status::ok();
  }

 private:
  Status init_linear(const InitContext& ctx) {
    if (!per_class_.empty() && static_cast<int64_t>(per_class_.size()) != classes_)
      return ctx.error("vectors_per_class has " + std::to_string(per_class_.size()) +
                       " entries for " + std::to_string(classes_) + " classes");
    if (coefficients_.size() % static_cast<size_t>(classes_) != 0)
      return ctx.error(
          "linear mode: coefficients must hold K x F values (K = " + std::to_string(classes_) +
          " classes), got " + std::to_string(coefficients_.size()));
    if (rho_.empty()) return ctx.error("rho must hold at least one value");
    features_ = static_cast<int64_t>(coefficients_.size()) / classes_;
    all_positive_ =
        std::all_of(coefficients_.begin(), coefficients_.end(), [](double c) { return c >= 0; });
    width_ = classes_;
    return Status::ok();
  }

  Status init_svc(const InitContext& ctx) {
    if (static_cast<int64_t>(per_class_.size()) != classes_)
      return ctx.error("vectors_per_class has " + std::to_string(per_class_.size()) +
                       " entries for " + std::to_string(classes_) + " classes");
    if (classes_ < 2) return ctx.error("support vector mode needs at least 2 classes");
    if (support_.size() % static_cast<size_t>(vectors_) != 0 || support_.empty())
      return ctx.error("support_vectors must hold V x F values (V = " + std::to_string(vectors_) +
                       " support vectors), got " + std::to_string(support_.size()));
    features_ = static_cast<int64_t>(support_.size()) / vectors_;
    const int64_t pairs = classes_ * (classes_ - 1) / 2;
    if (static_cast<int64_t>(coefficients_.size()) != (classes_ - 1) * vectors_)
      return ctx.error(
          "coefficients must hold (K - 1) x V = " + std::to_string((classes_ - 1) * vectors_) +
          " values, got " + std::to_string(coefficients_.size()));
    if (static_cast<int64_t>(rho_.size()) < pairs)
      return ctx.error("rho must hold one value per class pair (" + std::to_string(pairs) +
                       "), got " + std::to_string(rho_.size()));
    if (!prob_a_.empty() && static_cast<int64_t>(prob_a_.size()) < pairs)
      return ctx.error("prob_a/prob_b must hold one value per class pair (" +
                       std::to_string(pairs) + "), got " + std::to_string(prob_a_.size()));
    width_ = !prob_a_.empty() ? classes_ : (classes_ == 2 ? 2 : pairs);
    return Status::ok();
  }

  // Linear mode: fills scores (K), returns the chosen class.
  int64_t score_linear(const std::vector<double>& row, std::vector<double>& scores) const {
    for (int64_t k = 0; k < classes_; ++k) {
      double s = rho_[0];
      for (int64_t j = 0; j < features_; ++j)
        s += coefficients_[static_cast<size_t>(k * features_ + j)] * row[static_cast<size_t>(j)];
      scores[static_cast<size_t>(k)] = s;
    }
    int64_t best = std::max_element(scores.begin(), scores.end()) - scores.begin();
    const double top = scores[static_cast<size_t>(best)];
    if (classes_ == 2 && ((all_positive_ && top >= 0.5) || (!all_positive_ && top > 0))) best = 1;
    finish_scores(scores);
    return best;
  }

  // SVC mode: fills scores (width_), returns the class with the most votes.
  int64_t score_svc(const std::vector<double>& row, std::vector<double>& kernels,
                    std::vector<double>& scores) const {
    for (int64_t v = 0; v < vectors_; ++v)
      kernels[static_cast<size_t>(v)] =
          kernel_(row.data(), support_.data() + v * features_, features_);
    std::vector<int64_t> votes(static_cast<size_t>(classes_), 0);
    std::vector<double> pair_scores;
    for (int64_t i = 0; i < classes_; ++i)
      for (int64_t j = i + 1; j < classes_; ++j) {
        double s = rho_[pair_scores.size()];
        s += dual_sum(j - 1, i, kernels) + dual_sum(i, j, kernels);
        pair_scores.push_back(s);
        ++votes[static_cast<size_t>(s > 0 ? i : j)];
      }
    const int64_t best = std::max_element(votes.begin(), votes.end()) - votes.begin();
    if (!prob_a_.empty()) {
      std::vector<double> pair(static_cast<size_t>(classes_ * classes_), 0.0);
      size_t idx = 0;
      for (int64_t i = 0; i < classes_; ++i)
        for (int64_t j = i + 1; j < classes_; ++j, ++idx) {
          const double p = std::clamp(
              platt_probability(pair_scores[idx], prob_a_[idx], prob_b_[idx]), 1e-7, 1 - 1e-7);
          pair[static_cast<size_t>(i * classes_ + j)] = p;
          pair[static_cast<size_t>(j * classes_ + i)] = 1 - p;
        }
      couple_pairwise(classes_, pair, scores.data());
      finish_scores(scores);
    } else if (classes_ == 2) {
      double s = pair_scores[0];
      if (post_ == PostTransform::kNone) {
        scores[0] = -s;
      } else {
        if (post_ == PostTransform::kProbit) apply_post_transform(post_, &s, 1);
        scores[0] = 1 - s;
      }
      scores[1] = s;
    } else {
      std::copy(pair_scores.begin(), pair_scores.end(), scores.begin());
      finish_scores(scores);
    }
    return best;
  }

  // sum over the support vectors of class `cls` of coefficients[coef_row][v] * K(x, v).
  double dual_sum(int64_t coef_row, int64_t cls, const std::vector<double>& kernels) const {
    double s = 0;
    const int64_t start = starts_[static_cast<size_t>(cls)];
    for (int64_t v = start; v < start + per_class_[static_cast<size_t>(cls)]; ++v)
      s += coefficients_[static_cast<size_t>(coef_row * vectors_ + v)] *
           kernels[static_cast<size_t>(v)];
    return s;
  }

  // post_transform on a row of width_ scores (a single score only takes PROBIT).
  void finish_scores(std::vector<double>& scores) const {
    if (width_ > 1 || post_ == PostTransform::kProbit)
      apply_post_transform(post_, scores.data(), width_);
  }

  std::vector<int64_t> int_labels_;
  std::vector<std::string> str_labels_;
  std::vector<double> coefficients_, rho_, support_, prob_a_, prob_b_;
  std::vector<int64_t> per_class_, starts_;
  SvmKernel kernel_;
  PostTransform post_ = PostTransform::kNone;
  int64_t classes_ = 0, vectors_ = 0, features_ = 0, width_ = 0;
  bool all_positive_ = false;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(SVMClassifier, SvmClassifierOp)
