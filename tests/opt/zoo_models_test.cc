// Every generated model (build/models/<stem>.json, written by `ctest -R models.generate`) gives
// the same outputs at opt level all as at level none (|a - b| <= 1e-4 |b| + 1e-5), and the
// optimized graph saved to bytes loads back and gives the optimized outputs bit for bit.
// ONYX_MODELS_DIR overrides the folder; a model whose files are absent is skipped.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "import/loader.h"
#include "import/npy.h"
#include "onyx/session.hpp"
#include "opt/optimize.h"
#include "shape/infer.h"

namespace onyx {
namespace {

namespace fs = std::filesystem;

fs::path models_dir() {
  const char* env = std::getenv("ONYX_MODELS_DIR");
  return env ? fs::path(env) : fs::path(ONYX_BINARY_DIR) / "models";
}

void expect_close(const Tensor& none, const Tensor& all, const std::string& what) {
  ASSERT_EQ(none.shape(), all.shape()) << what;
  ASSERT_EQ(none.dtype(), all.dtype()) << what;
  if (none.dtype() != DType::kFloat32) {
    EXPECT_EQ(0, std::memcmp(none.raw_data(), all.raw_data(), none.nbytes())) << what;
    return;
  }
  int64_t bad = 0;
  for (int64_t i = 0; i < none.numel(); ++i) {
    const float a = none.data<float>()[i], b = all.data<float>()[i];
    if (std::isnan(a) != std::isnan(b) || std::fabs(a - b) > 1e-4f * std::fabs(a) + 1e-5f) {
      if (bad++ < 3) ADD_FAILURE() << what << " [" << i << "]: level none " << a << ", all " << b;
    }
  }
  EXPECT_EQ(bad, 0) << what;
}

class ZooModels : public ::testing::TestWithParam<const char*> {};

TEST_P(ZooModels, LevelAllMatchesLevelNoneAndSavedModelLoadsBack) {
  const fs::path json_path = models_dir() / (std::string(GetParam()) + ".json");
  if (!fs::exists(json_path)) GTEST_SKIP() << json_path << " absent";
  nlohmann::json spec = nlohmann::json::parse(std::ifstream(json_path));
  const std::string model_path = (models_dir() / spec["model"].get<std::string>()).string();

  Result<ir::Model> model = import::load_model_file(model_path);
  ASSERT_TRUE(model.is_ok()) << model.status().message();
  const size_t nodes_before = model->graph.nodes.size();
  ASSERT_TRUE(opt::optimize_graph(*model, opt::Level::kAll).is_ok());
  const std::string saved = import::serialize_model(*model);
  std::cout << GetParam() << ": nodes " << nodes_before << " -> " << model->graph.nodes.size()
            << "\n";

  Session none = Session::load(model_path, Options().opt_level(OptLevel::kNone)).value();
  Session all = Session::load(model_path, Options().opt_level(OptLevel::kAll)).value();
  Result<Session> reloaded = Session::load_bytes(saved.data(), saved.size(), Options());
  ASSERT_TRUE(reloaded.is_ok()) << reloaded.status().message();
  for (const auto& c : spec["cases"]) {
    std::vector<std::pair<std::string, std::string>> files;  // input name, npy file
    if (c.contains("inputs")) {
      for (const auto& [name, file] : c["inputs"].items())
        files.emplace_back(name, file.get<std::string>());
    } else {
      files.emplace_back(spec["input_name"].get<std::string>(), c["input"].get<std::string>());
    }
    Feeds feeds;
    for (const auto& [name, file] : files) {
      Result<Tensor> t = import::read_npy_file((models_dir() / file).string());
      ASSERT_TRUE(t.is_ok()) << t.status().message();
      feeds.emplace_back(name, std::move(t).value());
    }
    auto a = none.run(feeds);
    auto b = all.run(feeds);
    auto r = reloaded->run(feeds);
    ASSERT_TRUE(a.is_ok() && b.is_ok() && r.is_ok());
    ASSERT_EQ(a->size(), b->size());
    for (size_t i = 0; i < a->size(); ++i) {
      expect_close((*a)[i], (*b)[i], std::string(GetParam()) + " output " + std::to_string(i));
      ASSERT_EQ((*b)[i].nbytes(), (*r)[i].nbytes());
      EXPECT_EQ(0, std::memcmp((*b)[i].raw_data(), (*r)[i].raw_data(), (*b)[i].nbytes()))
          << GetParam() << " reloaded output " << i;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Models, ZooModels,
                         ::testing::Values("super_resolution", "resnet18", "mobilenet_v2",
                                           "squeezenet1_1", "shufflenet_v2", "efficientnet_b0",
                                           "bert_encoder", "gpt_decoder", "crnn", "kws_lstm",
                                           "vad_gru", "segnet", "detector", "bert_encoder_qdyn",
                                           "bert_encoder_fp16", "gpt_decoder_qdyn"),
                         [](const auto& info) { return std::string(info.param); });

}  // namespace
}  // namespace onyx
