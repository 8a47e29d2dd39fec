// .npy reader/writer: round trips for every dtype, files written by numpy, files read by numpy,
// and the errors for malformed files and unsupported dtypes.
#include "import/npy.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using onyx::DType;
using onyx::Shape;
using onyx::Tensor;

namespace {

constexpr const char* kPython = "/usr/bin/python3";

fs::path temp_dir() {
  static fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("onyx_npy_test_" + std::to_string(getpid()));
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

bool have_numpy() {
  static bool ok = access(kPython, X_OK) == 0 &&
                   std::system("/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1") == 0;
  return ok;
}

int run_python(const std::string& code) {
  fs::path script = temp_dir() / "script.py";
  std::ofstream(script) << code;
  return std::system((std::string(kPython) + " " + script.string()).c_str());
}

// A tensor of `dtype` whose byte pattern differs per element.
Tensor patterned(DType dtype, Shape shape) {
  Tensor t = Tensor::empty(dtype, shape);
  auto* bytes = static_cast<uint8_t*>(t.raw_data());
  for (size_t i = 0; i < t.nbytes(); ++i) bytes[i] = static_cast<uint8_t>(i * 37 + 11);
  if (dtype == DType::kBool)
    for (int64_t i = 0; i < t.numel(); ++i) bytes[i] = i % 3 == 0;
  return t;
}

void expect_same(const Tensor& a, const Tensor& b) {
  ASSERT_EQ(a.dtype(), b.dtype());
  ASSERT_EQ(a.shape(), b.shape());
  ASSERT_EQ(0, std::memcmp(a.raw_data(), b.raw_data(), a.nbytes()));
}

const DType kAllDTypes[] = {DType::kFloat16,    DType::kFloat32, DType::kFloat64, DType::kComplex64,
                            DType::kComplex128, DType::kInt8,    DType::kInt16,   DType::kInt32,
                            DType::kInt64,      DType::kUInt8,   DType::kUInt16,  DType::kUInt32,
                            DType::kUInt64,     DType::kBool};

TEST(Npy, RoundTripEveryDType) {
  for (DType dt : kAllDTypes) {
    for (const Shape& shape : {Shape{}, Shape{0}, Shape{5}, Shape{2, 3, 4}}) {
      SCOPED_TRACE(std::string(onyx::dtype_name(dt)) + " " + onyx::shape_to_string(shape));
      Tensor t = patterned(dt, shape);
      auto bytes = onyx::import::serialize_npy(t);
      ASSERT_TRUE(bytes.is_ok()) << bytes.status().message();
      // numpy's layout: the data starts at a multiple of 64 bytes.
      EXPECT_EQ((bytes->size() - t.nbytes()) % 64, 0u);
      auto back = onyx::import::parse_npy(bytes->data(), bytes->size());
      ASSERT_TRUE(back.is_ok()) << back.status().message();
      expect_same(t, *back);
    }
  }
}

TEST(Npy, FileRoundTrip) {
  Tensor t = Tensor::from_vector<float>({2, 2}, {1.5f, -2, 3, 4});
  fs::path p = temp_dir() / "rt.npy";
  ASSERT_TRUE(onyx::import::write_npy_file(t, p.string()).is_ok());
  auto back = onyx::import::read_npy_file(p.string());
  ASSERT_TRUE(back.is_ok()) << back.status().message();
  expect_same(t, *back);
}

TEST(Npy, WriteRefusesTypesNumpyLacks) {
  auto r = onyx::import::serialize_npy(Tensor::empty(DType::kBFloat16, {2}));
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("bfloat16"), std::string::npos);
  EXPECT_FALSE(onyx::import::serialize_npy(Tensor::from_vector<std::string>({1}, {"a"})).is_ok());
}

TEST(Npy, ErrorsNameFileAndDType) {
  fs::path p = temp_dir() / "does_not_exist.npy";
  auto missing = onyx::import::read_npy_file(p.string());
  ASSERT_FALSE(missing.is_ok());
  EXPECT_NE(missing.status().message().find(p.string()), std::string::npos);

  std::string header = "{'descr': '<U3', 'fortran_order': False, 'shape': (2,), }";
  std::string file = std::string("\x93NUMPY\x01\x00", 8) + static_cast<char>(header.size()) + '\0' +
                     header + std::string(24, '\0');
  auto unicode = onyx::import::parse_npy(file.data(), file.size(), "words.npy");
  ASSERT_FALSE(unicode.is_ok());
  EXPECT_NE(unicode.status().message().find("words.npy"), std::string::npos);
  EXPECT_NE(unicode.status().message().find("<U3"), std::string::npos);

  Tensor t = Tensor::from_vector<int32_t>({4}, {1, 2, 3, 4});
  std::string good = onyx::import::serialize_npy(t).value();
  auto truncated = onyx::import::parse_npy(good.data(), good.size() - 1, "short.npy");
  ASSERT_FALSE(truncated.is_ok());
  EXPECT_NE(truncated.status().message().find("truncated"), std::string::npos);
  auto garbage = onyx::import::parse_npy("hello world", 11, "x.npy");
  EXPECT_FALSE(garbage.is_ok());

  // A header whose element count overflows int64 is an error, not a wrapped-around size.
  std::string huge_header =
      "{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296), }";
  std::string huge = std::string("\x93NUMPY\x01\x00", 8) + static_cast<char>(huge_header.size()) +
                     '\0' + huge_header + std::string(16, '\0');
  auto overflow = onyx::import::parse_npy(huge.data(), huge.size(), "huge.npy");
  ASSERT_FALSE(overflow.is_ok());
  EXPECT_NE(overflow.status().message().find("more elements than int64"), std::string::npos)
      << overflow.status().message();
}

// numpy writes: every dtype in C order (values arange(24) % 7, bool = value % 2), Fortran order,
// big-endian, and format versions 2.0 and 3.0.
TEST(Npy, ReadsFilesWrittenByNumpy) {
  if (!have_numpy()) GTEST_SKIP() << "needs /usr/bin/python3 with numpy";
  const fs::path dir = temp_dir() / "from_numpy";
  fs::create_directories(dir);
  ASSERT_EQ(0, run_python("import numpy as np\n"
                          "from numpy.lib import format as F\n"
                          "d = '" +
                          dir.string() +
                          "'\n"
                          "base = (np.arange(24) % 7).reshape(2, 3, 4)\n"
                          "for c in ['f2','f4','f8','c8','c16','i1','i2','i4','i8','u1','u2',"
                          "'u4','u8']:\n"
                          "    np.save(f'{d}/{c}.npy', base.astype(c))\n"
                          "np.save(f'{d}/b1.npy', (base % 2).astype(bool))\n"
                          "np.save(f'{d}/fortran.npy', np.asfortranarray(base.astype('<i4')))\n"
                          "np.save(f'{d}/big.npy', base.astype('>f4'))\n"
                          "for v in [(2, 0), (3, 0)]:\n"
                          "    with open(f'{d}/v{v[0]}.npy', 'wb') as f:\n"
                          "        F.write_array(f, base.astype('<i8'), version=v)\n"));
  const std::pair<const char*, DType> cases[] = {
      {"f2", DType::kFloat16},   {"f4", DType::kFloat32},     {"f8", DType::kFloat64},
      {"c8", DType::kComplex64}, {"c16", DType::kComplex128}, {"i1", DType::kInt8},
      {"i2", DType::kInt16},     {"i4", DType::kInt32},       {"i8", DType::kInt64},
      {"u1", DType::kUInt8},     {"u2", DType::kUInt16},      {"u4", DType::kUInt32},
      {"u8", DType::kUInt64},    {"b1", DType::kBool},        {"fortran", DType::kInt32},
      {"big", DType::kFloat32},  {"v2", DType::kInt64},       {"v3", DType::kInt64}};
  for (const auto& [name, dtype] : cases) {
    SCOPED_TRACE(name);
    auto t = onyx::import::read_npy_file((dir / (std::string(name) + ".npy")).string());
    ASSERT_TRUE(t.is_ok()) << t.status().message();
    ASSERT_EQ(t->dtype(), dtype);
    ASSERT_EQ(t->shape(), (Shape{2, 3, 4}));
    for (int64_t i = 0; i < 24; ++i) {
      double expected = static_cast<double>(i % 7);
      double got = 0;
      switch (dtype) {
        case DType::kFloat16: {
          uint16_t h = t->data<uint16_t>()[i];  // small integers are exact in float16
          got = h == 0 ? 0 : std::ldexp(1.0 + (h & 0x3ff) / 1024.0, ((h >> 10) & 0x1f) - 15);
          break;
        }
        case DType::kFloat32:
          got = t->data<float>()[i];
          break;
        case DType::kFloat64:
          got = t->data<double>()[i];
          break;
        case DType::kComplex64:
          got = t->data<float>()[2 * i];
          break;
        case DType::kComplex128:
          got = t->data<double>()[2 * i];
          break;
        case DType::kInt8:
          got = t->data<int8_t>()[i];
          break;
        case DType::kInt16:
          got = t->data<int16_t>()[i];
          break;
        case DType::kInt32:
          got = t->data<int32_t>()[i];
          break;
        case DType::kInt64:
          got = static_cast<double>(t->data<int64_t>()[i]);
          break;
        case DType::kUInt8:
          got = t->data<uint8_t>()[i];
          break;
        case DType::kUInt16:
          got = t->data<uint16_t>()[i];
          break;
        case DType::kUInt32:
          got = t->data<uint32_t>()[i];
          break;
        case DType::kUInt64:
          got = static_cast<double>(t->data<uint64_t>()[i]);
          break;
        case DType::kBool:
          got = t->data<bool>()[i];
          expected = (i % 7) % 2;
          break;
        default:
          FAIL();
      }
      ASSERT_EQ(got, expected) << "element " << i;
    }
  }
}

TEST(Npy, NumpyReadsOurFiles) {
  if (!have_numpy()) GTEST_SKIP() << "needs /usr/bin/python3 with numpy";
  const fs::path dir = temp_dir() / "to_numpy";
  fs::create_directories(dir);
  std::vector<int64_t> values(24);
  for (int64_t i = 0; i < 24; ++i) values[i] = i * 3 - 20;
  ASSERT_TRUE(onyx::import::write_npy_file(Tensor::from_vector<int64_t>({2, 3, 4}, values),
                                           (dir / "i8.npy").string())
                  .is_ok());
  ASSERT_TRUE(onyx::import::write_npy_file(Tensor::from_vector<float>({3}, {0.5f, -1, 2}),
                                           (dir / "f4.npy").string())
                  .is_ok());
  ASSERT_TRUE(onyx::import::write_npy_file(Tensor::from_vector<bool>({2}, {true, false}),
                                           (dir / "b1.npy").string())
                  .is_ok());
  ASSERT_TRUE(
      onyx::import::write_npy_file(Tensor::scalar<double>(7.25), (dir / "scalar.npy").string())
          .is_ok());
  EXPECT_EQ(0, run_python("import numpy as np\n"
                          "d = '" +
                          dir.string() +
                          "'\n"
                          "a = np.load(f'{d}/i8.npy')\n"
                          "assert a.dtype == np.int64 and a.shape == (2, 3, 4), a\n"
                          "assert (a.ravel() == np.arange(24) * 3 - 20).all(), a\n"
                          "f = np.load(f'{d}/f4.npy')\n"
                          "assert f.dtype == np.float32 and list(f) == [0.5, -1, 2], f\n"
                          "b = np.load(f'{d}/b1.npy')\n"
                          "assert b.dtype == bool and list(b) == [True, False], b\n"
                          "s = np.load(f'{d}/scalar.npy')\n"
                          "assert s.shape == () and s == 7.25, s\n"));
}

}  // namespace
