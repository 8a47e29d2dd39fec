"""onyx.checker.check_model: valid models pass, broken ones raise ValidationError naming the problem."""

import warnings

import pytest

import onyx
from onyx.checker import ValidationError, check_model
from model_helpers import helper, make_model, relu_model, serialize, value


def test_valid_model_passes_as_path_bytes_and_proto(tmp_path):
    model = relu_model()
    path = tmp_path / "relu.onnx"
    path.write_bytes(serialize(model))
    for source in (model, serialize(model), str(path), path):
        check_model(source)
        check_model(source, full_check=True)


def test_garbage_bytes_and_missing_file():
    with pytest.raises(ValidationError, match="InvalidProtobuf"):
        check_model(b"\x08\x07\x12\xff\xff")
    with pytest.raises(ValidationError, match="missing.onnx"):
        check_model("/nonexistent/missing.onnx")
    with pytest.raises(TypeError):
        check_model(42)


def test_ssa_violation_names_the_value():
    model = make_model([helper.make_node("Relu", ["x"], ["t"], name="r1"),
                        helper.make_node("Relu", ["x"], ["t"], name="r2")],
                       [value("x", shape=[2])], [value("t", shape=[2])])
    with pytest.raises(ValidationError, match=r"graph.duplicate_name.*'r2'.*'t'"):
        check_model(model)


def test_undefined_node_input_and_unproduced_output():
    model = make_model([helper.make_node("Add", ["x", "ghost"], ["y"], name="add0")],
                       [value("x", shape=[2])], [value("y", shape=[2])])
    with pytest.raises(ValidationError, match="ghost"):
        check_model(model)
    model = make_model([helper.make_node("Relu", ["x"], ["y"], name="r")],
                       [value("x", shape=[2])], [value("z", shape=[2])])
    with pytest.raises(ValidationError, match="output 'z'"):
        check_model(model)


def test_cycle_is_rejected():
    model = make_model([helper.make_node("Add", ["x", "b"], ["a"], name="n1"),
                        helper.make_node("Relu", ["a"], ["b"], name="n2")],
                       [value("x", shape=[2])], [value("a", shape=[2])])
    with pytest.raises(ValidationError):
        check_model(model)


def test_missing_ir_version_and_opset():
    model = relu_model()
    model.ir_version = 0
    with pytest.raises(ValidationError, match="ir_version"):
        check_model(model)
    model = relu_model()
    del model.opset_import[:]
    with pytest.raises(ValidationError, match="opset_import"):
        check_model(model)


def test_full_check_runs_type_inference():
    # Structurally fine, but Add's operand types disagree: only full_check looks at types.
    model = make_model([helper.make_node("Add", ["x", "i"], ["y"], name="add0")],
                       [value("x", shape=[2]), value("i", 7, [2])], [value("y", shape=[2])])
    check_model(model)
    with pytest.raises(ValidationError, match="add0"):
        check_model(model, full_check=True)


def test_full_check_on_op_onyx_lacks_warns_instead_of_failing():
    # A custom-domain op: the checker cannot know it (a warning), and inference stops there.
    model = make_model([helper.make_node("NoSuchOp", ["x"], ["y"], name="nosuchop0",
                                         domain="com.example")],
                       [value("x", shape=[2])], [value("y", shape=[2])])
    model.opset_import.append(helper.make_opsetid("com.example", 1))
    with pytest.warns(UserWarning, match="com.example"):
        check_model(model)
    with pytest.warns(UserWarning, match="NoSuchOp"):
        check_model(model, full_check=True)


def test_checker_is_reachable_from_the_package():
    assert onyx.checker.check_model is check_model
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # Only a branch without the operator schema table warns that it could not use it.
        warnings.filterwarnings("ignore", message=r".*no operator schemas are available")
        check_model(relu_model())
