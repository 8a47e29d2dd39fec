"""onnxruntime-compatible session API: metadata, providers, options, run() forms, errors."""

import json
import os
import pathlib
import warnings

import numpy as np
import pytest

import onyx
from model_helpers import TensorProto, helper, make_model, relu_model, serialize, two_output_model, value


@pytest.fixture
def relu_path(tmp_path):
    path = tmp_path / "relu.onnx"
    path.write_bytes(serialize(relu_model()))
    return str(path)


def test_node_args_and_metadata():
    model = make_model([helper.make_node("Relu", ["x"], ["y"])], [value("x", shape=["N", 3, None])],
                       [value("y", shape=["N", 3, None])], producer_name="unit", graph_name="g1",
                       graph_doc="graph doc", doc_string="model doc", domain="ai.test", model_version=7)
    helper.set_model_props(model, {"author": "me", "purpose": "test"})
    sess = onyx.InferenceSession(serialize(model))
    (x,) = sess.get_inputs()
    assert (x.name, x.type, x.shape) == ("x", "tensor(float)", ["N", 3, None])
    assert str(x) == "NodeArg(name='x', type='tensor(float)', shape=['N', 3, None])"
    assert repr(sess.get_outputs()[0]) == "NodeArg(name='y', type='tensor(float)', shape=['N', 3, None])"
    meta = sess.get_modelmeta()
    assert (meta.producer_name, meta.graph_name, meta.domain) == ("unit", "g1", "ai.test")
    assert (meta.description, meta.graph_description, meta.version) == ("model doc", "graph doc", 7)
    assert meta.custom_metadata_map == {"author": "me", "purpose": "test"}


def test_undeclared_shape_is_empty_list():
    model = make_model([helper.make_node("Relu", ["x"], ["y"])], [value("x")], [value("y")])
    sess = onyx.InferenceSession(serialize(model))
    assert sess.get_inputs()[0].shape == []
    assert str(sess.get_inputs()[0]) == "NodeArg(name='x', type='tensor(float)', shape=[])"


def test_load_from_str_pathlike_and_bytes(relu_path):
    x = np.array([[[-1.0, 2.0]] * 3], dtype=np.float32)
    for source in (relu_path, pathlib.Path(relu_path), open(relu_path, "rb").read()):
        (y,) = onyx.InferenceSession(source).run(None, {"x": x})
        np.testing.assert_array_equal(y, np.maximum(x, 0))
    with pytest.raises(TypeError, match="Unable to load from type"):
        onyx.InferenceSession(1234)


def test_module_level_functions():
    assert onyx.get_available_providers() == ["CPUExecutionProvider"]
    assert onyx.get_device() == "CPU"
    assert onyx.__version__.count(".") == 2


def test_unavailable_provider_falls_back_to_cpu_with_warning(relu_path):
    with pytest.warns(UserWarning, match="Specified provider 'CUDAExecutionProvider' is not in available"):
        sess = onyx.InferenceSession(relu_path, providers=["CUDAExecutionProvider", "CPUExecutionProvider"])
    assert sess.get_providers() == ["CPUExecutionProvider"]
    with pytest.warns(UserWarning):
        sess = onyx.InferenceSession(relu_path, providers=[("CUDAExecutionProvider", {"device_id": 0})])
    assert sess.get_providers() == ["CPUExecutionProvider"]
    sess = onyx.InferenceSession(relu_path, providers=["CPUExecutionProvider"],
                                 provider_options=[{"use_arena": 1}])
    assert sess.get_provider_options() == {"CPUExecutionProvider": {"use_arena": "1"}}
    with pytest.raises(ValueError, match="same length"):
        onyx.InferenceSession(relu_path, providers=["CPUExecutionProvider"], provider_options=[{}, {}])
    with pytest.raises(ValueError, match="duplicate"):
        onyx.InferenceSession(relu_path, providers=["CPUExecutionProvider", "CPUExecutionProvider"])


def test_run_output_selection():
    sess = onyx.InferenceSession(serialize(two_output_model()))
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    b = np.full((2, 3), 2.0, dtype=np.float32)
    feed = {"a": a, "b": b}
    for names in (None, []):
        s, p = sess.run(names, feed)
        np.testing.assert_array_equal(s, a + b)
        np.testing.assert_array_equal(p, a * b)
    (p,) = sess.run(["prod"], feed)
    np.testing.assert_array_equal(p, a * b)
    p, s = sess.run(["prod", "sum"], feed)
    np.testing.assert_array_equal(s, a + b)
    with pytest.raises(onyx.InvalidArgument, match="'nope'"):
        sess.run(["nope"], feed)


def test_errors_use_onnxruntime_classes_and_name_the_input(relu_path):
    from onyx.capi.onnxruntime_pybind11_state import Fail, InvalidArgument, InvalidProtobuf, NoSuchFile
    assert InvalidArgument is onyx.InvalidArgument and issubclass(InvalidArgument, Exception)
    sess = onyx.InferenceSession(relu_path)
    x = np.zeros((1, 3, 4), dtype=np.float32)
    with pytest.raises(InvalidArgument, match="input 'x'.*float.*double"):
        sess.run(None, {"x": x.astype(np.float64)})
    with pytest.raises(InvalidArgument, match="input 'x'.*dim 1 must be 3"):
        sess.run(None, {"x": np.zeros((1, 4, 4), dtype=np.float32)})
    with pytest.raises(InvalidArgument, match="unknown input name 'z'"):
        sess.run(None, {"x": x, "z": x})
    with pytest.raises(ValueError, match=r"Required inputs \(\['x'\]\) are missing"):
        sess.run(None, {})
    with pytest.raises(NoSuchFile, match="no_such.onnx"):
        onyx.InferenceSession("/nonexistent/no_such.onnx")
    with pytest.raises(InvalidProtobuf):
        onyx.InferenceSession(b"\xff\xff\xff not a model")
    assert Fail is onyx.Fail


def test_invalid_graph_names_the_node():
    # Conv's weight has the wrong rank: inference at load time names the node.
    model = make_model([helper.make_node("Conv", ["x", "w"], ["y"], name="bad_conv")],
                       [value("x", shape=[1, 1, 4, 4]), value("w", shape=[1, 1])], [value("y")])
    with pytest.raises((onyx.InvalidGraph, onyx.InvalidArgument, onyx.Fail), match="bad_conv"):
        onyx.InferenceSession(serialize(model))


def test_unsupported_op_raises_not_implemented():
    model = make_model([helper.make_node("NoSuchOp", ["x"], ["y"], name="nosuchop0")],
                       [value("x", shape=[2])], [value("y", shape=[2])])
    with pytest.raises(onyx.NotImplemented, match="NoSuchOp"):
        onyx.InferenceSession(serialize(model))


def test_session_options_map_to_onyx(relu_path):
    x = np.random.default_rng(0).standard_normal((2, 3, 5)).astype(np.float32)
    for level in onyx.GraphOptimizationLevel:
        for threads in (0, 1, 2):
            so = onyx.SessionOptions()
            so.graph_optimization_level = level
            so.intra_op_num_threads = threads
            so.inter_op_num_threads = 1
            so.log_severity_level = 3
            sess = onyx.InferenceSession(relu_path, sess_options=so)
            assert sess.get_session_options() is so
            np.testing.assert_array_equal(sess.run(None, {"x": x})[0], np.maximum(x, 0))
    so = onyx.SessionOptions()
    assert so.graph_optimization_level == onyx.GraphOptimizationLevel.ORT_ENABLE_ALL
    assert so.execution_mode == onyx.ExecutionMode.ORT_SEQUENTIAL
    with pytest.raises(ValueError):
        so.intra_op_num_threads = -1
    with pytest.raises(TypeError):
        so.graph_optimization_level = 5
    so.add_session_config_entry("session.intra_op.allow_spinning", "0")
    assert so.get_session_config_entry("session.intra_op.allow_spinning") == "0"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # honoured (idle workers sleep at once), so no warning
        sess = onyx.InferenceSession(relu_path, sess_options=so)
    np.testing.assert_array_equal(sess.run(None, {"x": x})[0], np.maximum(x, 0))
    so.add_session_config_entry("session.intra_op.allow_spinning", "2")
    with pytest.raises(ValueError, match="allow_spinning must be '0' or '1'"):
        onyx.InferenceSession(relu_path, sess_options=so)
    so = onyx.SessionOptions()
    so.add_session_config_entry("session.use_env_allocators", "1")
    with pytest.warns(UserWarning, match="ignores session config entry"):
        onyx.InferenceSession(relu_path, sess_options=so)
    so = onyx.SessionOptions()
    so.execution_mode = onyx.ExecutionMode.ORT_PARALLEL
    with pytest.warns(UserWarning, match="sequentially"):
        onyx.InferenceSession(relu_path, sess_options=so)


def test_optimized_model_filepath_writes_a_loadable_model(tmp_path):
    import onnx
    # Conv + Relu: the extended level fuses them, so the saved graph differs from the input.
    w = helper.make_tensor("w", TensorProto.FLOAT, [2, 1, 3, 3], np.linspace(-1, 1, 18).tolist())
    model = make_model([helper.make_node("Conv", ["x", "w"], ["c"], name="conv0", pads=[1, 1, 1, 1]),
                        helper.make_node("Relu", ["c"], ["y"], name="relu0")],
                       [value("x", shape=[1, 1, 5, 5])], [value("y", shape=[1, 2, 5, 5])], [w])
    so = onyx.SessionOptions()
    so.optimized_model_filepath = str(tmp_path / "optimized.onnx")
    sess = onyx.InferenceSession(serialize(model), sess_options=so)
    saved = onnx.load(so.optimized_model_filepath)
    assert [n.op_type for n in saved.graph.node] == ["FusedConv"]
    x = np.random.default_rng(1).standard_normal((1, 1, 5, 5)).astype(np.float32)
    reloaded = onyx.InferenceSession(so.optimized_model_filepath)
    np.testing.assert_allclose(reloaded.run(None, {"x": x})[0], sess.run(None, {"x": x})[0], rtol=1e-6)


def test_disabled_optimizers_skip_passes_by_name(tmp_path):
    w = helper.make_tensor("w", TensorProto.FLOAT, [2, 1, 3, 3], np.linspace(-1, 1, 18).tolist())
    model = make_model([helper.make_node("Conv", ["x", "w"], ["c"], name="conv0", pads=[1, 1, 1, 1]),
                        helper.make_node("Relu", ["c"], ["y"], name="relu0")],
                       [value("x", shape=[1, 1, 5, 5])], [value("y", shape=[1, 2, 5, 5])], [w])
    import onnx
    so = onyx.SessionOptions()
    so.optimized_model_filepath = str(tmp_path / "kept.onnx")
    sess = onyx.InferenceSession(serialize(model), sess_options=so, disabled_optimizers=["fuse_conv_activation"])
    assert [n.op_type for n in onnx.load(so.optimized_model_filepath).graph.node] == ["Conv", "Relu"]
    x = np.random.default_rng(2).standard_normal((1, 1, 5, 5)).astype(np.float32)
    fused = onyx.InferenceSession(serialize(model))
    np.testing.assert_array_equal(sess.run(None, {"x": x})[0], fused.run(None, {"x": x})[0])
    with pytest.raises(Exception, match="unknown optimizer 'fuse_all'"):
        onyx.InferenceSession(serialize(model), disabled_optimizers={"fuse_all"})
    with pytest.raises(TypeError, match="disabled_optimizers"):
        onyx.InferenceSession(serialize(model), disabled_optimizers="fuse_gelu")


def test_enable_profiling_writes_session_trace(relu_path, tmp_path):
    so = onyx.SessionOptions()
    so.enable_profiling = True
    so.profile_file_prefix = str(tmp_path / "prof")
    sess = onyx.InferenceSession(relu_path, sess_options=so)
    assert sess.get_profiling_start_time_ns() > 0
    for _ in range(3):
        sess.run(None, {"x": np.ones((1, 3, 2), dtype=np.float32)})
    path = sess.end_profiling()
    assert os.path.basename(path).startswith("prof_") and path.endswith(".json")
    events = json.load(open(path))
    assert [e["name"] for e in events if e["cat"] == "Session"] == ["session_initialization"] + ["model_run"] * 3
    nodes = [e for e in events if e["cat"] == "Node"]
    assert len(nodes) == 3 and all(e["args"]["output_type_shape"] == [{"float": [1, 3, 2]}] for e in nodes)
    assert all(e["ph"] == "X" and e["dur"] >= 0 for e in events)
    assert onyx.InferenceSession(relu_path).end_profiling() == ""


def test_run_options_terminate(relu_path):
    sess = onyx.InferenceSession(relu_path)
    ro = onyx.RunOptions()
    x = np.ones((1, 3, 2), dtype=np.float32)
    assert sess.run(None, {"x": x}, ro)[0].shape == (1, 3, 2)
    ro.terminate = True
    with pytest.raises(onyx.Fail, match="terminate"):
        sess.run(None, {"x": x}, ro)


def test_non_array_feeds_convert_to_the_declared_type(relu_path):
    sess = onyx.InferenceSession(relu_path)
    (y,) = sess.run(None, {"x": [[[1, -2], [3, -4], [5, -6]]]})
    assert y.dtype == np.float32
    np.testing.assert_array_equal(y, [[[1, 0], [3, 0], [5, 0]]])


def test_no_warning_on_the_plain_path(relu_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sess = onyx.InferenceSession(relu_path, providers=["CPUExecutionProvider"])
        sess.run(None, {"x": np.ones((1, 3, 1), dtype=np.float32)})
