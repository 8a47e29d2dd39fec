"""Values that are not tensors (sequences as lists, optionals as None or the value) and control
flow (If, Loop) through the onnxruntime-compatible API, including torch.jit.script exports."""

import io

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper

import onyx
from model_helpers import make_model, serialize, value


def seq_value(name, elem_type=TensorProto.FLOAT):
    return helper.make_tensor_sequence_value_info(name, elem_type, None)


def optional_value(name, elem_type=TensorProto.FLOAT, shape=None):
    tensor = helper.make_tensor_type_proto(elem_type, shape)
    return helper.make_value_info(name, helper.make_optional_type_proto(tensor))


def test_sequence_in_and_out_as_lists():
    nodes = [helper.make_node("SequenceInsert", ["seq", "x"], ["longer"]),
             helper.make_node("ConcatFromSequence", ["longer"], ["cat"], axis=0),
             helper.make_node("SplitToSequence", ["cat"], ["parts"], axis=0)]
    model = make_model(nodes, [seq_value("seq"), value("x", shape=[2])],
                       [seq_value("parts"), value("cat")], opset=17)
    sess = onyx.InferenceSession(serialize(model))
    assert sess.get_inputs()[0].type == "seq(tensor(float))"
    seq = [np.array([1.0], np.float32), np.array([2.0, 3.0], np.float32)]
    parts, cat = sess.run(None, {"seq": seq, "x": np.array([4.0, 5.0], np.float32)})
    np.testing.assert_array_equal(cat, [1, 2, 3, 4, 5])
    assert isinstance(parts, list) and len(parts) == 5
    np.testing.assert_array_equal(parts[3], [4.0])
    assert not np.shares_memory(parts[0], seq[0])


def test_optional_none_and_present():
    nodes = [helper.make_node("OptionalHasElement", ["opt"], ["has"]),
             helper.make_node("Optional", ["x"], ["wrapped"])]
    model = make_model(nodes, [optional_value("opt", shape=[2]), value("x", shape=[2])],
                       [value("has", TensorProto.BOOL), optional_value("wrapped", shape=[2])],
                       opset=18)
    sess = onyx.InferenceSession(serialize(model))
    assert sess.get_inputs()[0].type == "optional(tensor(float))"
    x = np.array([1.0, 2.0], np.float32)
    has, wrapped = sess.run(None, {"opt": None, "x": x})
    assert not has
    np.testing.assert_array_equal(wrapped, x)
    has, _ = sess.run(None, {"opt": np.array([3.0, 4.0], np.float32), "x": x})
    assert has


def test_if_branches_with_different_shapes():
    then_g = helper.make_graph([helper.make_node("Identity", ["x"], ["a"])], "then", [], [value("a")])
    else_g = helper.make_graph([helper.make_node("Concat", ["x", "x"], ["b"], axis=0)], "else", [],
                               [value("b")])
    model = make_model([helper.make_node("If", ["c"], ["y"], then_branch=then_g, else_branch=else_g)],
                       [value("c", TensorProto.BOOL, []), value("x", shape=[2])], [value("y")])
    sess = onyx.InferenceSession(serialize(model))
    x = np.array([1.0, 2.0], np.float32)
    (y,) = sess.run(None, {"c": np.array(True), "x": x})
    np.testing.assert_array_equal(y, x)
    (y,) = sess.run(None, {"c": np.array(False), "x": x})
    np.testing.assert_array_equal(y, [1, 2, 1, 2])


def torch_export(module, args, input_names):
    torch = pytest.importorskip("torch")
    scripted = torch.jit.script(module)
    f = io.BytesIO()
    torch.onnx.export(scripted, args, f, input_names=input_names, output_names=["y"],
                      opset_version=13)
    return f.getvalue()


def test_torch_scripted_for_loop_becomes_loop():
    torch = pytest.importorskip("torch")

    class Repeat(torch.nn.Module):
        def forward(self, x, n: int):
            y = x
            for _ in range(n):
                y = y + x
            return y

    model = torch_export(Repeat(), (torch.ones(2, 3), 3), ["x", "n"])
    sess = onyx.InferenceSession(model)
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    for n in (0, 1, 4):
        (y,) = sess.run(None, {"x": x, "n": np.array(n, np.int64)})
        np.testing.assert_allclose(y, Repeat()(torch.from_numpy(x), n).numpy(), rtol=1e-3,
                                   atol=1e-5)


def test_torch_scripted_if():
    torch = pytest.importorskip("torch")

    class Branch(torch.nn.Module):
        def forward(self, x):
            if bool(x.sum() > 0):
                return x * 2
            return x - 1

    model = torch_export(Branch(), (torch.ones(2, 3),), ["x"])
    try:
        sess = onyx.InferenceSession(model)
    except onyx.NotImplemented as e:  # the export also uses ReduceSum/Greater/Cast
        pytest.skip(f"exported model uses an operator onyx lacks: {e}")
    for x in (np.ones((2, 3), np.float32), -np.ones((2, 3), np.float32)):
        (y,) = sess.run(None, {"x": x})
        np.testing.assert_allclose(y, Branch()(torch.from_numpy(x)).numpy(), rtol=1e-3, atol=1e-5)


def test_maps_as_dicts():
    map_type = onnx.TypeProto()  # onnx 1.12's helper has no make_map_type_proto
    map_type.map_type.key_type = TensorProto.INT64
    map_type.map_type.value_type.CopyFrom(helper.make_tensor_type_proto(TensorProto.FLOAT, None))
    model = make_model([helper.make_node("Identity", ["m"], ["m2"])],
                       [helper.make_value_info("m", map_type)], [helper.make_value_info("m2", map_type)],
                       opset=17)
    sess = onyx.InferenceSession(serialize(model))
    assert sess.get_inputs()[0].type == "map(int64,tensor(float))"
    (out,) = sess.run(None, {"m": {3: 0.5, 7: 1.5}})
    assert out == {3: 0.5, 7: 1.5}
