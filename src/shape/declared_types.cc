#include "shape/declared_types.h"

namespace onyx::shape {

namespace {

std::string declared_text(const ir::TypeInfo& t) {
  std::string s = dtype_name(t.elem_type);
  if (!t.has_shape) return s + " (no shape)";
  s += " [";
  for (size_t i = 0; i < t.dims.size(); ++i) {
    const std::string param = i < t.dim_params.size() ? t.dim_params[i] : "";
    s += (i ? ", " : "") + (!param.empty()   ? param
                            : t.dims[i] >= 0 ? std::to_string(t.dims[i])
                                             : std::string("?"));
  }
  return s + "]";
}

std::string inferred_text(const ops::ValueType& v, const GraphInference& inference) {
  std::string s = dtype_name(v.dtype);
  if (!v.has_shape) return s + " (no shape)";
  s += " [";
  for (size_t i = 0; i < v.dims.size(); ++i)
    s += (i ? ", " : "") + (inference.dim_table ? inference.dim_table->to_string(v.dims[i])
                            : v.dims[i] >= 0    ? std::to_string(v.dims[i])
                                                : std::string("?"));
  return s + "]";
}

void check_one(const ir::ValueInfo& declared, const char* where, const GraphInference& inference,
               std::vector<TypeConflict>* out) {
  if (declared.type.kind != ir::TypeInfo::Kind::kTensor) return;
  const ops::ValueType* v = inference.find(declared.name);
  if (!v || !v->is_tensor()) return;
  TypeConflict c;
  c.value = declared.name;
  c.where = where;
  std::string detail;
  const ir::TypeInfo& t = declared.type;
  if (t.elem_type != DType::kUndefined && v->dtype != DType::kUndefined &&
      t.elem_type != v->dtype) {
    c.kind = TypeConflict::Kind::kElementType;
    detail = "element types differ";
  } else if (t.has_shape && v->has_shape && t.dims.size() != v->dims.size()) {
    c.kind = TypeConflict::Kind::kRank;
    detail = "ranks differ";
  } else if (t.has_shape && v->has_shape) {
    for (size_t i = 0; i < t.dims.size() && detail.empty(); ++i)
      if (t.dims[i] >= 0 && ops::dim_known(v->dims[i]) && t.dims[i] != v->dims[i]) {
        c.kind = TypeConflict::Kind::kDim;
        detail = "dim " + std::to_string(i) + " differs";
      }
  }
  if (detail.empty()) return;
  c.message = std::string(where) + " '" + declared.name + "': declared " + declared_text(t) +
              ", inferred " + inferred_text(*v, inference) + " (" + detail + ")";
  out->push_back(std::move(c));
}

}  // namespace

std::vector<TypeConflict> check_declared_types(const ir::Model& model,
                                               const GraphInference& inference) {
  std::vector<TypeConflict> out;
  for (const ir::ValueInfo& v : model.graph.outputs) check_one(v, "graph output", inference, &out);
  for (const ir::ValueInfo& v : model.graph.value_info) check_one(v, "value_info", inference, &out);
  return out;
}

}  // namespace onyx::shape
