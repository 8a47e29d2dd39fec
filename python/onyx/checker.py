"""onyx.checker.check_model: the validation step of the PyTorch->ONNX tutorial
(onnx.checker.check_model), backed by onyx's checker (the rules of `onyx check`)."""

import os
import warnings

from . import _onyx


class ValidationError(Exception):
    """The model is not valid ONNX."""


def check_model(model, full_check=False):
    """Checks a model given as a file path, serialized bytes, or an onnx.ModelProto.

    Raises ValidationError with the first error as "[rule] location: message", e.g.
    "[node.unknown_attribute] main: node 3 'conv1' (Conv, opset 13): attribute 'foo' is not
    defined by Conv version 11 (known: ...)". The rules are onnx.checker's (model, graph, node
    against the operator schemas, attributes, tensors, functions); warnings (ops of custom domains
    that cannot be checked, ...) are issued with warnings.warn. full_check=True adds strict type
    and shape inference and compares declared types with the inferred ones.
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
