"""The reference side of the differential test: onnx 1.12's verdicts on model files.

`check_file(path)` returns {"model", "understood", "why_not_understood", "valid", "message",
"full_valid", "full_message"}. A model is "not understood" by onnx 1.12 when it uses an IR
version, an opset version or a tensor element type newer than 1.12 knows; its verdict is
then reported separately, not compared.
"""
import onnx
from onnx import defs

MAX_IR = onnx.IR_VERSION  # 8 for onnx 1.12
# Element types 17.. (float8, uint4/int4, float4, ...) arrived after onnx 1.12.
MAX_ELEM_TYPE = max(onnx.TensorProto.DataType.values())
DOMAIN_ALIASES = {"ai.onnx": ""}


def _max_opsets():
    out = {}
    for schema in defs.get_all_schemas_with_history():
        out[schema.domain] = max(out.get(schema.domain, 0), schema.since_version)
    out[""] = max(out.get(""), defs.onnx_opset_version())
    return out


MAX_OPSETS = _max_opsets()


def _graphs(graph):
    yield graph
    for node in graph.node:
        for attr in node.attribute:
            if attr.type == onnx.AttributeProto.GRAPH:
                yield from _graphs(attr.g)
            for g in attr.graphs:
                yield from _graphs(g)


def _newer_element_type(model):
    for graph in _graphs(model.graph):
        for t in graph.initializer:
            if t.data_type > MAX_ELEM_TYPE and t.data_type <= 32:
                return f"initializer '{t.name}' has element type {t.data_type}"
        for vi in list(graph.input) + list(graph.output) + list(graph.value_info):
            elem = vi.type.tensor_type.elem_type
            if elem > MAX_ELEM_TYPE and elem <= 32:
                return f"value '{vi.name}' has element type {elem}"
    return None


def why_not_understood(model):
    if model.ir_version > MAX_IR:
        return f"ir_version {model.ir_version} > {MAX_IR}"
    for opset in model.opset_import:
        domain = DOMAIN_ALIASES.get(opset.domain, opset.domain)
        if domain in MAX_OPSETS and opset.version > MAX_OPSETS[domain]:
            return f"opset {opset.domain or 'ai.onnx'} {opset.version} > {MAX_OPSETS[domain]}"
    return _newer_element_type(model)


def _failure(e):
    return f"{type(e).__name__}: {str(e).strip()}"[:600]


def _full_verdict(path, plain_valid, plain_message):
    """onnx 1.12's check_model(path, full_check=True) without its side effect: given a path,
    1.12 runs infer_shapes_path(path), which rewrites the model file in place with the
    inferred value_info. The same strict inference runs here on a loaded copy instead."""
    if not plain_valid:
        return False, plain_message
    try:
        model = onnx.load(path, load_external_data=False)
        onnx.shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
        return True, ""
    except Exception as e:  # InferenceError, DecodeError, ...
        return False, _failure(e)


def check_file(path):
    result = {"model": path, "understood": True, "why_not_understood": ""}
    try:
        model = onnx.load(path, load_external_data=False)
        why = why_not_understood(model)
    except Exception:
        why = None  # unparseable: onnx's checker gives the verdict (invalid)
    if why:
        result.update(understood=False, why_not_understood=why)
    try:
        onnx.checker.check_model(path)  # the path form also checks external data files
        result["valid"], result["message"] = True, ""
    except Exception as e:  # onnx raises ValidationError, InferenceError, DecodeError, ...
        result["valid"], result["message"] = False, _failure(e)
    result["full_valid"], result["full_message"] = _full_verdict(path, result["valid"],
                                                                 result["message"])
    return result
