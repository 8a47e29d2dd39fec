// onyx_ops_doc: prints docs/ops.md, the table of every operator registered in src/ops/op_list.inc
// (op, domain, opset range, element types from each op class's kElementTypes).
//
//   onyx_ops_doc                 print the markdown to stdout
//   onyx_ops_doc --write FILE    write it to FILE (`ninja -C build ops_doc` writes docs/ops.md)
//   onyx_ops_doc --check FILE    exit 1 when FILE differs from the generated text (a ctest test)
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "ops/registry.h"

namespace {

constexpr const char* kRegenerate = "ninja -C build ops_doc";

std::string markdown() {
  std::ostringstream md;
  // Operator count per domain, in op_list.inc's order ("" = ai.onnx).
  std::vector<std::pair<std::string, int>> counts;
  for (const onyx::ops::OpInfo& op : onyx::ops::all_ops()) {
    if (counts.empty() || counts.back().first != op.domain) counts.emplace_back(op.domain, 0);
    ++counts.back().second;
  }
  md << "# Operators\n\n"
     << "Generated from `src/ops/op_list.inc` by `tools/ops_doc` (`" << kRegenerate
     << "`); do not edit by hand.\n\nOperators per domain: ";
  for (size_t i = 0; i < counts.size(); ++i) {
    const std::string& domain = counts[i].first;
    md << (i ? ", " : "") << counts[i].second << " "
       << (domain.empty() ? std::string("ai.onnx") : domain)
       << (domain == onyx::ops::kOnyxDomain ? " (internal, created only by graph optimizations)"
                                            : "");
  }
  md << ".\n"
     << "Opsets: the opset versions the implementation was checked against. Element types: the\n"
     << "op's main type constraint (usually input 0's); \"—\" when the op states none.\n\n"
     << "| op | domain | opsets | element types |\n"
     << "|---|---|---|---|\n";
  for (const onyx::ops::OpInfo& op : onyx::ops::all_ops()) {
    const std::string types = op.element_types().names();
    md << "| " << op.op_type << " | " << (*op.domain ? op.domain : "ai.onnx") << " | "
       << op.since_opset << "-" << op.last_opset << " | " << (types.empty() ? "—" : types)
       << " |\n";
  }
  return md.str();
}

bool read_file(const char* path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *out = s.str();
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string text = markdown();
  if (argc == 1) {
    std::fputs(text.c_str(), stdout);
    return 0;
  }
  if (argc == 3 && !std::strcmp(argv[1], "--write")) {
    std::ofstream out(argv[2], std::ios::binary);
    out << text;
    if (!out) {
      std::fprintf(stderr, "error: cannot write %s\n", argv[2]);
      return 1;
    }
    return 0;
  }
  if (argc == 3 && !std::strcmp(argv[1], "--check")) {
    std::string committed;
    if (!read_file(argv[2], &committed)) {
      std::fprintf(stderr, "error: cannot read %s; generate it with `%s`\n", argv[2], kRegenerate);
      return 1;
    }
    if (committed != text) {
      std::fprintf(stderr,
                   "error: %s is out of date with src/ops/op_list.inc and the ops' "
                   "kElementTypes; regenerate it with `%s` and commit it\n",
                   argv[2], kRegenerate);
      return 1;
    }
    std::printf("%s is up to date\n", argv[2]);
    return 0;
  }
  std::fprintf(stderr, "usage: onyx_ops_doc [--write FILE | --check FILE]\n");
  return 2;
}
