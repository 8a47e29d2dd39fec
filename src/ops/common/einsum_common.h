// Einsum equation parsing and layout (ONNX Einsum, opset 12; numpy's einsum conventions).
//
// Equation: comma-separated input terms, optionally "->" and an output term; spaces ignored.
// A term is letters [a-zA-Z] (one per dim) with at most one "..." standing for the dims not
// named. The "..." dims of all inputs are right-aligned and broadcast (size 1 against n).
// Implicit output (no "->"): the "..." dims, then the letters used exactly once over all
// inputs in ASCII order (upper case first). Explicit output: its letters must appear in some
// input and at most once in the output; "..." dims an explicit output leaves out are summed.
// A letter repeated within one input takes that input's diagonal.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace onyx::ops {

// The parsed equation: per term, the letters as char codes with kEllipsis for "...".
struct EinsumEquation {
  static constexpr int kEllipsis = -1;
  std::vector<std::vector<int>> inputs;
  bool explicit_output = false;
  std::vector<int> output;
};

// Parses `equation`; returns "" or a message naming what is wrong.
std::string parse_einsum(const std::string& equation, EinsumEquation* out);

// The iteration space for given input ranks: labels [0, num_labels) with the output's labels
// first (in output order), then the summed ones.
struct EinsumLayout {
  int64_t num_labels = 0;
  int64_t num_output_labels = 0;
  std::vector<std::vector<int64_t>> input_dims_label;  // per input, per dim: its label
};

// Resolves `eq` for inputs of the given ranks; returns "" or a message.
std::string einsum_layout(const EinsumEquation& eq, std::span<const int64_t> ranks,
                          EinsumLayout* out);

// Label sizes from the inputs' dims (entries may be unknown: < 0). A label's size is the
// largest known size bound to it; known sizes other than 1 must agree. Returns "" or a message.
std::string einsum_label_sizes(const EinsumLayout& layout,
                               std::span<const std::vector<int64_t>> input_dims,
                               std::vector<int64_t>* sizes);

// Per-label strides (elements) of a dense input with `dims` under `layout`: 0 for labels it
// lacks or broadcasts (dim 1 against a larger label), summed for repeated labels.
std::vector<int64_t> einsum_label_strides(const EinsumLayout& layout, int64_t input,
                                          std::span<const int64_t> dims,
                                          std::span<const int64_t> sizes);

}  // namespace onyx::ops
