// Display text for the viewer: shapes, types, attribute values, weight statistics, categories.
#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "base/half.h"
#include "inspect/model_info.h"
#include "inspect/view_format.h"

namespace onyx::inspect::view_detail {
namespace {

constexpr const char* kTimes = "\xC3\x97";  // U+00D7 MULTIPLICATION SIGN

std::string number_text(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// Element `i` of a numeric tensor as double; false for dtypes without a numeric reading here.
bool element_as_double(const Tensor& t, int64_t i, double* out) {
  const void* p = t.raw_data();
  switch (t.dtype()) {
    case DType::kFloat32:
      *out = static_cast<const float*>(p)[i];
      return true;
    case DType::kFloat64:
      *out = static_cast<const double*>(p)[i];
      return true;
    case DType::kFloat16:
      *out = half_to_float(static_cast<const uint16_t*>(p)[i]);
      return true;
    case DType::kBFloat16:
      *out = bf16_to_float(static_cast<const uint16_t*>(p)[i]);
      return true;
    case DType::kInt8:
    case DType::kInt4:
    case DType::kInt2:
      *out = static_cast<const int8_t*>(p)[i];
      return true;
    case DType::kUInt8:
    case DType::kUInt4:
    case DType::kUInt2:
      *out = static_cast<const uint8_t*>(p)[i];
      return true;
    case DType::kInt16:
      *out = static_cast<const int16_t*>(p)[i];
      return true;
    case DType::kUInt16:
      *out = static_cast<const uint16_t*>(p)[i];
      return true;
    case DType::kInt32:
      *out = static_cast<const int32_t*>(p)[i];
      return true;
    case DType::kUInt32:
      *out = static_cast<const uint32_t*>(p)[i];
      return true;
    case DType::kInt64:
      *out = static_cast<double>(static_cast<const int64_t*>(p)[i]);
      return true;
    case DType::kUInt64:
      *out = static_cast<double>(static_cast<const uint64_t*>(p)[i]);
      return true;
    case DType::kBool:
      *out = static_cast<const bool*>(p)[i] ? 1 : 0;
      return true;
    default:
      return false;
  }
}

std::string element_text(const Tensor& t, int64_t i) {
  if (t.dtype() == DType::kString) {
    std::string s = t.data<std::string>()[i];
    if (s.size() > 40) s = s.substr(0, 40) + "...";
    return "\"" + s + "\"";
  }
  if (t.dtype() == DType::kBool) return t.data<bool>()[i] ? "true" : "false";
  double v;
  if (!element_as_double(t, i, &v)) return "?";
  if (t.dtype() == DType::kInt64) return std::to_string(t.data<int64_t>()[i]);
  if (t.dtype() == DType::kUInt64) return std::to_string(t.data<uint64_t>()[i]);
  return number_text(v);
}

template <typename T, typename F>
std::string list_text(const std::vector<T>& items, int first, F item_text) {
  std::string out = "[";
  size_t shown = std::min(items.size(), static_cast<size_t>(std::max(first, 1) * 4));
  for (size_t i = 0; i < shown; ++i) out += (i ? ", " : "") + item_text(items[i]);
  if (shown < items.size()) out += ", ... (" + std::to_string(items.size()) + " values)";
  return out + "]";
}

std::string dims_text(const Shape& dims) {
  if (dims.empty()) return "scalar";
  std::string out;
  for (size_t i = 0; i < dims.size(); ++i) out += (i ? kTimes : "") + std::to_string(dims[i]);
  return out;
}

std::string tensor_text(const Tensor& t, int first_values) {
  std::string out = elem_type_name(t.dtype()) + " " + dims_text(t.shape());
  if (!t.defined() || t.numel() == 0) return out;
  out += " = [";
  int64_t shown = std::min<int64_t>(t.numel(), first_values);
  for (int64_t i = 0; i < shown; ++i) out += (i ? ", " : "") + element_text(t, i);
  return out + (shown < t.numel() ? ", ...]" : "]");
}

}  // namespace

std::string shape_text(const ops::ValueType& type, const std::vector<std::string>& symbols) {
  if (!type.has_shape) return "";
  if (type.dims.empty()) return "scalar";
  std::string out;
  for (size_t i = 0; i < type.dims.size(); ++i) {
    int64_t d = type.dims[i];
    if (i) out += kTimes;
    if (d >= 0) {
      out += std::to_string(d);
    } else if (d <= -2 && static_cast<size_t>(-d - 2) < symbols.size()) {
      out += symbols[static_cast<size_t>(-d - 2)];
    } else {
      out += "?";
    }
  }
  return out;
}

std::string type_text(const ops::ValueType& type) {
  std::string elem = elem_type_name(type.dtype);
  switch (type.kind) {
    case ops::ValueKind::kSequence:
      return "seq(" + elem + ")";
    case ops::ValueKind::kMap:
      return "map(" + elem_type_name(type.map_key) + "," + elem + ")";
    case ops::ValueKind::kOptional:
      return type.optional_of == ops::ValueKind::kSequence ? "optional(seq(" + elem + "))"
                                                           : "optional(" + elem + ")";
    default:
      return elem;
  }
}

std::string shape_text(const ir::TypeInfo& type) {
  if (type.kind == ir::TypeInfo::Kind::kSequence || type.kind == ir::TypeInfo::Kind::kOptional)
    return type.inner ? shape_text(*type.inner) : "";
  if (!type.has_shape) return "";
  if (type.dims.empty()) return "scalar";
  std::string out;
  for (size_t i = 0; i < type.dims.size(); ++i) {
    if (i) out += kTimes;
    if (i < type.dim_params.size() && !type.dim_params[i].empty()) {
      out += type.dim_params[i];
    } else {
      out += type.dims[i] >= 0 ? std::to_string(type.dims[i]) : "?";
    }
  }
  return out;
}

std::string type_text(const ir::TypeInfo& type) {
  switch (type.kind) {
    case ir::TypeInfo::Kind::kTensor:
    case ir::TypeInfo::Kind::kSparseTensor:
      return elem_type_name(type.elem_type);
    case ir::TypeInfo::Kind::kUnknown:
      return "";
    default:
      return type.to_string();
  }
}

std::string attribute_text(const ir::Attribute& a, int first) {
  using T = ir::Attribute::Type;
  switch (a.type) {
    case T::kFloat:
      return number_text(a.f);
    case T::kInt:
      return std::to_string(a.i);
    case T::kString:
      return a.s.size() > 400 ? a.s.substr(0, 400) + "..." : a.s;
    case T::kFloats:
      return list_text(a.floats, first, [](float v) { return number_text(v); });
    case T::kInts:
      return list_text(a.ints, first, [](int64_t v) { return std::to_string(v); });
    case T::kStrings:
      return list_text(a.strings, first, [](const std::string& s) {
        return "\"" + (s.size() > 40 ? s.substr(0, 40) + "..." : s) + "\"";
      });
    case T::kTensor:
    case T::kSparseTensor:
      return tensor_text(a.t, first);
    case T::kTensors:
    case T::kSparseTensors:
      return list_text(a.tensors, first, [&](const Tensor& t) { return tensor_text(t, first); });
    case T::kGraph:
      return a.g ? "graph '" + a.g->name + "' (" + std::to_string(a.g->nodes.size()) + " nodes)"
                 : "graph";
    case T::kGraphs:
      return std::to_string(a.graphs.size()) + " graphs";
    case T::kTypeProto:
    case T::kTypeProtos:
      return list_text(a.type_protos, first, [](const ir::TypeInfo& t) { return t.to_string(); });
    default:
      return a.ref_attr_name.empty() ? "" : "@" + a.ref_attr_name;
  }
}

ViewWeight describe_weight(const std::string& name, const Tensor& t, int64_t max_elements,
                           int first_values) {
  ViewWeight w;
  w.name = name;
  w.dtype = elem_type_name(t.dtype());
  w.shape = dims_text(t.shape());
  w.numel = t.numel();
  int64_t shown = std::min<int64_t>(t.numel(), first_values);
  for (int64_t i = 0; i < shown && t.raw_data(); ++i) w.first_values.push_back(element_text(t, i));
  double v;
  if (t.numel() > 0 && t.raw_data() && element_as_double(t, 0, &v)) {
    int64_t n = std::min(t.numel(), max_elements);
    double lo = v, hi = v, sum = 0;
    for (int64_t i = 0; i < n; ++i) {
      element_as_double(t, i, &v);
      lo = std::min(lo, v);
      hi = std::max(hi, v);
      sum += v;
    }
    w.has_stats = true;
    w.min = lo;
    w.max = hi;
    w.mean = sum / static_cast<double>(n);
    w.stats_count = n;
  }
  return w;
}

std::string op_category(const std::string& op) {
  static const char* const kConv[] = {
      "Conv",          "ConvTranspose", "ConvInteger", "QLinearConv",        "Gemm",  "MatMul",
      "MatMulInteger", "QLinearMatMul", "Attention",   "MultiHeadAttention", "Einsum"};
  static const char* const kActivation[] = {
      "Relu", "LeakyRelu", "PRelu",           "Sigmoid",   "Tanh",       "Elu",
      "Selu", "Gelu",      "HardSigmoid",     "HardSwish", "Softplus",   "Softsign",
      "Mish", "Celu",      "ThresholdedRelu", "Softmax",   "LogSoftmax", "Hardmax",
      "Clip", "Erf",       "FastGelu"};
  static const char* const kNorm[] = {"BatchNormalization",
                                      "LayerNormalization",
                                      "InstanceNormalization",
                                      "GroupNormalization",
                                      "LpNormalization",
                                      "RMSNormalization",
                                      "SkipLayerNormalization",
                                      "Dropout",
                                      "LRN",
                                      "MeanVarianceNormalization"};
  static const char* const kPool[] = {
      "MaxPool",   "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "LpPool",  "GlobalLpPool",
      "MaxUnpool", "MaxRoiPool",  "RoiAlign",          "Resize",        "Upsample"};
  static const char* const kTensorOps[] = {"Reshape",      "Transpose",
                                           "Flatten",      "Squeeze",
                                           "Unsqueeze",    "Concat",
                                           "Split",        "Slice",
                                           "Gather",       "GatherElements",
                                           "GatherND",     "Scatter",
                                           "ScatterND",    "ScatterElements",
                                           "Shape",        "Size",
                                           "Expand",       "Tile",
                                           "Pad",          "Identity",
                                           "Cast",         "CastLike",
                                           "Constant",     "ConstantOfShape",
                                           "DepthToSpace", "SpaceToDepth",
                                           "Range",        "Where",
                                           "NonZero",      "TopK"};
  static const char* const kControl[] = {"If", "Loop", "Scan", "SequenceMap"};
  auto in = [&](const auto& list) {
    return std::any_of(std::begin(list), std::end(list),
                       [&](const char* name) { return op == name; });
  };
  if (in(kConv)) return "layer";
  if (in(kActivation)) return "activation";
  if (in(kNorm)) return "norm";
  if (in(kPool)) return "pool";
  if (in(kTensorOps)) return "tensor";
  if (in(kControl)) return "control";
  return "op";
}

}  // namespace onyx::inspect::view_detail
