// Loads every model.onnx and test-data .pb tensor of the ONNX backend test corpora
// (../shared/onnx-tests and Debian's libonnx-testdata), and round-trips the models through onyx's
// writer and python3-onnx.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "import/loader.h"
#include "interop_util.h"

namespace onyx::import {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> corpus_roots() {
  std::vector<std::string> roots;
  for (std::string r : {std::string(ONYX_SOURCE_DIR "/../shared/onnx-tests"),
                        std::string("/usr/share/libonnx-testdata/data")})
    if (fs::is_directory(r)) roots.push_back(r);
  return roots;
}

// <root>/*/*/model.onnx, sorted.
std::vector<fs::path> corpus_models() {
  std::vector<fs::path> out;
  for (const std::string& root : corpus_roots())
    for (const auto& group : fs::directory_iterator(root))
      if (group.is_directory())
        for (const auto& test : fs::directory_iterator(group.path()))
          if (fs::is_regular_file(test.path() / "model.onnx"))
            out.push_back(test.path() / "model.onnx");
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Corpus, LoadsEveryModel) {
  std::vector<fs::path> models = corpus_models();
  if (models.empty()) GTEST_SKIP() << "no ONNX test corpora found";
  std::vector<std::string> failures;
  for (const fs::path& p : models) {
    Result<ir::Model> m = load_model_file(p.string());
    if (!m.is_ok()) failures.push_back(m.status().to_string());
  }
  std::cout << "loaded " << models.size() - failures.size() << " of " << models.size()
            << " models\n";
  EXPECT_TRUE(failures.empty()) << failures.size() << " failed, first: " << failures[0];
}

// The value type a test-data file input_N.pb / output_N.pb holds, from the model's signature.
const ir::TypeInfo* declared_type(const ir::Model& m, const fs::path& pb) {
  std::string stem = pb.stem().string();
  bool input = stem.rfind("input_", 0) == 0;
  size_t index = std::stoul(stem.substr(stem.find('_') + 1));
  std::vector<const ir::ValueInfo*> values;
  for (const auto& v : input ? m.graph.inputs : m.graph.outputs)
    if (!input || !m.graph.initializer(v.name)) values.push_back(&v);
  return index < values.size() ? &values[index]->type : nullptr;
}

TEST(Corpus, LoadsEveryTensorTestDataFile) {
  std::vector<fs::path> models = corpus_models();
  if (models.empty()) GTEST_SKIP() << "no ONNX test corpora found";
  size_t loaded = 0, non_tensor = 0, unsupported_dtype = 0;
  std::vector<std::string> failures;
  for (const fs::path& model_path : models) {
    Result<ir::Model> m = load_model_file(model_path.string());
    if (!m.is_ok()) continue;  // reported by LoadsEveryModel
    for (const auto& set : fs::directory_iterator(model_path.parent_path())) {
      if (!set.is_directory()) continue;
      for (const auto& f : fs::directory_iterator(set.path())) {
        if (f.path().extension() != ".pb") continue;
        const ir::TypeInfo* type = declared_type(m.value(), f.path());
        bool is_tensor = !type || type->kind == ir::TypeInfo::Kind::kTensor ||
                         type->kind == ir::TypeInfo::Kind::kUnknown;
        if (!is_tensor) {  // SequenceProto / OptionalProto / MapProto files
          ++non_tensor;
          continue;
        }
        Result<Tensor> t = load_tensor_file(f.path().string());
        if (!t.is_ok()) {
          // dtypes newer than onyx's DType (e.g. 2-bit ints, float8e8m0) are reported, not loaded.
          if (t.status().code() == StatusCode::kNotImplemented &&
              t.status().message().find("unsupported data_type") != std::string::npos) {
            ++unsupported_dtype;
            continue;
          }
          failures.push_back(t.status().to_string());
          continue;
        }
        ++loaded;
        // onnx 1.12's test data stores bfloat16 values as uint16 tensors.
        bool bf16_quirk =
            type && type->elem_type == DType::kBFloat16 && t->dtype() == DType::kUInt16;
        if (type && type->kind == ir::TypeInfo::Kind::kTensor &&
            type->elem_type != DType::kUndefined && !bf16_quirk) {
          EXPECT_EQ(t->dtype(), type->elem_type) << f.path();
        }
      }
    }
  }
  std::cout << "loaded " << loaded << " tensor files; skipped " << non_tensor
            << " non-tensor (sequence/optional/map) files and " << unsupported_dtype
            << " files of dtypes onyx does not support\n";
  EXPECT_GT(loaded, 1000u);
  EXPECT_TRUE(failures.empty()) << failures.size() << " failed, first: " << failures[0];
}

// onyx rewrites every corpus model; python3-onnx loads each, checks it when the original passes
// the checker, and compares it field by field with the original.
TEST(Corpus, RewrittenModelsEqualOriginalsInOnnx) {
  if (!testing::python_onnx_available()) GTEST_SKIP() << "/usr/bin/python3 with onnx not available";
  std::vector<fs::path> models = corpus_models();
  if (models.empty()) GTEST_SKIP() << "no ONNX test corpora found";
  std::string dir = testing::scratch_dir("corpus_rewrite");
  std::ofstream pairs(dir + "/pairs.txt");
  size_t written = 0;
  for (const fs::path& p : models) {
    Result<ir::Model> m = load_model_file(p.string());
    if (!m.is_ok()) continue;
    std::string out = dir + "/" + std::to_string(written++) + ".onnx";
    ASSERT_TRUE(save_model(m.value(), out).is_ok());
    pairs << p.string() << "\t" << out << "\n";
  }
  pairs.close();
  int rc = testing::run_python("compare_models.py", dir + "/pairs.txt", dir + "/compare.log");
  std::string log = testing::read_text(dir + "/compare.log");
  std::cout << log.substr(log.rfind("compared") == std::string::npos ? 0 : log.rfind("compared"));
  EXPECT_EQ(rc, 0) << log.substr(0, 4000);
  if (rc == 0) fs::remove_all(dir);
}

}  // namespace
}  // namespace onyx::import
