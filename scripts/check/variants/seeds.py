"""Seed models for the checker's invalid-variant corpus.

Each seed is a small model that onnx 1.12's checker accepts. Every node carries a unique
name so a variant can say which node it broke, and every builder returns a fresh ModelProto,
so mutations never leak between variants.
"""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

IR_VERSION = 8  # the newest IR version onnx 1.12 understands
OPSET = 13


def _model(graph, opsets, functions=(), ir_version=IR_VERSION):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid(d, v) for d, v in opsets],
                              producer_name="onyx-check-corpus", functions=list(functions))
    model.ir_version = ir_version
    return model


def _init(name, array):
    return numpy_helper.from_array(np.asarray(array), name)


def conv_net():
    """Conv/Relu/MaxPool/Reshape/Gemm/Softmax with Constant, Cast, LeakyRelu and Concat."""
    rng = np.random.default_rng(0)
    inits = [
        _init("conv_w", rng.standard_normal((4, 3, 3, 3)).astype(np.float32)),
        _init("conv_b", rng.standard_normal(4).astype(np.float32)),
        _init("flat_shape", np.array([1, -1], dtype=np.int64)),
        _init("fc_w", rng.standard_normal((10, 64)).astype(np.float32)),
        _init("fc_b", rng.standard_normal(10).astype(np.float32)),
    ]
    scale = helper.make_tensor("scale_value", TensorProto.FLOAT, [1], [0.5])
    nodes = [
        helper.make_node("Conv", ["X", "conv_w", "conv_b"], ["conv_out"], name="conv_1",
                         kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[1, 1]),
        helper.make_node("Relu", ["conv_out"], ["relu_out"], name="relu_1"),
        helper.make_node("MaxPool", ["relu_out"], ["pool_out"], name="pool_1",
                         kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Reshape", ["pool_out", "flat_shape"], ["flat"], name="reshape_1"),
        helper.make_node("Gemm", ["flat", "fc_w", "fc_b"], ["logits"], name="gemm_1",
                         alpha=1.0, transB=1),
        helper.make_node("Constant", [], ["scale"], name="const_1", value=scale),
        helper.make_node("Mul", ["logits", "scale"], ["scaled"], name="mul_1"),
        helper.make_node("LeakyRelu", ["scaled"], ["leaky"], name="leaky_1", alpha=0.1),
        helper.make_node("Softmax", ["leaky"], ["Y"], name="softmax_1", axis=1),
        helper.make_node("Cast", ["Y"], ["Y_double"], name="cast_1", to=TensorProto.DOUBLE),
        helper.make_node("Concat", ["Y_double", "Y_double"], ["Z"], name="concat_1", axis=1),
    ]
    graph = helper.make_graph(
        nodes, "conv_net",
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, [1, 3, 8, 8])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [1, 10]),
         helper.make_tensor_value_info("Z", TensorProto.DOUBLE, [1, 20])],
        initializer=inits)
    return _model(graph, [("", OPSET)])


def control_flow():
    """If at the top level and a Loop whose body holds a nested If (three nesting depths)."""
    one = _init("one", np.ones((2, 3), dtype=np.float32))
    then_g = helper.make_graph(
        [helper.make_node("Add", ["X", "one"], ["then_out"], name="then_add")], "then_branch",
        [], [helper.make_tensor_value_info("then_out", TensorProto.FLOAT, [2, 3])])
    else_g = helper.make_graph(
        [helper.make_node("Sub", ["X", "one"], ["else_out"], name="else_sub")], "else_branch",
        [], [helper.make_tensor_value_info("else_out", TensorProto.FLOAT, [2, 3])])
    inner_then = helper.make_graph(
        [helper.make_node("Mul", ["carried", "X"], ["inner_then_out"], name="inner_then_mul")],
        "inner_then", [], [helper.make_tensor_value_info("inner_then_out", TensorProto.FLOAT,
                                                         [2, 3])])
    inner_else = helper.make_graph(
        [helper.make_node("Identity", ["carried"], ["inner_else_out"], name="inner_else_id")],
        "inner_else", [], [helper.make_tensor_value_info("inner_else_out", TensorProto.FLOAT,
                                                         [2, 3])])
    body = helper.make_graph(
        [
            helper.make_node("Add", ["carried", "X"], ["body_sum"], name="body_add"),
            helper.make_node("If", ["cond_in"], ["body_if_out"], name="body_if",
                             then_branch=inner_then, else_branch=inner_else),
            helper.make_node("Relu", ["body_if_out"], ["carried_out"], name="body_relu"),
            helper.make_node("Identity", ["cond_in"], ["cond_out"], name="body_cond"),
        ],
        "loop_body",
        [helper.make_tensor_value_info("iter_num", TensorProto.INT64, []),
         helper.make_tensor_value_info("cond_in", TensorProto.BOOL, []),
         helper.make_tensor_value_info("carried", TensorProto.FLOAT, [2, 3])],
        [helper.make_tensor_value_info("cond_out", TensorProto.BOOL, []),
         helper.make_tensor_value_info("carried_out", TensorProto.FLOAT, [2, 3])])
    nodes = [
        helper.make_node("If", ["cond"], ["if_out"], name="if_1", then_branch=then_g,
                         else_branch=else_g),
        helper.make_node("Loop", ["trip", "", "if_out"], ["loop_out"], name="loop_1", body=body),
        helper.make_node("Relu", ["loop_out"], ["Y"], name="relu_out"),
    ]
    graph = helper.make_graph(
        nodes, "control_flow",
        [helper.make_tensor_value_info("cond", TensorProto.BOOL, []),
         helper.make_tensor_value_info("X", TensorProto.FLOAT, [2, 3]),
         helper.make_tensor_value_info("trip", TensorProto.INT64, [])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [2, 3])],
        initializer=[one])
    return _model(graph, [("", OPSET)])


FUNCTION_DOMAIN = "local.fn"


def add_relu_function():
    return helper.make_function(
        FUNCTION_DOMAIN, "AddRelu", ["a", "b"], ["y"],
        [helper.make_node("Add", ["a", "b"], ["s"], name="fn_add"),
         helper.make_node("Relu", ["s"], ["y"], name="fn_relu")],
        [helper.make_opsetid("", OPSET)])


def scaled_leaky_function():
    leaky = helper.make_node("LeakyRelu", ["x"], ["y"], name="fn_leaky")
    ref = onnx.AttributeProto()
    ref.name = "alpha"
    ref.ref_attr_name = "slope"
    ref.type = onnx.AttributeProto.FLOAT
    leaky.attribute.append(ref)
    return helper.make_function(FUNCTION_DOMAIN, "ScaledLeaky", ["x"], ["y"], [leaky],
                                [helper.make_opsetid("", OPSET)], attributes=["slope"])


def local_functions():
    """Two model-local functions (one with an attribute reference) called from the main graph."""
    nodes = [
        helper.make_node("AddRelu", ["X", "W"], ["h"], name="call_addrelu", domain=FUNCTION_DOMAIN),
        helper.make_node("ScaledLeaky", ["h"], ["Y"], name="call_leaky", domain=FUNCTION_DOMAIN,
                         slope=0.2),
    ]
    graph = helper.make_graph(
        nodes, "functions",
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, [2, 4])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [2, 4])],
        initializer=[_init("W", np.full((2, 4), 0.5, dtype=np.float32))])
    return _model(graph, [("", OPSET), (FUNCTION_DOMAIN, 1)],
                  functions=[add_relu_function(), scaled_leaky_function()])


def make_sparse(name, values, indices, dims, index_dims=None):
    vals = helper.make_tensor(name, TensorProto.FLOAT, [len(values)], values)
    idx_dims = index_dims if index_dims is not None else [len(indices)]
    idx = helper.make_tensor(name + "_indices", TensorProto.INT64, idx_dims, indices)
    return helper.make_sparse_tensor(vals, idx, dims)


def sparse_tensors():
    """A sparse initializer and a Constant with a sparse_value attribute.

    The sparse initializer is left unconsumed: onnx 1.12's strict shape inference rejects a
    sparse tensor fed to a dense op, and the checker's rules only need it to exist.
    """
    sparse_init = make_sparse("S", [1.0, 2.0, 3.0], [1, 4, 6], [2, 4])
    sparse_attr = make_sparse("sparse_c", [5.0, 6.0], [0, 0, 1, 3], [2, 4], index_dims=[2, 2])
    nodes = [
        helper.make_node("Constant", [], ["C"], name="const_sparse", sparse_value=sparse_attr),
        helper.make_node("Add", ["X", "C"], ["Y"], name="add_const"),
    ]
    graph = helper.make_graph(
        nodes, "sparse",
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, [2, 4])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [2, 4])])
    graph.sparse_initializer.append(sparse_init)
    graph.sparse_initializer.append(
        make_sparse("S_coo", [7.0, 8.0, 9.0], [0, 1, 1, 0, 1, 2], [2, 3], index_dims=[3, 2]))
    return _model(graph, [("", OPSET)])


def training_info():
    """A model with training_info: an initialization graph and an SGD-like algorithm graph."""
    model = conv_net()
    init_graph = helper.make_graph(
        [helper.make_node("Constant", [], ["fc_b_init"], name="init_const",
                          value=helper.make_tensor("zeros", TensorProto.FLOAT, [10], [0.0] * 10))],
        "initialization", [], [helper.make_tensor_value_info("fc_b_init", TensorProto.FLOAT, [10])])
    algo_graph = helper.make_graph(
        [helper.make_node("Constant", [], ["lr"], name="algo_lr",
                          value=helper.make_tensor("lr_v", TensorProto.FLOAT, [], [0.01])),
         helper.make_node("Mul", ["fc_b", "lr"], ["step"], name="algo_mul"),
         helper.make_node("Sub", ["fc_b", "step"], ["fc_b_new"], name="algo_sub")],
        "algorithm", [], [helper.make_tensor_value_info("fc_b_new", TensorProto.FLOAT, [10])])
    info = model.training_info.add()
    info.initialization.CopyFrom(init_graph)
    info.algorithm.CopyFrom(algo_graph)
    b = info.initialization_binding.add()
    b.key, b.value = "fc_b", "fc_b_init"
    u = info.update_binding.add()
    u.key, u.value = "fc_b", "fc_b_new"
    return model


SEEDS = {
    "conv": conv_net,
    "flow": control_flow,
    "func": local_functions,
    "sparse": sparse_tensors,
    "train": training_info,
}
