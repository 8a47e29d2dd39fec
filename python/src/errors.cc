#include "errors.h"

#include <array>
#include <string>

namespace py = pybind11;

namespace onyx::python {
namespace {

// onnxruntime's StatusCode numbering and names, which its Python messages print.
struct ErrorKind {
  StatusCode code;
  int ort_code;
  const char* ort_name;    // e.g. INVALID_ARGUMENT
  const char* class_name;  // e.g. InvalidArgument
};

constexpr std::array<ErrorKind, 7> kErrorKinds = {{
    {StatusCode::kFail, 1, "FAIL", "Fail"},
    {StatusCode::kInvalidArgument, 2, "INVALID_ARGUMENT", "InvalidArgument"},
    {StatusCode::kNoSuchFile, 3, "NO_SUCHFILE", "NoSuchFile"},
    {StatusCode::kRuntimeException, 6, "RUNTIME_EXCEPTION", "RuntimeException"},
    {StatusCode::kInvalidProtobuf, 7, "INVALID_PROTOBUF", "InvalidProtobuf"},
    {StatusCode::kNotImplemented, 9, "NOT_IMPLEMENTED", "NotImplemented"},
    {StatusCode::kInvalidGraph, 10, "INVALID_GRAPH", "InvalidGraph"},
}};

// onnxruntime classes with no onyx StatusCode; created so `except EPFail:` code still imports.
constexpr std::array<const char*, 4> kUnusedClassNames = {"NoModel", "EngineError", "ModelLoaded",
                                                          "EPFail"};

// Indexed like kErrorKinds. Module-lifetime references (the module keeps them alive too).
std::array<PyObject*, kErrorKinds.size()> g_exception_types{};

}  // namespace

void register_exceptions(py::module_& m) {
  std::string prefix = py::str(m.attr("__name__"));
  auto create = [&](const char* name) {
    std::string qualified = prefix + "." + name;
    PyObject* type = PyErr_NewException(qualified.c_str(), PyExc_Exception, nullptr);
    if (!type) throw py::error_already_set();
    m.add_object(name, py::handle(type));  // steals nothing: add_object increfs
    return type;
  };
  for (size_t i = 0; i < kErrorKinds.size(); ++i)
    g_exception_types[i] = create(kErrorKinds[i].class_name);
  for (const char* name : kUnusedClassNames) Py_DECREF(create(name));
}

void throw_status(const Status& status) {
  size_t index = 0;  // kFail for any code without a class of its own
  for (size_t i = 0; i < kErrorKinds.size(); ++i)
    if (kErrorKinds[i].code == status.code()) index = i;
  const ErrorKind& kind = kErrorKinds[index];
  std::string message = std::string("[ONYXError] : ") + std::to_string(kind.ort_code) + " : " +
                        kind.ort_name + " : " + status.message();
  PyErr_SetString(g_exception_types[index], message.c_str());
  throw py::error_already_set();
}

}  // namespace onyx::python
