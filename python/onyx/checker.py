"""onyx.checker.check_model: the validation step of the PyTorch->ONNX tutorial
(onnx.checker.check_model). Structural checks now; its depth grows with onyx's checker."""

import os
import warnings

from . import _onyx


class ValidationError(Exception):
    """The model is not valid ONNX."""


def check_model(model, full_check=False):
    """Checks a model given as a file path, serialized bytes, or an onnx.ModelProto.

    Raises ValidationError naming the problem. Checks: the bytes parse as ModelProto, ir_version and
    opset_import are set, the graph is in SSA form, every node input is produced before use, graph
    outputs are produced. full_check=True adds graph-wide type and shape inference.
    """
    if isinstance(model, (str, os.PathLike)):
        source = os.fspath(model)
    elif isinstance(model, bytes):
        source = model
    elif hasattr(model, "SerializeToString"):
        source = model.SerializeToString()
    else:
        raise TypeError(f"check_model takes a path, bytes or ModelProto, got {type(model).__name__}")
    error, notes = _onyx.check_model(source, bool(full_check))
    for note in notes:
        warnings.warn(note)
    if error is not None:
        raise ValidationError(error)
