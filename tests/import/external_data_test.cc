// External data resolution: paths outside the model folder are refused, ranges are checked.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "import/loader.h"
#include "interop_util.h"
#include "proto/wire.h"

namespace onyx::import {
namespace {

using proto::WireWriter;

// A model whose single initializer "w" (float [2]) points at external data.
std::string model_with_external(const std::string& location, const std::string& offset = "",
                                const std::string& length = "") {
  auto entry = [](const std::string& k, const std::string& v) {
    std::string e;
    WireWriter w(&e);
    w.bytes(1, k);
    w.bytes(2, v);
    return e;
  };
  std::string tensor;
  WireWriter tw(&tensor);
  tw.bytes(1, std::string("\x02", 1));
  tw.varint(2, 1);
  tw.bytes(8, "w");
  tw.bytes(13, entry("location", location));
  if (!offset.empty()) tw.bytes(13, entry("offset", offset));
  if (!length.empty()) tw.bytes(13, entry("length", length));
  tw.varint(14, 1);
  std::string graph;
  WireWriter(&graph).bytes(5, tensor);
  std::string model;
  WireWriter(&model).bytes(7, graph);
  return model;
}

class ExternalData : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = testing::scratch_dir("external_data");
    dir_ = root_ + "/model";
    std::filesystem::create_directories(dir_);
    float data[4] = {1, 2, 3, 4};
    std::ofstream(dir_ + "/weights.bin", std::ios::binary).write(reinterpret_cast<char*>(data), 16);
    std::ofstream(root_ + "/x", std::ios::binary).write(reinterpret_cast<char*>(data), 8);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  Result<ir::Model> load(const std::string& model_bytes) {
    std::ofstream(dir_ + "/model.onnx", std::ios::binary) << model_bytes;
    return load_model_file(dir_ + "/model.onnx");
  }
  std::string root_, dir_;
};

TEST_F(ExternalData, LoadsOffsetAndLength) {
  Result<ir::Model> m = load(model_with_external("weights.bin", "8", "8"));
  ASSERT_TRUE(m.is_ok()) << m.status().to_string();
  const Tensor* w = m->graph.initializer("w");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->data<float>()[0], 3.f);
  EXPECT_EQ(w->data<float>()[1], 4.f);
  m = load(model_with_external("./weights.bin", "", "8"));
  ASSERT_TRUE(m.is_ok()) << m.status().to_string();
  EXPECT_EQ(m->graph.initializer("w")->data<float>()[1], 2.f);
}

TEST_F(ExternalData, RefusesPathsOutsideTheModelFolder) {
  Result<ir::Model> m = load(model_with_external("../x"));
  ASSERT_FALSE(m.is_ok());
  EXPECT_NE(m.status().message().find("outside the model folder"), std::string::npos)
      << m.status().message();
  m = load(model_with_external(dir_ + "/weights.bin"));
  ASSERT_FALSE(m.is_ok());
  EXPECT_NE(m.status().message().find("absolute path"), std::string::npos) << m.status().message();
  std::filesystem::create_symlink(root_ + "/x", dir_ + "/link.bin");
  m = load(model_with_external("link.bin"));
  ASSERT_FALSE(m.is_ok());
  EXPECT_NE(m.status().message().find("outside the model folder"), std::string::npos)
      << m.status().message();
  std::filesystem::create_directories(dir_ + "/sub");
  m = load(model_with_external("sub/../../model/weights.bin", "", "8"));
  EXPECT_TRUE(m.is_ok()) << m.status().to_string();  // stays inside after canonicalization
}

TEST_F(ExternalData, ChecksRangesAndFiles) {
  EXPECT_FALSE(load(model_with_external("weights.bin", "12", "8")).is_ok());
  EXPECT_FALSE(load(model_with_external("weights.bin", "20")).is_ok());
  EXPECT_FALSE(load(model_with_external("weights.bin", "-1")).is_ok());
  EXPECT_FALSE(load(model_with_external("weights.bin", "", "4")).is_ok());  // needs 8 bytes
  Result<ir::Model> m = load(model_with_external("missing.bin"));
  ASSERT_FALSE(m.is_ok());
  EXPECT_EQ(m.status().code(), StatusCode::kNoSuchFile);
  EXPECT_FALSE(load(model_with_external("")).is_ok());
}

TEST_F(ExternalData, RefusedForModelsLoadedFromMemory) {
  std::string bytes = model_with_external("weights.bin");
  Result<ir::Model> m = load_model_bytes(bytes.data(), bytes.size(), nullptr);
  ASSERT_FALSE(m.is_ok());
  EXPECT_NE(m.status().message().find("refused"), std::string::npos) << m.status().message();
}

}  // namespace
}  // namespace onyx::import
