"""FLOPs of one inference of an ONNX model, counted from its graph (bench/run_all.py).

Counts the multiply-adds of Conv, ConvTranspose, Gemm and MatMul (2 FLOPs each), the ops that
hold nearly all the arithmetic of the benchmark's models; elementwise ops, pooling, softmax and
normalisations are left out, so the figure is a slight undercount. Shapes come from onnx's shape
inference after the graph inputs' symbolic dims are replaced by the fed shapes; where it leaves
a counted node's shapes unknown, run_all.py takes the count of onyx's profiler instead (`onyx
bench --profile --json`, "gflop": the same ops, counted on the shapes of an actual run).
"""

import numpy as np
import onnx
from onnx import shape_inference


def _shapes(model, input_shapes):
    """name -> concrete dims of every value shape inference can resolve."""
    model = onnx.ModelProto.FromString(model.SerializeToString())
    for graph_input in model.graph.input:
        if graph_input.name in input_shapes:
            dims = graph_input.type.tensor_type.shape.dim
            for d, size in zip(dims, input_shapes[graph_input.name]):
                d.ClearField("dim_param")
                d.dim_value = size
    inferred = shape_inference.infer_shapes(model)
    shapes = {}
    values = list(inferred.graph.value_info) + list(inferred.graph.input) + \
        list(inferred.graph.output)
    for v in values:
        if not v.type.tensor_type.HasField("shape"):
            continue
        dims = v.type.tensor_type.shape.dim
        if all(d.HasField("dim_value") for d in dims):
            shapes[v.name] = [d.dim_value for d in dims]
    for init in inferred.graph.initializer:
        shapes[init.name] = list(init.dims)
    return inferred, shapes


def node_flops(node, shapes):
    """FLOPs of one node (0 when it is not a counted op or a shape is unknown)."""
    def dims(i, outputs=False):
        names = node.output if outputs else node.input
        return shapes.get(names[i]) if i < len(names) else None

    out, a, w = dims(0, outputs=True), dims(0), dims(1)
    if out is None:
        return 0
    if node.op_type == "Conv" and w and w[0] > 0:
        return 2 * int(np.prod(out)) * int(np.prod(w)) // w[0]
    if node.op_type == "ConvTranspose" and a and w and w[0] > 0:
        return 2 * int(np.prod(a)) * int(np.prod(w)) // w[0]
    if node.op_type == "Gemm" and a and len(out) == 2 and out[0] > 0:
        return 2 * int(np.prod(out)) * int(np.prod(a)) // out[0]
    if node.op_type == "MatMul" and a:
        return 2 * int(np.prod(out)) * a[-1]
    return 0


COUNTED = ("Conv", "ConvTranspose", "Gemm", "MatMul")


def model_gflop(path, input_shapes):
    """(GFLOP of one inference of the model at `path` fed {input name: dims}, number of counted
    nodes whose shapes inference could not resolve: the GFLOP is an undercount when > 0)."""
    model, shapes = _shapes(onnx.load(path, load_external_data=False), input_shapes)
    unresolved = 0
    total = 0
    for n in model.graph.node:
        if n.op_type not in COUNTED:
            continue
        flops = node_flops(n, shapes)
        unresolved += flops == 0
        total += flops
    return total / 1e9, unresolved
