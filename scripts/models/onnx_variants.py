"""Rewrites of an exported float32 ONNX graph into the forms people ship (used by zoo_export.py).

fp16: every float32 initializer, Constant and Cast-to-float becomes float16 (inputs that the
      spec keeps float32, such as Resize scales, stay float32); graph inputs and outputs stay
      float32 with a Cast at each (as onnxconverter-common's keep_io_types=True does).
qdyn: dynamic quantization as onnxruntime's quantize_dynamic does it: weights of MatMul/Gemm/
      Conv become int8 (symmetric, per tensor, zero point 0); activations are quantized at run
      time by DynamicQuantizeLinear (uint8); MatMulInteger/ConvInteger accumulate in int32;
      Cast + Mul by (x_scale * w_scale) returns to float, then the float bias is added.
fp16 is compared with PyTorch's float32 output (tolerance: float16 storage error); qdyn with
PyTorch running the same integer arithmetic (quant_sim.py).
"""

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

VARIANTS = ["fp32", "fp16", "qdyn"]

# (op_type, input index) that stay float32 in a float16 graph: the spec types them float.
_FLOAT32_INPUTS = {("Resize", 1), ("Resize", 2), ("Upsample", 1)}


def _float32_only_values(graph):
    return {n.input[i] for n in graph.node for (op, i) in _FLOAT32_INPUTS
            if n.op_type == op and i < len(n.input) and n.input[i]}


def _to_fp16_tensor(t):
    return numpy_helper.from_array(numpy_helper.to_array(t).astype(np.float16), t.name)


def to_float16(model):
    graph = model.graph
    keep = _float32_only_values(graph)
    for i, t in enumerate(graph.initializer):
        if t.data_type == TensorProto.FLOAT and t.name not in keep:
            graph.initializer[i].CopyFrom(_to_fp16_tensor(t))
    for node in graph.node:
        for attr in node.attribute:
            if attr.type == onnx.AttributeProto.TENSOR and attr.t.data_type == TensorProto.FLOAT \
                    and not (node.op_type == "Constant" and node.output[0] in keep):
                attr.t.CopyFrom(_to_fp16_tensor(attr.t))
            if node.op_type == "Cast" and attr.name == "to" and attr.i == TensorProto.FLOAT \
                    and node.output[0] not in keep:
                attr.i = TensorProto.FLOAT16
    nodes = []
    for inp in graph.input:
        if inp.type.tensor_type.elem_type == TensorProto.FLOAT:
            inner = inp.name + "_fp16"
            for node in graph.node:
                node.input[:] = [inner if x == inp.name else x for x in node.input]
            nodes.append(helper.make_node("Cast", [inp.name], [inner], to=TensorProto.FLOAT16))
    nodes.extend(graph.node)
    for out in graph.output:
        if out.type.tensor_type.elem_type == TensorProto.FLOAT:
            inner = out.name + "_fp16"
            for node in nodes:
                node.output[:] = [inner if x == out.name else x for x in node.output]
                node.input[:] = [inner if x == out.name else x for x in node.input]
            nodes.append(helper.make_node("Cast", [inner], [out.name], to=TensorProto.FLOAT))
    del graph.node[:]
    graph.node.extend(nodes)
    del graph.value_info[:]
    return model


def _quantize_weight(w):
    """int8 symmetric per-tensor: w ~= q * scale, q in [-127, 127]."""
    scale = max(float(np.abs(w).max()), 1e-8) / 127.0
    q = np.clip(np.rint(w / scale), -127, 127).astype(np.int8)
    return q, np.float32(scale)


def quantize_dynamic(model):
    graph = model.graph
    inits = {t.name: t for t in graph.initializer}
    nodes, added = [], []

    def const(name, array):
        added.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    for node in graph.node:
        w_name = node.input[1] if len(node.input) > 1 else ""
        attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
        w = numpy_helper.to_array(inits[w_name]) if w_name in inits else None
        gemm_ok = node.op_type == "Gemm" and attrs.get("alpha", 1.0) == 1.0 and \
            attrs.get("beta", 1.0) == 1.0 and not attrs.get("transA", 0)
        bias = node.input[2] if len(node.input) > 2 and node.input[2] else ""
        if w is None or w.dtype != np.float32 or (bias and bias not in inits and
                                                  node.op_type != "Conv") or not (
                (node.op_type == "MatMul" and w.ndim == 2) or gemm_ok or
                (node.op_type == "Conv" and w.ndim == 4)):
            nodes.append(node)
            continue
        if node.op_type == "Gemm" and attrs.get("transB", 0):
            w = w.T
        p = node.name or node.output[0]
        q, scale = _quantize_weight(w)
        xq, xs, xzp = p + "_xq", p + "_xscale", p + "_xzp"
        nodes.append(helper.make_node("DynamicQuantizeLinear", [node.input[0]], [xq, xs, xzp]))
        int_op = "ConvInteger" if node.op_type == "Conv" else "MatMulInteger"
        int_attrs = {k: v for k, v in attrs.items() if node.op_type == "Conv"}
        nodes.append(helper.make_node(int_op, [xq, const(p + "_wq", q), xzp,
                                               const(p + "_wzp", np.int8(0))], [p + "_i32"],
                                      **int_attrs))
        nodes.append(helper.make_node("Cast", [p + "_i32"], [p + "_f32"], to=TensorProto.FLOAT))
        nodes.append(helper.make_node("Mul", [xs, const(p + "_wscale", scale)], [p + "_scale"]))
        scaled = node.output[0] if not bias else p + "_scaled"
        nodes.append(helper.make_node("Mul", [p + "_f32", p + "_scale"], [scaled]))
        if bias and bias not in inits:  # a Conv bias computed in the graph: [C] -> [1, C, 1, 1]
            nodes.append(helper.make_node("Reshape", [bias, const(p + "_bias_shape", np.array(
                [1, -1, 1, 1], dtype=np.int64))], [p + "_bias"]))
            nodes.append(helper.make_node("Add", [scaled, p + "_bias"], [node.output[0]]))
        elif bias:
            b = numpy_helper.to_array(inits[bias])
            if node.op_type == "Conv":
                b = b.reshape(1, -1, 1, 1)
            nodes.append(helper.make_node("Add", [scaled, const(p + "_bias", b)],
                                          [node.output[0]]))
    del graph.node[:]
    graph.node.extend(nodes)
    graph.initializer.extend(added)
    used = {x for n in graph.node for x in n.input}
    kept = [t for t in graph.initializer if t.name in used]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    del graph.value_info[:]
    if not any(o.domain in ("", "ai.onnx") and o.version >= 11 for o in model.opset_import):
        raise ValueError("qdyn needs opset >= 11 (DynamicQuantizeLinear)")
    return model


def make(variant, model, spec):
    """Returns (model, rtol, atol, note) for the variant of an exported float32 model."""
    if variant == "fp16":
        return (to_float16(model), 1e-2, spec.fp16_atol,
                "stored as float16: ~11-bit mantissa per op, compared with PyTorch float32")
    if variant == "qdyn":
        return (quantize_dynamic(model), 1e-3, spec.qdyn_atol,
                "compared with PyTorch running the same integer arithmetic (quant_sim.py); atol "
                "allows an activation whose float32 value differs by ~1e-7 between runtimes to "
                "round to the neighbouring uint8 code")
    raise ValueError("unknown variant " + variant)
