// Backend tests whose expected outputs were drawn from numpy's random generator (Bernoulli,
// Dropout in training mode). onyx's generator (src/kernels/random.h) cannot reproduce numpy's
// values, so these tests — and only these, listed by name in random_output.cc — are checked by
// structure instead of by value:
//   Bernoulli:        every output has the expected dtype and shape, every value is 0 or 1, and
//                     probabilities 0 and 1 give 0 and 1;
//   Dropout training: y has the expected dtype and shape and every y[i] is either 0 (dropped) or
//                     x[i] / (1 - ratio) (kept); a mask output has the expected dtype and shape
//                     and is true exactly where y[i] is the kept value (x[i] != 0).
// A pass of such a test is reported as a "random-output" pass: it never claims equal values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "onyx/tensor.hpp"

namespace onyx::conformance {

enum class RandomOutputKind { kBernoulli, kDropoutTraining };

// The kind of a listed random-output test (by test folder name), nullopt for every other test.
std::optional<RandomOutputKind> random_output_kind(const std::string& test_name);

// "" when `actual` is consistent with the rules above for `kind`, else a one-line reason.
// `inputs` are the data set's inputs in order; `expected` give dtypes and shapes only.
std::string check_random_outputs(RandomOutputKind kind, const std::vector<Tensor>& inputs,
                                 const std::vector<Tensor>& expected,
                                 const std::vector<Tensor>& actual);

}  // namespace onyx::conformance
