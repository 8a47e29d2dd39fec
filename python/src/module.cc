// The `onyx._onyx` extension: a thin layer over onyx::Session. The onnxruntime-compatible API
// (InferenceSession, NodeArg, SessionOptions, ...) is pure Python on top of it (onyx/__init__.py).
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "errors.h"
#include "model_tools.h"
#include "numpy_tensor.h"
#include "onyx/onyx.hpp"

namespace py = pybind11;

namespace onyx::python {
namespace {

OptLevel opt_level_from_int(int level) {
  switch (level) {
    case 0:
      return OptLevel::kNone;
    case 1:
      return OptLevel::kBasic;
    case 2:
      return OptLevel::kExtended;
    case 99:
      return OptLevel::kAll;
    default:
      throw_status(Status(StatusCode::kInvalidArgument,
                          "graph optimization level " + std::to_string(level) +
                              " is not one of 0 (disable all), 1 (basic), 2 (extended), 99 (all)"));
  }
}

Options make_options(int threads, int opt_level) {
  if (threads < 0)
    throw_status(Status(StatusCode::kInvalidArgument,
                        "intra_op_num_threads must be >= 0, got " + std::to_string(threads)));
  return Options{}.threads(threads).opt_level(opt_level_from_int(opt_level));
}

ModelSource source_from(const py::object& path_or_bytes) {
  if (py::isinstance<py::bytes>(path_or_bytes))
    return ModelSource{path_or_bytes.cast<std::string>(), true};
  return ModelSource{path_or_bytes.cast<std::string>(), false};
}

// A declared input/output as a dict: name, type ('tensor(float)'), and shape in onnxruntime's
// convention: int for fixed dims, str for symbolic ones, None for unknown; [] when undeclared.
py::dict value_meta_dict(const ValueMeta& m) {
  py::list shape;
  if (m.has_shape) {
    for (size_t i = 0; i < m.shape.size(); ++i) {
      if (!m.dim_names[i].empty())
        shape.append(py::str(m.dim_names[i]));
      else if (m.shape[i] >= 0)
        shape.append(py::int_(m.shape[i]));
      else
        shape.append(py::none());
    }
  }
  py::dict d;
  d["name"] = m.name;
  d["type"] = m.type_string;
  d["shape"] = shape;
  return d;
}

py::dict metadata_dict(const ModelMeta& meta) {
  py::dict d;
  d["ir_version"] = meta.ir_version;
  d["producer_name"] = meta.producer_name;
  d["producer_version"] = meta.producer_version;
  d["domain"] = meta.domain;
  d["description"] = meta.doc_string;
  d["version"] = meta.model_version;
  d["graph_name"] = meta.graph_name;
  d["graph_description"] = meta.graph_doc_string;
  d["custom_metadata_map"] = py::cast(meta.metadata_props);
  d["opset_imports"] = py::cast(meta.opset_imports);
  return d;
}

bool overlaps(const Tensor& a, const void* begin, size_t size) {
  auto* a0 = static_cast<const std::byte*>(a.raw_data());
  auto* b0 = static_cast<const std::byte*>(begin);
  return a.nbytes() && size && a0 < b0 + size && b0 < a0 + a.nbytes();
}

// A feed as an onyx::Value, following the declared kind of input `m` (nullptr: a tensor):
// sequences from lists/tuples of arrays, optionals from None or their content, maps from dicts.
Value value_from_python(const std::string& name, const ValueMeta* m, const py::handle& obj) {
  auto tensor = [&](const py::handle& h) {
    py::array array = py::array::ensure(h);
    if (!array) throw py::error_already_set();
    return tensor_from_array(name, array);
  };
  auto sequence = [&](const py::handle& h) {
    if (!py::isinstance<py::list>(h) && !py::isinstance<py::tuple>(h))
      throw_status(Status(StatusCode::kInvalidArgument,
                          "input '" + name + "' is " + m->type_string + ": expected a list"));
    std::vector<Tensor> items;
    for (const py::handle& item : h) items.push_back(tensor(item));
    DType dtype = items.empty() ? m->dtype : items[0].dtype();
    return Value::sequence(dtype, std::move(items));
  };
  if (!m) return Value(tensor(obj));
  switch (m->kind) {
    case ValueMeta::Kind::kSequence:
      return sequence(obj);
    case ValueMeta::Kind::kOptional: {
      const bool of_seq = m->optional_of == ValueMeta::Kind::kSequence;
      if (obj.is_none())
        return Value::none(of_seq ? Value::Kind::kSequence : Value::Kind::kTensor, m->dtype);
      return Value::optional(of_seq ? sequence(obj) : Value(tensor(obj)));
    }
    case ValueMeta::Kind::kMap: {
      if (!py::isinstance<py::dict>(obj))
        throw_status(Status(StatusCode::kInvalidArgument,
                            "input '" + name + "' is " + m->type_string + ": expected a dict"));
      py::list keys, vals;
      for (auto [k, v] : py::reinterpret_borrow<py::dict>(obj)) {
        keys.append(k);
        vals.append(v);
      }
      py::module_ np = py::module_::import("numpy");
      py::object key_dtype = m->map_key_type == DType::kString ? py::object(py::str("object"))
                                                               : py::object(py::str("int64"));
      // Values take the declared element type (Python floats would otherwise become float64).
      const char* value_dtype = m->dtype == DType::kFloat32   ? "float32"
                                : m->dtype == DType::kFloat64 ? "float64"
                                : m->dtype == DType::kInt64   ? "int64"
                                : m->dtype == DType::kString  ? "object"
                                                              : nullptr;
      py::object value_array =
          value_dtype ? np.attr("asarray")(vals, py::str(value_dtype)) : np.attr("asarray")(vals);
      return Value::map(tensor(np.attr("asarray")(keys, key_dtype)), tensor(value_array));
    }
    default:
      return Value(tensor(obj));
  }
}

// An output as Python: arrays, lists of arrays (sequences), None or the content (optionals),
// dicts (maps), lists of dicts (sequences of maps, as ZipMap's).
py::object value_to_python(const std::string& name, const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kTensor:
      return array_from_tensor(name, v.tensor());
    case Value::Kind::kSequence: {
      py::list l;
      for (const Tensor& t : v.items()) l.append(array_from_tensor(name, t));
      for (const Value& m : v.maps()) l.append(value_to_python(name, m));  // seq(map): dicts
      return l;
    }
    case Value::Kind::kOptional:
      return v.has_value() ? value_to_python(name, v.contained()) : py::none();
    case Value::Kind::kMap: {
      py::dict d;
      py::list keys = array_from_tensor(name, v.map_keys()).attr("tolist")();
      py::array vals = array_from_tensor(name, v.map_values());
      for (size_t i = 0; i < keys.size(); ++i) d[keys[i]] = vals.attr("__getitem__")(py::int_(i));
      return d;
    }
    case Value::Kind::kUndefined:
      break;
  }
  return py::none();
}

// Every tensor a value holds, for the overlap check below.
std::vector<Tensor*> tensors_of(Value& v) {
  std::vector<Tensor*> out;
  if (v.kind() == Value::Kind::kTensor ||
      (v.has_value() && v.optional_kind() == Value::Kind::kTensor))
    out.push_back(&v.tensor());
  for (Tensor& t : v.items()) out.push_back(&t);
  return out;
}

// Runs with the GIL released. Output tensors that share memory with a fed array or with an
// earlier output (Identity/Reshape of an input, the same value listed twice) are copied so that
// every returned array owns its memory independently of the caller's arrays.
py::list run_session(const Session& session, const std::vector<std::string>& output_names,
                     const py::dict& feeds_dict) {
  ValueFeeds feeds;
  feeds.reserve(feeds_dict.size());
  std::vector<Tensor> fed;
  for (auto [key, value] : feeds_dict) {
    std::string name = py::str(key);
    const ValueMeta* meta = nullptr;
    for (const ValueMeta& m : session.inputs())
      if (m.name == name) meta = &m;
    feeds.emplace_back(name, value_from_python(name, meta, value));
    for (Tensor* t : tensors_of(feeds.back().second)) fed.push_back(*t);
  }
  std::optional<Result<std::vector<Value>>> result;
  {
    py::gil_scoped_release nogil;
    result.emplace(session.run_values(feeds, output_names));
  }
  std::vector<Value> outputs = value_or_throw(std::move(*result));
  std::vector<const Tensor*> seen;
  for (Value& v : outputs) {
    for (Tensor* t : tensors_of(v)) {
      bool shared = false;
      for (const Tensor& f : fed)
        if (f.dtype() != DType::kString && overlaps(*t, f.raw_data(), f.nbytes())) shared = true;
      for (const Tensor* o : seen)
        if (o->dtype() != DType::kString && overlaps(*t, o->raw_data(), o->nbytes())) shared = true;
      if (shared) *t = t->clone();
      seen.push_back(t);
    }
  }
  std::vector<std::string> names = output_names;
  if (names.empty())
    for (const ValueMeta& m : session.outputs()) names.push_back(m.name);
  py::list result_list;
  for (size_t i = 0; i < outputs.size(); ++i)
    result_list.append(value_to_python(i < names.size() ? names[i] : "", outputs[i]));
  return result_list;
}

}  // namespace
}  // namespace onyx::python

PYBIND11_MODULE(_onyx, m) {
  using namespace onyx;
  using namespace onyx::python;
  m.doc() = "onyx native core; use the onnxruntime-compatible API in the `onyx` package.";
  register_exceptions(m);
  m.def("version", [] { return std::string(onyx::version()); });

  py::class_<Session>(m, "Session")
      .def_static(
          "load",
          [](const py::object& path_or_bytes, int threads, int opt_level,
             const std::optional<std::string>& profile_prefix,
             const std::vector<std::string>& disabled_optimizers, bool allow_spinning) {
            Options options = make_options(threads, opt_level).allow_spinning(allow_spinning);
            for (const std::string& name : disabled_optimizers) options.disable_optimizer(name);
            if (profile_prefix) options.enable_profiling(*profile_prefix);
            ModelSource source = source_from(path_or_bytes);
            std::optional<Result<Session>> session;
            {
              py::gil_scoped_release nogil;
              session.emplace(source.is_bytes
                                  ? Session::load_bytes(source.path_or_bytes.data(),
                                                        source.path_or_bytes.size(), options)
                                  : Session::load(source.path_or_bytes, options));
            }
            return value_or_throw(std::move(*session));
          },
          py::arg("path_or_bytes"), py::arg("threads") = 0, py::arg("opt_level") = 99,
          py::arg("profile_prefix") = py::none(),
          py::arg("disabled_optimizers") = std::vector<std::string>{},
          py::arg("allow_spinning") = true)
      .def("inputs",
           [](const Session& s) {
             py::list l;
             for (const ValueMeta& v : s.inputs()) l.append(value_meta_dict(v));
             return l;
           })
      .def("outputs",
           [](const Session& s) {
             py::list l;
             for (const ValueMeta& v : s.outputs()) l.append(value_meta_dict(v));
             return l;
           })
      .def("metadata", [](const Session& s) { return metadata_dict(s.metadata()); })
      .def("run", &run_session, py::arg("output_names"), py::arg("feeds"),
           "Runs the model; the GIL is released while it computes.");

  // Profiling (SessionOptions.enable_profiling): writes the per-node chrome trace of a session
  // loaded with a profile_prefix; returns its path, "" when profiling is off or already ended.
  m.def("end_profiling", [](const Session& s) { return value_or_throw(s.end_profiling()); });

  m.def(
      "check_model",
      [](const py::object& path_or_bytes, bool full_check) {
        ModelSource source = source_from(path_or_bytes);
        CheckOutcome outcome;
        {
          py::gil_scoped_release nogil;
          outcome = check_model(source, full_check);
        }
        py::object error = py::none();
        if (outcome.error) error = py::str(*outcome.error);
        return py::make_tuple(error, outcome.warnings);
      },
      py::arg("path_or_bytes"), py::arg("full_check") = false,
      "Returns (error message or None, warnings).");

  m.def(
      "save_optimized_model",
      [](const py::object& path_or_bytes, int opt_level, const std::string& out_path,
         const std::vector<std::string>& disabled_optimizers) {
        ModelSource source = source_from(path_or_bytes);
        OptLevel level = opt_level_from_int(opt_level);
        Status st;
        {
          py::gil_scoped_release nogil;
          st = save_optimized_model(source, level, out_path, disabled_optimizers);
        }
        if (!st.is_ok()) throw_status(st);
      },
      py::arg("path_or_bytes"), py::arg("opt_level"), py::arg("out_path"),
      py::arg("disabled_optimizers") = std::vector<std::string>{});
}
