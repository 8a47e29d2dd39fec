// TensorProto, SparseTensorProto and external data rules.
#include <filesystem>
#include <fstream>

#include "check/check_test_util.h"

namespace onyx::testing {
namespace {

using namespace pb;

CheckReport with_initializer(const std::string& tensor) {
  Graph g = relu_graph();
  g.initializers = {tensor};
  return check_bytes(model(g));
}

TEST(CheckTensor, DataTypeRequired) {
  EXPECT_CHECK_ERROR(with_initializer(tensor_raw("w", 0, {1}, "abcd")), "tensor.data_type_missing",
                     "initializer 'w'");
}

TEST(CheckTensor, UnknownDataType) {
  EXPECT_CHECK_ERROR(with_initializer(tensor_raw("w", 99, {1}, "abcd")), "tensor.data_type_unknown",
                     "initializer 'w'");
}

TEST(CheckTensor, NoDataField) {
  CheckReport r = with_initializer(i(1, 2) + i(2, 1) + s(8, "w"));
  EXPECT_CHECK_ERROR(r, "tensor.value_field_count", "initializer 'w'");
}

TEST(CheckTensor, TwoDataFields) {
  CheckReport r = with_initializer(i(1, 1) + i(2, 1) + f32(4, 1.f) + s(8, "w") + s(9, "abcd"));
  EXPECT_CHECK_ERROR(r, "tensor.value_field_count", "initializer 'w'");
  EXPECT_NE(find_error(r, "tensor.value_field_count")->message.find("float_data, raw_data"),
            std::string::npos);
}

TEST(CheckTensor, ZeroElementsWithData) {
  EXPECT_CHECK_ERROR(with_initializer(tensor_raw("w", 1, {0, 3}, "abcd")),
                     "tensor.zero_elements_with_data", "initializer 'w'");
  EXPECT_VALID(with_initializer(i(1, 0) + i(2, 1) + s(8, "w")));
}

TEST(CheckTensor, RawDataSize) {
  CheckReport r = with_initializer(tensor_raw("w", 1, {2}, "abcd"));
  EXPECT_CHECK_ERROR(r, "tensor.raw_data_size", "initializer 'w'");
  EXPECT_NE(find_error(r, "tensor.raw_data_size")->message.find("take 8"), std::string::npos);
  EXPECT_VALID(with_initializer(tensor_raw("w4", 22, {3}, "ab")));  // int4: 3 values in 2 bytes
}

TEST(CheckTensor, StringsNotInRawData) {
  EXPECT_CHECK_ERROR(with_initializer(tensor_raw("w", 8, {1}, "abcd")), "tensor.string_in_raw_data",
                     "initializer 'w'");
}

TEST(CheckTensor, WrongTypedField) {
  // INT64 values in float_data.
  CheckReport r = with_initializer(i(1, 1) + i(2, 7) + f32(4, 1.f) + s(8, "w"));
  EXPECT_CHECK_ERROR(r, "tensor.wrong_data_field", "initializer 'w'");
  EXPECT_NE(find_error(r, "tensor.wrong_data_field")->message.find("int64_data"),
            std::string::npos);
}

TEST(CheckTensor, TypedCountMatchesDims) {
  EXPECT_CHECK_ERROR(with_initializer(tensor_floats("w", {3}, {1.f, 2.f})), "tensor.data_count",
                     "initializer 'w'");
  EXPECT_VALID(with_initializer(tensor_floats("w", {2}, {1.f, 2.f})));
}

TEST(CheckTensor, NegativeDim) {
  EXPECT_CHECK_ERROR(with_initializer(tensor_raw("w", 1, {-1}, "abcd")), "tensor.bad_dims",
                     "initializer 'w'");
}

// Sparse initializer: values [nnz], indices, dense dims.
std::string sparse(const std::vector<int64_t>& dims, const std::vector<int64_t>& idx_dims,
                   const std::vector<int64_t>& idx, int64_t nnz) {
  std::string values = tensor_raw("sp", 1, {nnz}, std::string(4 * nnz, '\0'));
  std::string indices;
  for (int64_t d : idx_dims) indices += i(1, d);
  indices += i(2, 7);
  for (int64_t v : idx) indices += i(7, v);
  std::string out = s(1, values) + s(2, indices);
  for (int64_t d : dims) out += i(3, d);
  return out;
}

CheckReport with_sparse(const std::string& st) {
  Graph g = relu_graph();
  g.sparse_initializers = {st};
  return check_bytes(model(g));
}

TEST(CheckSparse, ValidLinearAndCoordinateIndices) {
  EXPECT_VALID(with_sparse(sparse({3, 4}, {2}, {1, 7}, 2)));
  EXPECT_VALID(with_sparse(sparse({3, 4}, {2, 2}, {0, 1, 1, 3}, 2)));
}

TEST(CheckSparse, IndexOutOfRange) {
  EXPECT_CHECK_ERROR(with_sparse(sparse({3, 4}, {2}, {1, 12}, 2)), "sparse.index_out_of_range",
                     "sparse_initializer 'sp'");
}

TEST(CheckSparse, IndicesUnsorted) {
  EXPECT_CHECK_ERROR(with_sparse(sparse({3, 4}, {2, 2}, {1, 0, 0, 3}, 2)),
                     "sparse.indices_unsorted", "sparse_initializer 'sp'");
}

TEST(CheckSparse, IndicesRankAndCount) {
  EXPECT_CHECK_ERROR(with_sparse(sparse({3, 4}, {2, 2, 1}, {0, 1, 1, 3}, 2)), "sparse.indices_rank",
                     "'sp'");
  EXPECT_CHECK_ERROR(with_sparse(sparse({3, 4}, {3}, {0, 1, 2}, 2)), "sparse.indices_count",
                     "'sp'");
}

TEST(CheckSparse, DenseDimsPositive) {
  EXPECT_CHECK_ERROR(with_sparse(sparse({3, 0}, {2}, {0, 1}, 2)), "sparse.dims", "'sp'");
  EXPECT_CHECK_ERROR(with_sparse(sparse({}, {2}, {0, 1}, 2)), "sparse.dense_rank", "'sp'");
}

std::string external(const std::string& name,
                     const std::vector<std::pair<std::string, std::string>>& kv,
                     int64_t elements = 2) {
  std::string out = i(1, elements) + i(2, 1) + s(8, name);
  for (const auto& [k, v] : kv) out += s(13, s(1, k) + s(2, v));
  return out + i(14, 1);
}

TEST(CheckExternal, LocationRequiredAndRelative) {
  EXPECT_CHECK_ERROR(with_initializer(external("w", {{"offset", "0"}})),
                     "tensor.external_location_missing", "initializer 'w'");
  EXPECT_CHECK_ERROR(with_initializer(external("w", {{"location", "/etc/passwd"}})),
                     "tensor.external_location_form", "initializer 'w'");
  EXPECT_CHECK_ERROR(with_initializer(external("w", {{"location", "a/../../x.bin"}})),
                     "tensor.external_location_form", "initializer 'w'");
  EXPECT_CHECK_ERROR(with_initializer(external("w", {{"location", "x.bin"}, {"offset", "-3"}})),
                     "tensor.external_bad_number", "initializer 'w'");
}

TEST(CheckExternal, ExternalWithInlineData) {
  EXPECT_CHECK_ERROR(with_initializer(external("w", {{"location", "x.bin"}}) + s(9, "abcdefgh")),
                     "tensor.external_with_data", "initializer 'w'");
}

TEST(CheckExternal, FileRules) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(::testing::TempDir()) / "c1_check_external";
  fs::remove_all(dir);
  fs::create_directories(dir / "sub");
  { std::ofstream(dir / "w.bin", std::ios::binary) << std::string(8, '\0'); }
  auto check_file = [&](const std::string& tensor) {
    Graph g = relu_graph();
    g.initializers = {tensor};
    const fs::path path = dir / "m.onnx";
    { std::ofstream(path, std::ios::binary) << model(g); }
    Result<CheckReport> r = check_model_file(path.string());
    EXPECT_TRUE(r.is_ok());
    return r.is_ok() ? r.value() : CheckReport{};
  };
  EXPECT_VALID(check_file(external("w", {{"location", "w.bin"}})));
  EXPECT_CHECK_ERROR(check_file(external("w", {{"location", "missing.bin"}})),
                     "tensor.external_missing", "initializer 'w'");
  EXPECT_CHECK_ERROR(check_file(external("w", {{"location", "sub"}})), "tensor.external_not_file",
                     "initializer 'w'");
  EXPECT_CHECK_ERROR(
      check_file(external("w", {{"location", "w.bin"}, {"offset", "4"}, {"length", "8"}})),
      "tensor.external_range", "initializer 'w'");
  EXPECT_CHECK_ERROR(check_file(external("w", {{"location", "w.bin"}, {"length", "4"}})),
                     "tensor.external_size", "initializer 'w'");
  const fs::path outside = fs::path(::testing::TempDir()) / "c1_check_outside.bin";
  { std::ofstream(outside, std::ios::binary) << std::string(8, '\0'); }
  fs::create_symlink(outside, dir / "link.bin");
  EXPECT_CHECK_ERROR(check_file(external("w", {{"location", "link.bin"}})),
                     "tensor.external_escapes", "initializer 'w'");
  fs::remove_all(dir);
  fs::remove(outside);
}

}  // namespace
}  // namespace onyx::testing
