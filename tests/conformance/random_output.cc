#include "random_output.h"

#include <cmath>
#include <cstdint>
#include <map>

#include "base/half.h"

namespace onyx::conformance {

namespace {

// Element i of a numeric or bool tensor as a double; nullopt for other types.
std::optional<double> element(const Tensor& t, int64_t i) {
  switch (t.dtype()) {
    case DType::kFloat32:
      return t.data<float>()[i];
    case DType::kFloat64:
      return t.data<double>()[i];
    case DType::kFloat16:
      return to_float(t.data<Float16>()[i]);
    case DType::kBFloat16:
      return to_float(t.data<BFloat16>()[i]);
    case DType::kBool:
      return t.data<bool>()[i] ? 1.0 : 0.0;
    case DType::kInt8:
      return t.data<int8_t>()[i];
    case DType::kUInt8:
      return t.data<uint8_t>()[i];
    case DType::kInt16:
      return t.data<int16_t>()[i];
    case DType::kUInt16:
      return t.data<uint16_t>()[i];
    case DType::kInt32:
      return t.data<int32_t>()[i];
    case DType::kUInt32:
      return t.data<uint32_t>()[i];
    case DType::kInt64:
      return static_cast<double>(t.data<int64_t>()[i]);
    case DType::kUInt64:
      return static_cast<double>(t.data<uint64_t>()[i]);
    default:
      return std::nullopt;
  }
}

std::string same_type(const Tensor& expected, const Tensor& actual, size_t index) {
  const std::string where = "output " + std::to_string(index) + ": ";
  if (expected.dtype() != actual.dtype())
    return where + "dtype " + dtype_name(actual.dtype()) + ", expected " +
           dtype_name(expected.dtype());
  if (expected.shape() != actual.shape()) return where + "shape differs from the expected one";
  if (!element(actual, 0) && actual.numel() > 0)
    return where + "dtype " + dtype_name(actual.dtype()) + " is not numeric";
  return "";
}

std::string check_bernoulli(const std::vector<Tensor>& inputs, const std::vector<Tensor>& actual) {
  const Tensor& p = inputs[0];
  for (size_t o = 0; o < actual.size(); ++o) {
    const Tensor& y = actual[o];
    for (int64_t i = 0; i < y.numel(); ++i) {
      const double v = *element(y, i);
      if (v != 0 && v != 1)
        return "output " + std::to_string(o) + " element " + std::to_string(i) + " is " +
               std::to_string(v) + ", not 0 or 1";
      const std::optional<double> prob = i < p.numel() ? element(p, i) : std::nullopt;
      if (prob && (*prob == 0 || *prob == 1) && v != *prob)
        return "output " + std::to_string(o) + " element " + std::to_string(i) + " is " +
               std::to_string(v) + " for probability " + std::to_string(*prob);
    }
  }
  return "";
}

std::string check_dropout(const std::vector<Tensor>& inputs, const std::vector<Tensor>& actual) {
  const Tensor& x = inputs[0];
  const double ratio = inputs.size() > 1 ? element(inputs[1], 0).value_or(0.5) : 0.5;
  const double scale = 1.0 / (1.0 - ratio);
  const Tensor& y = actual[0];
  const Tensor* mask = actual.size() > 1 ? &actual[1] : nullptr;
  if (y.numel() != x.numel()) return "output 0 has a different element count than x";
  for (int64_t i = 0; i < y.numel(); ++i) {
    const double kept = *element(x, i) * scale, got = *element(y, i);
    const bool is_kept = std::fabs(got - kept) <= 1e-6 + 1e-5 * std::fabs(kept);
    if (!is_kept && got != 0)
      return "output 0 element " + std::to_string(i) + " is " + std::to_string(got) +
             ", neither 0 nor x / (1 - ratio) = " + std::to_string(kept);
    if (mask && kept != 0 && (*element(*mask, i) != 0) != is_kept)
      return "mask element " + std::to_string(i) + " disagrees with output 0";
  }
  return "";
}

}  // namespace

std::optional<RandomOutputKind> random_output_kind(const std::string& test_name) {
  static const std::map<std::string, RandomOutputKind> kTests = {
      {"test_bernoulli", RandomOutputKind::kBernoulli},
      {"test_bernoulli_double", RandomOutputKind::kBernoulli},
      {"test_bernoulli_double_expanded", RandomOutputKind::kBernoulli},
      {"test_bernoulli_expanded", RandomOutputKind::kBernoulli},
      {"test_bernoulli_seed", RandomOutputKind::kBernoulli},
      {"test_bernoulli_seed_expanded", RandomOutputKind::kBernoulli},
      {"test_training_dropout", RandomOutputKind::kDropoutTraining},
      {"test_training_dropout_default", RandomOutputKind::kDropoutTraining},
      {"test_training_dropout_default_mask", RandomOutputKind::kDropoutTraining},
      {"test_training_dropout_mask", RandomOutputKind::kDropoutTraining},
  };
  auto it = kTests.find(test_name);
  if (it == kTests.end()) return std::nullopt;
  return it->second;
}

std::string check_random_outputs(RandomOutputKind kind, const std::vector<Tensor>& inputs,
                                 const std::vector<Tensor>& expected,
                                 const std::vector<Tensor>& actual) {
  if (expected.size() != actual.size())
    return "model produced " + std::to_string(actual.size()) + " outputs, test data has " +
           std::to_string(expected.size());
  if (inputs.empty()) return "random-output check needs the data set's inputs";
  for (size_t i = 0; i < actual.size(); ++i) {
    const std::string diff = same_type(expected[i], actual[i], i);
    if (!diff.empty()) return diff;
  }
  if (actual.empty()) return "";
  return kind == RandomOutputKind::kBernoulli ? check_bernoulli(inputs, actual)
                                              : check_dropout(inputs, actual);
}

}  // namespace onyx::conformance
