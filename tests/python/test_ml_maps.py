"""ai.onnx.ml map outputs through the binding: ZipMap gives a list of dicts, as onnxruntime does."""

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper

import onyx
from model_helpers import make_model, serialize, value


def seq_of_maps(key_type):
    t = onnx.TypeProto()  # onnx 1.12's helper has no make_map_type_proto
    m = t.sequence_type.elem_type.map_type
    m.key_type = key_type
    m.value_type.CopyFrom(helper.make_tensor_type_proto(TensorProto.FLOAT, None))
    return t


def zip_map_model(key_type, **labels):
    model = make_model([helper.make_node("ZipMap", ["x"], ["y"], domain="ai.onnx.ml", **labels)],
                       [value("x", shape=[None, 2])],
                       [helper.make_value_info("y", seq_of_maps(key_type))], opset=17)
    model.opset_import.append(helper.make_opsetid("ai.onnx.ml", 1))
    return serialize(model)


def test_zip_map_string_labels_give_list_of_dicts():
    sess = onyx.InferenceSession(zip_map_model(TensorProto.STRING, classlabels_strings=["cat", "dog"]))
    assert sess.get_outputs()[0].type == "seq(map(string,tensor(float)))"
    x = np.array([[0.25, 0.75], [0.5, 0.5]], np.float32)
    (out,) = sess.run(None, {"x": x})
    assert out == [{"cat": 0.25, "dog": 0.75}, {"cat": 0.5, "dog": 0.5}]


def test_zip_map_int64_labels():
    sess = onyx.InferenceSession(zip_map_model(TensorProto.INT64, classlabels_int64s=[7, 3]))
    (out,) = sess.run(None, {"x": np.array([[0.125, 0.875]], np.float32)})
    assert out == [{7: 0.125, 3: 0.875}]
    with pytest.raises(onyx.InvalidArgument, match="x"):  # declared [N, 2]
        sess.run(None, {"x": np.ones((1, 3), np.float32)})
