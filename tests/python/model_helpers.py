"""Small ONNX models built with Debian's onnx package for the binding tests."""

import onnx
from onnx import TensorProto, helper


def value(name, elem_type=TensorProto.FLOAT, shape=None):
    return helper.make_tensor_value_info(name, elem_type, shape)


def make_model(nodes, inputs, outputs, initializers=(), opset=13, **model_fields):
    graph = helper.make_graph(nodes, model_fields.pop("graph_name", "test_graph"), inputs, outputs,
                              initializer=list(initializers),
                              doc_string=model_fields.pop("graph_doc", ""))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], **model_fields)
    model.ir_version = 8  # what onnx 1.12 writes for opset 13; independent of the onnx version
    return model


def relu_model(shape=("batch", 3, None)):
    """y = Relu(x), x and y float with the given declared shape."""
    return make_model([helper.make_node("Relu", ["x"], ["y"], name="relu0")],
                      [value("x", shape=list(shape))], [value("y", shape=list(shape))])


def two_output_model():
    """sum = a + b, prod = a * b over float [2, 3]."""
    return make_model(
        [helper.make_node("Add", ["a", "b"], ["sum"], name="add0"),
         helper.make_node("Mul", ["a", "b"], ["prod"], name="mul0")],
        [value("a", shape=[2, 3]), value("b", shape=[2, 3])],
        [value("sum", shape=[2, 3]), value("prod", shape=[2, 3])])


def identity_model(elem_type, shape=(2, 3)):
    return make_model([helper.make_node("Identity", ["x"], ["y"], name="id0")],
                      [value("x", elem_type, list(shape))], [value("y", elem_type, list(shape))])


def transpose_model(elem_type):
    return make_model([helper.make_node("Transpose", ["x"], ["y"], name="t0", perm=[1, 0])],
                      [value("x", elem_type, [2, 3])], [value("y", elem_type, [3, 2])])


def serialize(model):
    return model.SerializeToString()


__all__ = ["onnx", "TensorProto", "helper", "value", "make_model", "relu_model", "two_output_model",
           "identity_model", "transpose_model", "serialize"]
