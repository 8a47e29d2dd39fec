#include "import/npy.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <vector>

#include "base/checked_size.h"

namespace onyx::import {

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicLen = 6;
constexpr size_t kHeaderAlignment = 64;

struct DescrEntry {
  const char* code;  // kind + itemsize, without byte order: "f4"
  DType dtype;
};

constexpr DescrEntry kDescrs[] = {
    {"f2", DType::kFloat16},   {"f4", DType::kFloat32},     {"f8", DType::kFloat64},
    {"c8", DType::kComplex64}, {"c16", DType::kComplex128}, {"i1", DType::kInt8},
    {"i2", DType::kInt16},     {"i4", DType::kInt32},       {"i8", DType::kInt64},
    {"u1", DType::kUInt8},     {"u2", DType::kUInt16},      {"u4", DType::kUInt32},
    {"u8", DType::kUInt64},    {"b1", DType::kBool},
};

// The parsed header dict: {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
struct Header {
  std::string descr;
  bool fortran_order = false;
  Shape shape;
};

Status bad(const std::string& what, const std::string& why) {
  return Status(StatusCode::kInvalidArgument, what + ": not a valid .npy file: " + why);
}

void skip_space(const std::string& s, size_t& i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
}

// Position just after the value's ':' for `'key'`, or npos.
size_t find_key(const std::string& s, const std::string& key) {
  for (const char* quote : {"'", "\""}) {
    size_t k = s.find(std::string(quote) + key + quote);
    if (k == std::string::npos) continue;
    size_t i = k + key.size() + 2;
    skip_space(s, i);
    if (i < s.size() && s[i] == ':') return i + 1;
  }
  return std::string::npos;
}

Result<Header> parse_header(const std::string& text, const std::string& what) {
  Header h;
  size_t i = find_key(text, "descr");
  if (i == std::string::npos) return bad(what, "header has no 'descr'");
  skip_space(text, i);
  if (i >= text.size() || (text[i] != '\'' && text[i] != '"')) {
    return Status(StatusCode::kNotImplemented,
                  what + ": structured numpy dtypes are not supported (descr " +
                      text.substr(i, std::min<size_t>(40, text.size() - i)) + ")");
  }
  char quote = text[i];
  size_t end = text.find(quote, i + 1);
  if (end == std::string::npos) return bad(what, "unterminated 'descr'");
  h.descr = text.substr(i + 1, end - i - 1);

  i = find_key(text, "fortran_order");
  if (i == std::string::npos) return bad(what, "header has no 'fortran_order'");
  skip_space(text, i);
  if (text.compare(i, 4, "True") == 0) {
    h.fortran_order = true;
  } else if (text.compare(i, 5, "False") != 0) {
    return bad(what, "'fortran_order' is neither True nor False");
  }

  i = find_key(text, "shape");
  if (i == std::string::npos) return bad(what, "header has no 'shape'");
  skip_space(text, i);
  if (i >= text.size() || text[i] != '(') return bad(what, "'shape' is not a tuple");
  ++i;
  for (;;) {
    skip_space(text, i);
    if (i >= text.size()) return bad(what, "unterminated 'shape'");
    if (text[i] == ')') break;
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return bad(what, "bad dim in 'shape'");
    int64_t d = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      if (d > (std::numeric_limits<int64_t>::max() - 9) / 10) return bad(what, "dim too large");
      d = d * 10 + (text[i++] - '0');
    }
    if (i < text.size() && text[i] == 'L') ++i;  // Python 2 long suffix
    h.shape.push_back(d);
    skip_space(text, i);
    if (i < text.size() && text[i] == ',') ++i;
  }
  return h;
}

// Maps a descriptor to a DType; sets `swap` when the data must be byte swapped.
Result<DType> descr_to_dtype(const std::string& descr, const std::string& what, bool& swap) {
  std::string code = descr;
  char order = '|';
  if (!code.empty() && (code[0] == '<' || code[0] == '>' || code[0] == '|' || code[0] == '=')) {
    order = code[0];
    code = code.substr(1);
  }
  for (const DescrEntry& e : kDescrs) {
    if (code == e.code) {
      swap = order == '>' && dtype_size(e.dtype) > 1;
      return e.dtype;
    }
  }
  if (code == "?") return DType::kBool;
  return Status(StatusCode::kNotImplemented,
                what + ": unsupported numpy dtype '" + descr +
                    "' (supported: f2 f4 f8 c8 c16 i1 i2 i4 i8 u1 u2 u4 u8 b1)");
}

// Byte-swaps each element (complex: each of the two components).
void byte_swap(uint8_t* data, int64_t numel, DType dtype) {
  size_t size = dtype_size(dtype);
  size_t part = (dtype == DType::kComplex64 || dtype == DType::kComplex128) ? size / 2 : size;
  size_t parts = static_cast<size_t>(numel) * (size / part);
  for (size_t p = 0; p < parts; ++p) std::reverse(data + p * part, data + (p + 1) * part);
}

// Fortran-order data of shape S is C-order data of shape reverse(S); copying it with reversed
// axes gives C order for S.
void fortran_to_c(const uint8_t* src, uint8_t* dst, const Shape& shape, size_t elem_size) {
  const size_t rank = shape.size();
  const int64_t numel = shape_numel(shape);
  // Fortran strides (in elements) of each axis of `shape`.
  std::vector<int64_t> f_stride(rank, 1);
  for (size_t a = 1; a < rank; ++a) f_stride[a] = f_stride[a - 1] * shape[a - 1];
  std::vector<int64_t> index(rank, 0);
  for (int64_t c = 0; c < numel; ++c) {
    int64_t f = 0;
    for (size_t a = 0; a < rank; ++a) f += index[a] * f_stride[a];
    std::memcpy(dst + static_cast<size_t>(c) * elem_size, src + static_cast<size_t>(f) * elem_size,
                elem_size);
    for (size_t a = rank; a-- > 0;) {  // advance the C-order multi-index
      if (++index[a] < shape[a]) break;
      index[a] = 0;
    }
  }
}

std::string header_dict(const Tensor& t) {
  std::string shape = "(";
  for (size_t i = 0; i < t.shape().size(); ++i) {
    shape += std::to_string(t.shape()[i]);
    if (t.shape().size() == 1 || i + 1 < t.shape().size()) shape += ",";
    if (i + 1 < t.shape().size()) shape += " ";
  }
  shape += ")";
  return std::string("{'descr': '") + npy_descr(t.dtype()) +
         "', 'fortran_order': False, 'shape': " + shape + ", }";
}

}  // namespace

const char* npy_descr(DType dtype) {
  switch (dtype) {
    case DType::kFloat16:
      return "<f2";
    case DType::kFloat32:
      return "<f4";
    case DType::kFloat64:
      return "<f8";
    case DType::kComplex64:
      return "<c8";
    case DType::kComplex128:
      return "<c16";
    case DType::kInt8:
      return "|i1";
    case DType::kInt16:
      return "<i2";
    case DType::kInt32:
      return "<i4";
    case DType::kInt64:
      return "<i8";
    case DType::kUInt8:
      return "|u1";
    case DType::kUInt16:
      return "<u2";
    case DType::kUInt32:
      return "<u4";
    case DType::kUInt64:
      return "<u8";
    case DType::kBool:
      return "|b1";
    default:
      return nullptr;
  }
}

Result<Tensor> parse_npy(const void* data, size_t size, const std::string& what) {
  const auto* bytes = static_cast<const uint8_t*>(data);
  if (size < kMagicLen + 2 || std::memcmp(bytes, kMagic, kMagicLen) != 0)
    return bad(what, "missing \\x93NUMPY magic");
  const int major = bytes[6];
  size_t header_len = 0, header_start = 0;
  if (major == 1) {
    if (size < 10) return bad(what, "truncated header length");
    header_len = bytes[8] | (size_t{bytes[9]} << 8);
    header_start = 10;
  } else if (major == 2 || major == 3) {
    if (size < 12) return bad(what, "truncated header length");
    header_len =
        bytes[8] | (size_t{bytes[9]} << 8) | (size_t{bytes[10]} << 16) | (size_t{bytes[11]} << 24);
    header_start = 12;
  } else {
    return Status(StatusCode::kNotImplemented,
                  what + ": unsupported .npy format version " + std::to_string(major));
  }
  if (header_len > size - header_start) return bad(what, "truncated header");
  std::string text(reinterpret_cast<const char*>(bytes + header_start), header_len);
  ONYX_ASSIGN_OR_RETURN(Header header, parse_header(text, what));
  bool swap = false;
  ONYX_ASSIGN_OR_RETURN(DType dtype, descr_to_dtype(header.descr, what, swap));

  const size_t offset = header_start + header_len;
  const std::optional<int64_t> counted = checked_numel(header.shape);
  if (!counted)
    return bad(what, "shape " + shape_to_string(header.shape) +
                         " has a negative dim or more elements than int64 holds");
  const int64_t numel = *counted;
  const size_t elem = dtype_size(dtype);
  if (numel > 0 && static_cast<uint64_t>(numel) > (size - offset) / elem) {
    return bad(what, "data is truncated: shape " + shape_to_string(header.shape) + " of " +
                         header.descr + " needs " + std::to_string(numel * elem) +
                         " bytes, file has " + std::to_string(size - offset));
  }
  Tensor t = Tensor::empty(dtype, header.shape);
  auto* out = static_cast<uint8_t*>(t.raw_data());
  if (header.fortran_order && header.shape.size() > 1) {
    fortran_to_c(bytes + offset, out, header.shape, elem);
  } else if (numel > 0) {
    std::memcpy(out, bytes + offset, t.nbytes());
  }
  if (swap) byte_swap(out, numel, dtype);
  if (dtype == DType::kBool) {
    for (int64_t i = 0; i < numel; ++i) out[i] = out[i] != 0;
  }
  return t;
}

Result<Tensor> read_npy_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kNoSuchFile, path + ": cannot open .npy file");
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Status(StatusCode::kNoSuchFile, path + ": read error");
  return parse_npy(bytes.data(), bytes.size(), path);
}

Result<std::string> serialize_npy(const Tensor& tensor) {
  if (!tensor.defined())
    return Status(StatusCode::kInvalidArgument, "cannot write an undefined tensor as .npy");
  if (npy_descr(tensor.dtype()) == nullptr) {
    return Status(StatusCode::kNotImplemented, std::string("dtype ") + dtype_name(tensor.dtype()) +
                                                   " has no numpy .npy equivalent");
  }
  std::string dict = header_dict(tensor);
  // Total header (magic + version + length field + dict + padding + '\n') is a multiple of 64.
  size_t prefix = kMagicLen + 2 + 2;
  int major = 1;
  if (dict.size() + 1 + kHeaderAlignment > 65535) {
    major = 2;
    prefix = kMagicLen + 2 + 4;
  }
  size_t total = prefix + dict.size() + 1;
  total = (total + kHeaderAlignment - 1) / kHeaderAlignment * kHeaderAlignment;
  const size_t header_len = total - prefix;
  dict.append(header_len - dict.size() - 1, ' ');
  dict.push_back('\n');

  std::string out(kMagic, kMagicLen);
  out.push_back(static_cast<char>(major));
  out.push_back(0);
  const int len_bytes = major == 1 ? 2 : 4;
  for (int b = 0; b < len_bytes; ++b)
    out.push_back(static_cast<char>((header_len >> (8 * b)) & 0xff));
  out += dict;
  out.append(static_cast<const char*>(tensor.raw_data()), tensor.nbytes());
  return out;
}

Status write_npy_file(const Tensor& tensor, const std::string& path) {
  Result<std::string> bytes = serialize_npy(tensor);
  if (!bytes) return bytes.status().with_context(path);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status(StatusCode::kNoSuchFile, path + ": cannot create file");
  out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
  out.close();
  if (!out) return Status(StatusCode::kFail, path + ": write error");
  return Status::ok();
}

}  // namespace onyx::import
