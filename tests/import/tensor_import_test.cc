// TensorProto decoding for every dtype and encoding, sparse tensors and tensor round trips.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "import/loader.h"
#include "proto/wire.h"

namespace onyx::import {
namespace {

using proto::WireWriter;

template <typename Fn>
std::string msg(Fn fn) {
  std::string s;
  WireWriter w(&s);
  fn(w);
  return s;
}

std::string packed_varints(const std::vector<int64_t>& v) {
  std::string s;
  WireWriter w(&s);
  for (int64_t x : v) w.raw_varint(static_cast<uint64_t>(x));
  return s;
}

template <typename T>
std::string le_bytes(const std::vector<T>& v) {
  return std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

// TensorProto with dims and data_type, plus `body` for the data fields.
template <typename Fn>
std::string tensor_proto(DType t, std::vector<int64_t> dims, Fn body) {
  return msg([&](WireWriter& w) {
    w.bytes(1, packed_varints(dims));
    w.varint(2, static_cast<uint64_t>(t));
    body(w);
  });
}

Tensor parse_ok(const std::string& bytes) {
  Result<Tensor> t = parse_tensor(bytes.data(), bytes.size());
  EXPECT_TRUE(t.is_ok()) << t.status().to_string();
  return t.is_ok() ? t.value() : Tensor();
}

template <typename T>
std::vector<T> values(const Tensor& t) {
  return std::vector<T>(t.data<T>(), t.data<T>() + t.numel());
}

TEST(TensorImport, FloatAndComplexInFloatData) {
  Tensor f = parse_ok(tensor_proto(DType::kFloat32, {3}, [](WireWriter& w) {
    w.bytes(4, le_bytes<float>({1.5f, -2.f, 3.25f}));
  }));
  EXPECT_EQ(values<float>(f), (std::vector<float>{1.5f, -2.f, 3.25f}));
  // Unpacked encoding of the same field.
  Tensor u = parse_ok(tensor_proto(DType::kFloat32, {2}, [](WireWriter& w) {
    w.float32(4, 7.f);
    w.float32(4, 8.f);
  }));
  EXPECT_EQ(values<float>(u), (std::vector<float>{7.f, 8.f}));
  Tensor c = parse_ok(tensor_proto(DType::kComplex64, {2}, [](WireWriter& w) {
    w.bytes(4, le_bytes<float>({1, 2, 3, 4}));
  }));
  EXPECT_EQ(std::vector<float>(c.data<float>(), c.data<float>() + 4),
            (std::vector<float>{1, 2, 3, 4}));
}

TEST(TensorImport, DoubleAndComplex128InDoubleData) {
  Tensor d = parse_ok(tensor_proto(DType::kFloat64, {2}, [](WireWriter& w) {
    w.bytes(10, le_bytes<double>({0.1, -1e300}));
  }));
  EXPECT_EQ(values<double>(d), (std::vector<double>{0.1, -1e300}));
  Tensor c = parse_ok(tensor_proto(DType::kComplex128, {1}, [](WireWriter& w) {
    w.bytes(10, le_bytes<double>({5, 6}));
  }));
  EXPECT_EQ(c.data<double>()[0], 5);
  EXPECT_EQ(c.data<double>()[1], 6);
}

TEST(TensorImport, IntegerFields) {
  auto int32_field = [](DType t, std::vector<int64_t> v) {
    return tensor_proto(t, {static_cast<int64_t>(v.size())},
                        [&](WireWriter& w) { w.bytes(5, packed_varints(v)); });
  };
  EXPECT_EQ(values<int32_t>(parse_ok(int32_field(DType::kInt32, {-5, 7, 2147483647}))),
            (std::vector<int32_t>{-5, 7, 2147483647}));
  EXPECT_EQ(values<int16_t>(parse_ok(int32_field(DType::kInt16, {-300, 300}))),
            (std::vector<int16_t>{-300, 300}));
  EXPECT_EQ(values<uint16_t>(parse_ok(int32_field(DType::kUInt16, {65535, 1}))),
            (std::vector<uint16_t>{65535, 1}));
  EXPECT_EQ(values<int8_t>(parse_ok(int32_field(DType::kInt8, {-128, 127}))),
            (std::vector<int8_t>{-128, 127}));
  EXPECT_EQ(values<uint8_t>(parse_ok(int32_field(DType::kUInt8, {255, 0}))),
            (std::vector<uint8_t>{255, 0}));
  EXPECT_EQ(values<bool>(parse_ok(int32_field(DType::kBool, {1, 0, 1}))),
            (std::vector<bool>{true, false, true}));
  // float16 / bfloat16 arrive as their uint16 bit patterns.
  EXPECT_EQ(values<uint16_t>(parse_ok(int32_field(DType::kFloat16, {0x3c00, 0xc000}))),
            (std::vector<uint16_t>{0x3c00, 0xc000}));
  EXPECT_EQ(values<uint16_t>(parse_ok(int32_field(DType::kBFloat16, {0x3f80}))),
            (std::vector<uint16_t>{0x3f80}));
  EXPECT_EQ(values<uint8_t>(parse_ok(int32_field(DType::kFloat8E4M3FN, {0x38, 0x7e}))),
            (std::vector<uint8_t>{0x38, 0x7e}));
  // int4: two elements per int32_data entry, low nibble first; sign-extended on import.
  Tensor i4 = parse_ok(tensor_proto(DType::kInt4, {3}, [](WireWriter& w) {
    w.bytes(5, packed_varints({0x9f, 0x07}));
  }));
  EXPECT_EQ(values<int8_t>(i4), (std::vector<int8_t>{-1, -7, 7}));
  Tensor i64 = parse_ok(tensor_proto(DType::kInt64, {2}, [](WireWriter& w) {
    w.bytes(7, packed_varints({-1, int64_t{1} << 60}));
  }));
  EXPECT_EQ(values<int64_t>(i64), (std::vector<int64_t>{-1, int64_t{1} << 60}));
  Tensor u64 = parse_ok(tensor_proto(DType::kUInt64, {1}, [](WireWriter& w) {
    w.bytes(11, packed_varints({-1}));  // 2^64 - 1
  }));
  EXPECT_EQ(u64.data<uint64_t>()[0], ~uint64_t{0});
  Tensor u32 = parse_ok(tensor_proto(
      DType::kUInt32, {1}, [](WireWriter& w) { w.bytes(11, packed_varints({4294967295})); }));
  EXPECT_EQ(u32.data<uint32_t>()[0], 4294967295u);
}

TEST(TensorImport, StringsAndRawData) {
  Tensor s = parse_ok(tensor_proto(DType::kString, {2}, [](WireWriter& w) {
    w.bytes(6, "hello");
    w.bytes(6, std::string("\0\xff", 2));
  }));
  EXPECT_EQ(s.data<std::string>()[0], "hello");
  EXPECT_EQ(s.data<std::string>()[1], std::string("\0\xff", 2));
  Tensor r = parse_ok(tensor_proto(DType::kInt64, {2, 2}, [](WireWriter& w) {
    w.bytes(9, le_bytes<int64_t>({1, 2, 3, -4}));
  }));
  EXPECT_EQ(r.shape(), (Shape{2, 2}));
  EXPECT_EQ(values<int64_t>(r), (std::vector<int64_t>{1, 2, 3, -4}));
  Tensor b = parse_ok(tensor_proto(DType::kBool, {2},
                                   [](WireWriter& w) { w.bytes(9, std::string("\x00\x07", 2)); }));
  EXPECT_EQ(values<bool>(b), (std::vector<bool>{false, true}));
  Tensor scalar = parse_ok(tensor_proto(
      DType::kFloat32, {}, [](WireWriter& w) { w.bytes(9, le_bytes<float>({42.f})); }));
  EXPECT_EQ(scalar.rank(), 0);
  EXPECT_EQ(scalar.data<float>()[0], 42.f);
}

TEST(TensorImport, ElementCountMismatchesAreClearErrors) {
  std::string few = tensor_proto(DType::kFloat32, {2, 3}, [](WireWriter& w) {
    w.bytes(4, le_bytes<float>({1, 2}));
  });
  Result<Tensor> t = parse_tensor(few.data(), few.size());
  ASSERT_FALSE(t.is_ok());
  EXPECT_EQ(t.status().message(), "float tensor has 2 float_data elements, expected 6");
  std::string raw = tensor_proto(DType::kInt32, {3}, [](WireWriter& w) { w.bytes(9, "12345678"); });
  t = parse_tensor(raw.data(), raw.size());
  ASSERT_FALSE(t.is_ok());
  EXPECT_EQ(t.status().message(), "int32 tensor of shape [3] needs 12 bytes of data, got 8");
  std::string neg = tensor_proto(DType::kInt32, {-1}, [](WireWriter&) {});
  EXPECT_FALSE(parse_tensor(neg.data(), neg.size()).is_ok());
  std::string huge = tensor_proto(DType::kInt8, {1ll << 40, 1ll << 40}, [](WireWriter&) {});
  EXPECT_FALSE(parse_tensor(huge.data(), huge.size()).is_ok());
  std::string bad_type = tensor_proto(static_cast<DType>(99), {1}, [](WireWriter&) {});
  t = parse_tensor(bad_type.data(), bad_type.size());
  EXPECT_EQ(t.status().code(), StatusCode::kNotImplemented);
  std::string string_raw =
      tensor_proto(DType::kString, {1}, [](WireWriter& w) { w.bytes(9, "x"); });
  EXPECT_FALSE(parse_tensor(string_raw.data(), string_raw.size()).is_ok());
}

// serialize_tensor writes raw_data (string_data for strings); parse_tensor reads it back.
TEST(TensorImport, EveryDtypeRoundTrips) {
  for (int code = 1; code <= 23; ++code) {
    DType dt = static_cast<DType>(code);
    Tensor t = Tensor::empty(dt, {2, 3});
    if (dt == DType::kString) {
      for (int i = 0; i < 6; ++i) t.data<std::string>()[i] = std::to_string(i) + "s";
    } else if (dt == DType::kBool) {
      for (int i = 0; i < 6; ++i) t.data<bool>()[i] = i % 2;
    } else if (dt == DType::kInt4) {
      for (int i = 0; i < 6; ++i) t.data<int8_t>()[i] = static_cast<int8_t>(i - 3);
    } else if (dt == DType::kUInt4 || dt == DType::kFloat4E2M1) {
      for (int i = 0; i < 6; ++i) t.data<uint8_t>()[i] = static_cast<uint8_t>(i * 2 + 1);
    } else {
      auto* p = static_cast<uint8_t*>(t.raw_data());
      for (size_t i = 0; i < t.nbytes(); ++i) p[i] = static_cast<uint8_t>(i * 37 + 11);
    }
    std::string bytes = serialize_tensor(t, "x");
    Tensor back = parse_ok(bytes);
    ASSERT_EQ(back.dtype(), dt) << dtype_name(dt);
    EXPECT_EQ(back.shape(), t.shape()) << dtype_name(dt);
    if (dt == DType::kString) {
      for (int i = 0; i < 6; ++i) EXPECT_EQ(back.data<std::string>()[i], t.data<std::string>()[i]);
    } else {
      EXPECT_EQ(std::memcmp(back.raw_data(), t.raw_data(), t.nbytes()), 0) << dtype_name(dt);
    }
  }
}

std::string sparse_proto(const std::string& values, const std::string& indices,
                         std::vector<int64_t> dims) {
  return msg([&](WireWriter& w) {
    w.bytes(1, values);
    w.bytes(2, indices);
    w.bytes(3, packed_varints(dims));
  });
}

// A model whose graph holds only `sparse` as sparse_initializer.
Result<ir::Model> model_with_sparse(const std::string& sparse) {
  static std::string bytes;
  bytes = msg([&](WireWriter& w) { w.bytes(7, msg([&](WireWriter& g) { g.bytes(15, sparse); })); });
  return load_model_bytes(bytes.data(), bytes.size(), nullptr);
}

TEST(SparseImport, LinearAndCoordinateIndices) {
  std::string vals = tensor_proto(DType::kFloat32, {2}, [](WireWriter& w) {
    w.bytes(8, "sp");
    w.bytes(4, le_bytes<float>({5, 6}));
  });
  std::string linear = tensor_proto(DType::kInt64, {2}, [](WireWriter& w) {
    w.bytes(7, packed_varints({1, 5}));
  });
  Result<ir::Model> m = model_with_sparse(sparse_proto(vals, linear, {2, 3}));
  ASSERT_TRUE(m.is_ok()) << m.status().to_string();
  const Tensor* t = m->graph.initializer("sp");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(values<float>(*t), (std::vector<float>{0, 5, 0, 0, 0, 6}));

  std::string coords = tensor_proto(DType::kInt64, {2, 2}, [](WireWriter& w) {
    w.bytes(7, packed_varints({0, 2, 1, 0}));
  });
  m = model_with_sparse(sparse_proto(vals, coords, {2, 3}));
  ASSERT_TRUE(m.is_ok()) << m.status().to_string();
  EXPECT_EQ(values<float>(*m->graph.initializer("sp")), (std::vector<float>{0, 0, 5, 6, 0, 0}));

  std::string out_of_range = tensor_proto(DType::kInt64, {2}, [](WireWriter& w) {
    w.bytes(7, packed_varints({1, 6}));
  });
  m = model_with_sparse(sparse_proto(vals, out_of_range, {2, 3}));
  ASSERT_FALSE(m.is_ok());
  EXPECT_NE(m.status().message().find("out of range"), std::string::npos) << m.status().message();
  m = model_with_sparse(sparse_proto(vals, linear, {1ll << 40}));
  EXPECT_FALSE(m.is_ok());
}

}  // namespace
}  // namespace onyx::import
