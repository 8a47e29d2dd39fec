// Checks onyx against PyTorch on a model exported by scripts/models/*.py.
//
//   model_check MANIFEST.json [--threads N]
//
// The manifest (written by scripts/models/export_common.py) names the .onnx file, the input and
// output names, the tolerances (rtol/atol as in the tutorial: 1e-3 / 1e-5) and the cases (input
// .npy -> PyTorch's output .npy). Every case must match within tolerance; exit 0 iff all do.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "compare.h"
#include "import/npy.h"
#include "onyx/session.hpp"

namespace {

int fail(const std::string& msg) {
  std::fprintf(stderr, "model_check: %s\n", msg.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return fail("usage: model_check MANIFEST.json [--threads N]");
  std::string manifest_path = argv[1];
  int threads = 1;
  for (int i = 2; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--threads") threads = std::atoi(argv[i + 1]);
  std::string dir = manifest_path.substr(0, manifest_path.find_last_of('/') + 1);

  std::ifstream file(manifest_path);
  if (!file) return fail("cannot open " + manifest_path);
  nlohmann::json manifest = nlohmann::json::parse(file, nullptr, false);
  if (manifest.is_discarded()) return fail("invalid JSON in " + manifest_path);

  std::string model = dir + manifest["model"].get<std::string>();
  auto session = onyx::Session::load(model, onyx::Options().threads(threads));
  if (!session.is_ok()) return fail(model + ": " + session.status().to_string());
  double rtol = manifest["rtol"].get<double>(), atol = manifest["atol"].get<double>();
  std::string input_name = manifest["input_name"], output_name = manifest["output_name"];

  int failures = 0;
  for (const auto& c : manifest["cases"]) {
    std::string in_path = dir + c["input"].get<std::string>();
    std::string out_path = dir + c["output"].get<std::string>();
    auto x = onyx::import::read_npy_file(in_path);
    auto expected = onyx::import::read_npy_file(out_path);
    if (!x.is_ok()) return fail(x.status().to_string());
    if (!expected.is_ok()) return fail(expected.status().to_string());
    auto out = session->run({{input_name, x.value()}}, {output_name});
    if (!out.is_ok()) {
      std::printf("FAIL %s: %s\n", in_path.c_str(), out.status().to_string().c_str());
      ++failures;
      continue;
    }
    std::string diff =
        onyx::conformance::compare_tensors(expected.value(), out.value()[0], rtol, atol);
    std::printf("%s %s -> %s (rtol %g, atol %g, %d threads)%s%s\n", diff.empty() ? "ok  " : "FAIL",
                c["input"].get<std::string>().c_str(),
                onyx::shape_to_string(out.value()[0].shape()).c_str(), rtol, atol, threads,
                diff.empty() ? "" : ": ", diff.c_str());
    if (!diff.empty()) ++failures;
  }
  std::printf("%s: %d passed, %d failed\n", manifest["model"].get<std::string>().c_str(),
              static_cast<int>(manifest["cases"].size()) - failures, failures);
  return failures == 0 ? 0 : 1;
}
