#include "ops/common/einsum_common.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace onyx::ops {

namespace {

std::string parse_term(const std::string& text, std::vector<int>* term) {
  bool ellipsis = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.') {
      if (ellipsis || text.compare(i, 3, "...") != 0)
        return "term '" + text + "': '.' must appear only as one '...'";
      ellipsis = true;
      term->push_back(EinsumEquation::kEllipsis);
      i += 2;
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      term->push_back(c);
    } else {
      return "term '" + text + "': unexpected character '" + std::string(1, c) + "'";
    }
  }
  return "";
}

}  // namespace

std::string parse_einsum(const std::string& equation, EinsumEquation* out) {
  std::string eq;
  for (char c : equation)
    if (c != ' ') eq += c;
  std::string lhs = eq;
  const size_t arrow = eq.find("->");
  if (arrow != std::string::npos) {
    lhs = eq.substr(0, arrow);
    out->explicit_output = true;
    if (std::string err = parse_term(eq.substr(arrow + 2), &out->output); !err.empty()) return err;
  }
  size_t start = 0;
  while (true) {
    const size_t comma = lhs.find(',', start);
    out->inputs.emplace_back();
    const std::string term = lhs.substr(start, comma == std::string::npos ? comma : comma - start);
    if (std::string err = parse_term(term, &out->inputs.back()); !err.empty()) return err;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  for (int c : out->output)
    if (c != EinsumEquation::kEllipsis) {
      if (std::count(out->output.begin(), out->output.end(), c) > 1)
        return "output label '" + std::string(1, char(c)) + "' appears more than once";
      bool used = false;
      for (const std::vector<int>& in : out->inputs)
        used = used || std::find(in.begin(), in.end(), c) != in.end();
      if (!used) return "output label '" + std::string(1, char(c)) + "' appears in no input";
    }
  return "";
}

std::string einsum_layout(const EinsumEquation& eq, std::span<const int64_t> ranks,
                          EinsumLayout* out) {
  if (ranks.size() != eq.inputs.size())
    return "the equation has " + std::to_string(eq.inputs.size()) + " input terms but the node " +
           std::to_string(ranks.size()) + " inputs";
  // Label keys: letters by char code (>= 0); "..." dim e (of E, right-aligned) as -1 - e.
  int64_t ellipsis_rank = 0;
  for (size_t k = 0; k < ranks.size(); ++k) {
    const auto& term = eq.inputs[k];
    const bool has = std::count(term.begin(), term.end(), EinsumEquation::kEllipsis) > 0;
    const int64_t named = static_cast<int64_t>(term.size()) - (has ? 1 : 0);
    if (has ? ranks[k] < named : ranks[k] != named)
      return "input " + std::to_string(k) + " has rank " + std::to_string(ranks[k]) +
             " but its term names " + std::to_string(named) + " dims";
    if (has) ellipsis_rank = std::max(ellipsis_rank, ranks[k] - named);
  }
  std::vector<std::vector<int>> keys(ranks.size());
  std::map<int, int> uses;
  for (size_t k = 0; k < ranks.size(); ++k) {
    const auto& term = eq.inputs[k];
    const int64_t extra = ranks[k] - static_cast<int64_t>(term.size()) + 1;
    for (int c : term) {
      if (c == EinsumEquation::kEllipsis) {
        for (int64_t e = ellipsis_rank - extra; e < ellipsis_rank; ++e)
          keys[k].push_back(-1 - static_cast<int>(e));
      } else {
        keys[k].push_back(c);
        ++uses[c];
      }
    }
  }
  std::vector<int> out_keys;
  auto add_ellipsis = [&] {
    for (int64_t e = 0; e < ellipsis_rank; ++e) out_keys.push_back(-1 - static_cast<int>(e));
  };
  if (eq.explicit_output) {
    for (int c : eq.output) {
      if (c == EinsumEquation::kEllipsis)
        add_ellipsis();
      else
        out_keys.push_back(c);
    }
  } else {
    add_ellipsis();
    for (const auto& [c, n] : uses)  // std::map iterates in ASCII order
      if (n == 1) out_keys.push_back(c);
  }
  std::map<int, int64_t> label_of;
  for (int key : out_keys) label_of.emplace(key, static_cast<int64_t>(label_of.size()));
  out->num_output_labels = static_cast<int64_t>(label_of.size());
  for (const auto& term_keys : keys)
    for (int key : term_keys) label_of.emplace(key, static_cast<int64_t>(label_of.size()));
  out->num_labels = static_cast<int64_t>(label_of.size());
  out->input_dims_label.assign(ranks.size(), {});
  for (size_t k = 0; k < ranks.size(); ++k)
    for (int key : keys[k]) out->input_dims_label[k].push_back(label_of.at(key));
  return "";
}

std::string einsum_label_sizes(const EinsumLayout& layout,
                               std::span<const std::vector<int64_t>> input_dims,
                               std::vector<int64_t>* sizes) {
  sizes->assign(size_t(layout.num_labels), -1);
  for (size_t k = 0; k < input_dims.size(); ++k)
    for (size_t d = 0; d < input_dims[k].size(); ++d) {
      const int64_t dim = input_dims[k][d];
      int64_t& size = (*sizes)[size_t(layout.input_dims_label[k][d])];
      if (dim < 0) continue;
      if (size < 0 || size == 1) {
        size = dim;
      } else if (dim != 1 && dim != size) {
        return "input " + std::to_string(k) + " dim " + std::to_string(d) + " has size " +
               std::to_string(dim) + " but its label has size " + std::to_string(size);
      }
    }
  return "";
}

std::vector<int64_t> einsum_label_strides(const EinsumLayout& layout, int64_t input,
                                          std::span<const int64_t> dims,
                                          std::span<const int64_t> sizes) {
  std::vector<int64_t> strides(size_t(layout.num_labels), 0);
  int64_t stride = 1;
  for (size_t d = dims.size(); d-- > 0;) {
    const int64_t label = layout.input_dims_label[size_t(input)][d];
    if (!(dims[d] == 1 && sizes[size_t(label)] != 1)) strides[size_t(label)] += stride;
    stride *= dims[d];
  }
  return strides;
}

}  // namespace onyx::ops
