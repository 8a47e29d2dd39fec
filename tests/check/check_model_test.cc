// Model-level checker rules (ir_version, opset_import, metadata) and the public API's handling of
// unreadable input.
#include <filesystem>
#include <fstream>

#include "check/check_test_util.h"

namespace onyx::testing {
namespace {

using namespace pb;

TEST(CheckModel, SmallestModelIsValid) {
  CheckReport r = check_bytes(model(relu_graph()));
  EXPECT_VALID(r);
}

TEST(CheckModel, MissingIrVersion) {
  CheckReport r = check_bytes(model(relu_graph(), 0));
  EXPECT_CHECK_ERROR(r, "model.ir_version_missing", "model");
  EXPECT_NE(r.issues[0].message.find("not set"), std::string::npos);
}

TEST(CheckModel, IrVersionNewerThanKnown) {
  CheckReport r = check_bytes(model(relu_graph(), 99));
  EXPECT_CHECK_ERROR(r, "model.ir_version_too_new", "model");
  EXPECT_NE(find_error(r, "model.ir_version_too_new")->message.find("99"), std::string::npos);
}

TEST(CheckModel, OpsetImportRequiredFromIr3) {
  CheckReport r = check_bytes(model(relu_graph(), 3, {}));
  EXPECT_CHECK_ERROR(r, "model.opset_import_missing", "model");
}

TEST(CheckModel, OpsetImportForbiddenBeforeIr3) {
  CheckReport r = check_bytes(model(relu_graph(), 2, {{"", 1}}));
  EXPECT_CHECK_ERROR(r, "model.opset_import_before_ir3", "model");
  // Without imports an IR 2 model implies ai.onnx opset 1 and is fine.
  CheckReport ok = check_bytes(model(relu_graph(), 2, {}));
  EXPECT_EQ(find_error(ok, "model.opset_import_before_ir3"), nullptr) << describe(ok);
}

TEST(CheckModel, DuplicateMetadataKey) {
  const std::string meta = s(14, s(1, "author") + s(2, "a")) + s(14, s(1, "author") + s(2, "b"));
  CheckReport r = check_bytes(model(relu_graph(), 8, {{"", 13}}, meta));
  EXPECT_CHECK_ERROR(r, "model.duplicate_metadata_key", "'author'");
}

TEST(CheckModel, DuplicateOpsetDomainIsAWarning) {
  CheckReport r = check_bytes(model(relu_graph(), 8, {{"", 13}, {"", 14}}));
  EXPECT_TRUE(r.valid()) << describe(r);
  bool warned = false;
  for (const CheckIssue& i : r.issues) warned |= i.warning && i.rule == "opset.duplicate_domain";
  EXPECT_TRUE(warned) << describe(r);
}

TEST(CheckModel, OpsetVersionBeyond32Bits) {
  CheckReport r = check_bytes(model(relu_graph(), 8, {{"", 13}, {"com.x", int64_t{1} << 40}}));
  EXPECT_CHECK_ERROR(r, "opset.version_range", "'com.x'");
}

TEST(CheckModel, GraphMissing) {
  CheckReport r = check_bytes(i(1, 8) + s(8, opset("", 13)));
  EXPECT_CHECK_ERROR(r, "model.graph_missing", "model");
}

TEST(CheckModel, AllIssuesAreReported) {
  // Two independent problems: both appear.
  Graph g = relu_graph();
  g.name = "";
  CheckReport r = check_bytes(model(g, 0));
  EXPECT_NE(find_error(r, "model.ir_version_missing"), nullptr) << describe(r);
  EXPECT_NE(find_error(r, "graph.name_missing"), nullptr) << describe(r);
  EXPECT_EQ(r.error_count(), 2u) << describe(r);
}

TEST(CheckApi, GarbageBytesAreAnError) {
  const std::string bytes = "\x08\x07\x12\xff\xff";
  Result<CheckReport> r = check_model_bytes(bytes.data(), bytes.size());
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidProtobuf);
  EXPECT_NE(r.status().message().find("not a readable ONNX model"), std::string::npos)
      << r.status().message();
}

TEST(CheckApi, MissingFileAndDirectoryAreErrors) {
  Result<CheckReport> missing = check_model_file("/nonexistent/dir/m.onnx");
  ASSERT_FALSE(missing.is_ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNoSuchFile);
  EXPECT_NE(missing.status().message().find("m.onnx"), std::string::npos);
  Result<CheckReport> dir = check_model_file(::testing::TempDir());
  EXPECT_FALSE(dir.is_ok());
}

TEST(CheckApi, FileIsCheckedLikeBytes) {
  const std::string path = ::testing::TempDir() + "/c1_check_api_model.onnx";
  {
    std::ofstream f(path, std::ios::binary);
    f << model(relu_graph(), 0);
  }
  Result<CheckReport> r = check_model_file(path);
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_CHECK_ERROR(r.value(), "model.ir_version_missing", "model");
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace onyx::testing
