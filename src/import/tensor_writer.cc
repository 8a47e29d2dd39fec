// Tensor -> TensorProto bytes: dims, data_type, name, then raw_data (little-endian host assumed;
// 4-bit types packed two per byte, low nibble first) or string_data for strings.
#include <cstring>

#include "import/writer_internal.h"

namespace onyx::import {

void write_packed_int64(proto::WireWriter& w, uint32_t field, const std::vector<int64_t>& v) {
  if (v.empty()) return;
  std::string packed;
  proto::WireWriter pw(&packed);
  for (int64_t x : v) pw.raw_varint(static_cast<uint64_t>(x));
  w.bytes(field, packed);
}

std::string encode_tensor(const Tensor& t, std::string_view name) {
  std::string out;
  proto::WireWriter w(&out);
  write_packed_int64(w, 1, t.shape());
  w.varint(2, static_cast<uint64_t>(t.dtype()));
  w.string_if_set(8, name);
  DType dt = t.dtype();
  if (dt == DType::kString) {
    for (int64_t i = 0; i < t.numel(); ++i) w.bytes(6, t.data<std::string>()[i]);
  } else if (dt == DType::kInt4 || dt == DType::kUInt4 || dt == DType::kFloat4E2M1 ||
             dt == DType::kInt2 || dt == DType::kUInt2) {
    // Sub-byte codes packed little-end first: two 4-bit or four 2-bit codes per byte.
    const int bits = dt == DType::kInt2 || dt == DType::kUInt2 ? 2 : 4;
    const int64_t per_byte = 8 / bits;
    const int mask = (1 << bits) - 1;
    std::string packed(static_cast<size_t>((t.numel() + per_byte - 1) / per_byte), '\0');
    const auto* src = t.data<uint8_t>();
    for (int64_t i = 0; i < t.numel(); ++i)
      packed[static_cast<size_t>(i / per_byte)] |=
          static_cast<char>((src[i] & mask) << ((i % per_byte) * bits));
    w.bytes(9, packed);
  } else {
    w.bytes(9, std::string_view(static_cast<const char*>(t.raw_data()), t.nbytes()));
  }
  return out;
}

std::string encode_sparse_tensor(const Tensor& t) {
  // Values are the elements that differ from zero / "", with linear int64 indices.
  std::vector<int64_t> positions;
  size_t elem = dtype_size(t.dtype());
  std::string zero(elem, '\0');
  for (int64_t i = 0; i < t.numel(); ++i) {
    bool set = t.dtype() == DType::kString
                   ? !t.data<std::string>()[i].empty()
                   : std::memcmp(static_cast<const char*>(t.raw_data()) + i * elem, zero.data(),
                                 elem) != 0;
    if (set) positions.push_back(i);
  }
  int64_t nnz = static_cast<int64_t>(positions.size());
  Tensor values = Tensor::empty(t.dtype(), {nnz});
  for (int64_t k = 0; k < nnz; ++k) {
    if (t.dtype() == DType::kString)
      values.data<std::string>()[k] = t.data<std::string>()[positions[k]];
    else
      std::memcpy(static_cast<char*>(values.raw_data()) + k * elem,
                  static_cast<const char*>(t.raw_data()) + positions[k] * elem, elem);
  }
  Tensor indices = Tensor::from_vector<int64_t>({nnz}, positions);
  std::string out;
  proto::WireWriter w(&out);
  w.bytes(1, encode_tensor(values, ""));
  w.bytes(2, encode_tensor(indices, ""));
  write_packed_int64(w, 3, t.shape());
  return out;
}

std::string serialize_tensor(const Tensor& tensor, const std::string& name) {
  return encode_tensor(tensor, name);
}

}  // namespace onyx::import
