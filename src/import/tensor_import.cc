// TensorProto -> Tensor.
//
// raw_data holds fixed-width little-endian elements (4-bit types packed two per byte, 2-bit types
// four per byte, lowest bits first); onyx assumes a little-endian host, so aligned raw_data is
// borrowed in place. Typed fields: float/complex64 in float_data, double/complex128 in double_data,
// int64 in int64_data, uint32/uint64 in uint64_data, strings in string_data, and every narrower
// type (bool, [u]int8, [u]int16, int32, float16/bfloat16 and float8 bit patterns, packed
// 4-bit/2-bit bytes) in int32_data.
#include <cstring>
#include <optional>

#include "base/checked_size.h"
#include "import/import_internal.h"

namespace onyx::import {
namespace {

// Bits per element of the packed sub-byte types (4 or 2); 0 for the others.
int packed_bits(DType t) {
  if (t == DType::kInt4 || t == DType::kUInt4 || t == DType::kFloat4E2M1) return 4;
  if (t == DType::kInt2 || t == DType::kUInt2) return 2;
  return 0;
}

// Bytes holding numel packed elements of a sub-byte type.
uint64_t packed_bytes(DType t, int64_t numel) {
  const uint64_t per_byte = 8 / static_cast<uint64_t>(packed_bits(t));
  return (static_cast<uint64_t>(numel) + per_byte - 1) / per_byte;
}

// Alignment a pointer needs to be read as elements of `t`.
size_t element_alignment(DType t) {
  if (t == DType::kComplex64) return 4;
  if (t == DType::kComplex128) return 8;
  return dtype_size(t);
}

Status count_error(const char* field, size_t got, int64_t want, DType t) {
  return Status(StatusCode::kInvalidGraph, std::string(dtype_name(t)) + " tensor has " +
                                               std::to_string(got) + " " + field +
                                               " elements, expected " + std::to_string(want));
}

// Unpacks 4-bit or 2-bit codes (lowest bits = first element) into one byte per element; int4 and
// int2 sign-extend.
void unpack_codes(DType t, int64_t numel, const uint8_t* packed, uint8_t* out) {
  const int bits = packed_bits(t);
  const int per_byte = 8 / bits;
  const auto mask = static_cast<uint8_t>((1u << bits) - 1);
  const auto sign = static_cast<uint8_t>(1u << (bits - 1));
  const bool is_signed = t == DType::kInt4 || t == DType::kInt2;
  for (int64_t i = 0; i < numel; ++i) {
    const auto code =
        static_cast<uint8_t>((packed[i / per_byte] >> ((i % per_byte) * bits)) & mask);
    out[i] = is_signed && (code & sign) ? static_cast<uint8_t>(code | ~mask) : code;
  }
}

// `sources`: set for raw_data inside the mapped model file (see WeightSources).
Result<Tensor> from_raw(DType t, Shape shape, int64_t numel, std::string_view bytes,
                        const std::shared_ptr<void>& owner, WeightSources* sources) {
  if (t == DType::kString)
    return Status(StatusCode::kInvalidGraph,
                  "string tensor stored in raw_data (needs string_data)");
  uint64_t want =
      packed_bits(t) ? packed_bytes(t, numel) : static_cast<uint64_t>(numel) * dtype_size(t);
  if (bytes.size() != want)
    return Status(StatusCode::kInvalidGraph, std::string(dtype_name(t)) + " tensor of shape " +
                                                 shape_to_string(shape) + " needs " +
                                                 std::to_string(want) + " bytes of data, got " +
                                                 std::to_string(bytes.size()));
  if (numel == 0) return Tensor::empty(t, std::move(shape));
  const auto* src = reinterpret_cast<const uint8_t*>(bytes.data());
  if (packed_bits(t)) {
    Tensor out = Tensor::empty(t, std::move(shape));
    unpack_codes(t, numel, src, out.data<uint8_t>());
    return out;
  }
  if (t == DType::kBool) {  // normalize: any nonzero byte is true
    Tensor out = Tensor::empty(t, std::move(shape));
    for (int64_t i = 0; i < numel; ++i) out.data<bool>()[i] = src[i] != 0;
    return out;
  }
  if (owner && reinterpret_cast<uintptr_t>(src) % element_alignment(t) == 0)
    return Tensor::wrap(t, std::move(shape), const_cast<uint8_t*>(src), owner);
  Tensor out = Tensor::empty(t, std::move(shape));
  std::memcpy(out.raw_data(), src, bytes.size());
  if (sources && sources->file && sources->file->contains(bytes.data())) {
    sources->copied[out.raw_data()] = bytes;
    sources->file->drop_resident(bytes.data(), bytes.size());
  }
  return out;
}

// Stores each element of `field` (numeric bits as decoded) via store(index, bits).
template <typename Store>
Status fill_typed(const proto::RepeatedScalar& field, const char* field_name, size_t want, DType t,
                  Store store) {
  if (field.count != want)
    return count_error(field_name, field.count, static_cast<int64_t>(want), t);
  size_t i = 0;
  field.for_each([&](uint64_t bits) { store(i++, bits); });
  return Status::ok();
}

Result<Tensor> from_typed_fields(const proto::TensorView& v, DType t, Shape shape, int64_t numel) {
  Tensor out = Tensor::empty(t, std::move(shape));
  size_t n = static_cast<size_t>(numel);
  char* dst = static_cast<char*>(out.raw_data());
  auto store_as = [&](auto sample) {
    using T = decltype(sample);
    return [dst](size_t i, uint64_t bits) {
      T value = static_cast<T>(bits);
      std::memcpy(dst + i * sizeof(T), &value, sizeof(T));
    };
  };
  Status s;
  switch (t) {
    case DType::kFloat32:
    case DType::kComplex64:
      s = fill_typed(v.float_data, "float_data", t == DType::kComplex64 ? 2 * n : n, t,
                     store_as(uint32_t{}));
      break;
    case DType::kFloat64:
    case DType::kComplex128:
      s = fill_typed(v.double_data, "double_data", t == DType::kComplex128 ? 2 * n : n, t,
                     store_as(uint64_t{}));
      break;
    case DType::kInt64:
      s = fill_typed(v.int64_data, "int64_data", n, t, store_as(uint64_t{}));
      break;
    case DType::kUInt64:
      s = fill_typed(v.uint64_data, "uint64_data", n, t, store_as(uint64_t{}));
      break;
    case DType::kUInt32:
      s = fill_typed(v.uint64_data, "uint64_data", n, t, store_as(uint32_t{}));
      break;
    case DType::kInt32:
      s = fill_typed(v.int32_data, "int32_data", n, t, store_as(uint32_t{}));
      break;
    case DType::kInt16:
    case DType::kUInt16:
    case DType::kFloat16:
    case DType::kBFloat16:
      s = fill_typed(v.int32_data, "int32_data", n, t, store_as(uint16_t{}));
      break;
    case DType::kBool:
      s = fill_typed(v.int32_data, "int32_data", n, t,
                     [dst](size_t i, uint64_t bits) { dst[i] = (bits & 0xffffffffu) != 0; });
      break;
    case DType::kInt8:
    case DType::kUInt8:
    case DType::kFloat8E4M3FN:
    case DType::kFloat8E4M3FNUZ:
    case DType::kFloat8E5M2:
    case DType::kFloat8E5M2FNUZ:
    case DType::kFloat8E8M0:
      s = fill_typed(v.int32_data, "int32_data", n, t, store_as(uint8_t{}));
      break;
    case DType::kInt4:
    case DType::kUInt4:
    case DType::kFloat4E2M1:
    case DType::kUInt2:
    case DType::kInt2: {
      std::vector<uint8_t> packed(static_cast<size_t>(packed_bytes(t, numel)));
      s = fill_typed(v.int32_data, "int32_data", packed.size(), t,
                     [&](size_t i, uint64_t bits) { packed[i] = static_cast<uint8_t>(bits); });
      if (s.is_ok()) unpack_codes(t, numel, packed.data(), out.data<uint8_t>());
      break;
    }
    case DType::kString:
      if (v.string_data.size() != n) {
        s = count_error("string_data", v.string_data.size(), numel, t);
        break;
      }
      for (size_t i = 0; i < n; ++i) out.data<std::string>()[i] = std::string(v.string_data[i]);
      break;
    case DType::kUndefined:
      break;
  }
  if (!s.is_ok()) return s;
  return out;
}

}  // namespace

Result<int64_t> checked_numel(const Shape& dims) {
  for (int64_t d : dims)
    if (d < 0)
      return Status(StatusCode::kInvalidGraph, "negative dimension in " + shape_to_string(dims));
  std::optional<int64_t> n = ::onyx::checked_numel(dims);
  if (!n || *n > (int64_t{1} << 56))
    return Status(StatusCode::kInvalidGraph,
                  "element count of " + shape_to_string(dims) + " overflows");
  return *n;
}

Result<Tensor> import_tensor(const proto::TensorView& v, ImportContext& ctx) {
  auto fail = [&](Status s) {
    return v.name.empty() ? s : s.with_context("tensor '" + std::string(v.name) + "'");
  };
  DType t = static_cast<DType>(v.data_type);
  if (!dtype_is_valid(t))
    return fail(Status(StatusCode::kNotImplemented,
                       "unsupported data_type " + std::to_string(v.data_type)));
  if (v.has_segment)
    return fail(Status(StatusCode::kNotImplemented, "segmented tensors are not supported"));
  Shape shape = v.dims.to_int64();
  Result<int64_t> numel = checked_numel(shape);
  if (!numel) return fail(numel.status());
  if (v.data_location != 0 && v.data_location != 1)
    return fail(Status(StatusCode::kInvalidGraph,
                       "invalid data_location " + std::to_string(v.data_location)));
  Result<Tensor> out = Status(StatusCode::kFail, "unreachable");
  if (v.data_location == 1) {
    Result<ExternalBytes> ext = read_external_data(v, ctx);
    if (!ext) return fail(ext.status());
    out = from_raw(t, std::move(shape), *numel, ext->bytes, ext->owner, nullptr);
  } else if (v.has_raw_data) {
    out = from_raw(t, std::move(shape), *numel, v.raw_data, ctx.owner, ctx.sources);
  } else {
    out = from_typed_fields(v, t, std::move(shape), *numel);
  }
  if (!out) return fail(out.status());
  return out;
}

}  // namespace onyx::import
