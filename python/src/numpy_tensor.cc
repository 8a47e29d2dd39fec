#include "numpy_tensor.h"

#include <memory>
#include <vector>

#include "errors.h"

namespace py = pybind11;

namespace onyx::python {
namespace {

constexpr int kNpyArrayAligned = 0x0100;  // NPY_ARRAY_ALIGNED (pybind11 exposes no constant)

// numpy type character codes (dtype.char) of each onyx dtype numpy can represent.
struct DTypeChar {
  DType dtype;
  char numpy_char;
};
constexpr DTypeChar kDTypeChars[] = {
    {DType::kFloat32, 'f'},   {DType::kFloat64, 'd'},    {DType::kFloat16, 'e'},
    {DType::kInt8, 'b'},      {DType::kInt16, 'h'},      {DType::kInt32, 'i'},
    {DType::kInt64, 'l'},     {DType::kUInt8, 'B'},      {DType::kUInt16, 'H'},
    {DType::kUInt32, 'I'},    {DType::kUInt64, 'L'},     {DType::kBool, '?'},
    {DType::kComplex64, 'F'}, {DType::kComplex128, 'D'},
};

bool is_string_kind(char kind) {
  return kind == 'U' || kind == 'S' || kind == 'O';
}

Shape shape_of(const py::array& a) {
  Shape shape(static_cast<size_t>(a.ndim()));
  for (size_t i = 0; i < shape.size(); ++i) shape[i] = a.shape(static_cast<py::ssize_t>(i));
  return shape;
}

Tensor string_tensor_from_array(const std::string& input_name, const py::array& array) {
  Tensor t = Tensor::empty(DType::kString, shape_of(array));
  py::list items = array.attr("ravel")().attr("tolist")();
  std::string* out = t.data<std::string>();
  for (size_t i = 0; i < items.size(); ++i) {
    py::handle item = items[i];
    if (py::isinstance<py::bytes>(item))
      out[i] = item.cast<std::string>();
    else if (py::isinstance<py::str>(item))
      out[i] = item.cast<std::string>();
    else
      throw_status(Status(StatusCode::kInvalidArgument,
                          "input '" + input_name + "': string tensor element " + std::to_string(i) +
                              " is a " + std::string(py::str(item.get_type().attr("__name__"))) +
                              ", expected str or bytes"));
  }
  return t;
}

}  // namespace

DType dtype_from_numpy(const py::dtype& dt) {
  char kind = dt.kind();
  if (is_string_kind(kind)) return DType::kString;
  // Compare by equivalence, not by char: 'l' and 'q' are both int64 on LP64.
  for (const DTypeChar& c : kDTypeChars)
    if (PyObject_RichCompareBool(dt.ptr(), py::dtype(std::string(1, c.numpy_char)).ptr(), Py_EQ) ==
        1)
      return c.dtype;
  return DType::kUndefined;
}

Tensor tensor_from_array(const std::string& input_name, const py::array& given) {
  // Byte-swapped arrays (e.g. '>f4') are converted to native order first (one copy).
  py::array array = given;
  if (!given.dtype().attr("isnative").cast<bool>())
    array = given.attr("astype")(given.dtype().attr("newbyteorder")("="));
  DType dtype = dtype_from_numpy(array.dtype());
  if (dtype == DType::kUndefined)
    throw_status(Status(StatusCode::kInvalidArgument, "input '" + input_name + "': numpy dtype " +
                                                          std::string(py::str(array.dtype())) +
                                                          " is not supported by onyx"));
  if (dtype == DType::kString) return string_tensor_from_array(input_name, array);
  // Copies only when the layout does not already fit (non-contiguous or misaligned arrays).
  py::array contiguous = py::array::ensure(array, py::array::c_style | kNpyArrayAligned);
  if (!contiguous) throw py::error_already_set();
  // The Tensor keeps the array alive; the last reference may drop on a thread without the GIL.
  auto* keep = new py::object(contiguous);
  std::shared_ptr<void> owner(keep, [](void* p) {
    py::gil_scoped_acquire gil;
    delete static_cast<py::object*>(p);
  });
  return Tensor::wrap(dtype, shape_of(contiguous), const_cast<void*>(contiguous.data()),
                      std::move(owner));
}

py::array array_from_tensor(const std::string& output_name, const Tensor& tensor) {
  std::vector<py::ssize_t> shape(tensor.shape().begin(), tensor.shape().end());
  if (tensor.dtype() == DType::kString) {
    py::list items;
    const std::string* s = tensor.data<std::string>();
    for (int64_t i = 0; i < tensor.numel(); ++i) {
      PyObject* text = PyUnicode_DecodeUTF8(s[i].data(), static_cast<py::ssize_t>(s[i].size()),
                                            "surrogateescape");
      if (!text) throw py::error_already_set();
      items.append(py::reinterpret_steal<py::str>(text));
    }
    py::array flat = py::module_::import("numpy").attr("array")(items, py::dtype("O"));
    py::tuple dims(shape.size());
    for (size_t i = 0; i < shape.size(); ++i) dims[i] = py::int_(shape[i]);
    return flat.attr("reshape")(dims);
  }
  for (const DTypeChar& c : kDTypeChars) {
    if (c.dtype != tensor.dtype()) continue;
    auto* held = new Tensor(tensor);
    py::capsule base(held, [](void* p) { delete static_cast<Tensor*>(p); });
    return py::array(py::dtype(std::string(1, c.numpy_char)), shape,
                     const_cast<void*>(held->raw_data()), base);
  }
  throw_status(Status(StatusCode::kNotImplemented,
                      "output '" + output_name + "' has element type " +
                          dtype_name(tensor.dtype()) + ", which numpy cannot represent"));
}

}  // namespace onyx::python
