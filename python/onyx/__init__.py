"""onyx: an ONNX inference runtime with onnxruntime's Python API.

    import onyx as onnxruntime
    sess = onnxruntime.InferenceSession("model.onnx", providers=["CPUExecutionProvider"])
    outputs = sess.run(None, {sess.get_inputs()[0].name: x})
"""

from . import checker
from ._onyx import (EngineError, EPFail, Fail, InvalidArgument, InvalidGraph, InvalidProtobuf,
                    ModelLoaded, NoModel, NoSuchFile, NotImplemented, RuntimeException)
from ._onyx import version as _native_version
from .options import ExecutionMode, ExecutionOrder, GraphOptimizationLevel, RunOptions, SessionOptions
from .session import InferenceSession, ModelMetadata, NodeArg

__version__ = _native_version()


def get_available_providers():
    """Execution providers this build can use: onyx runs on the CPU only."""
    return ["CPUExecutionProvider"]


def get_all_providers():
    return get_available_providers()


def get_device():
    return "CPU"


__all__ = [
    "InferenceSession", "SessionOptions", "RunOptions", "NodeArg", "ModelMetadata",
    "GraphOptimizationLevel", "ExecutionMode", "ExecutionOrder",
    "get_available_providers", "get_all_providers", "get_device", "checker", "__version__",
    "Fail", "InvalidArgument", "NoSuchFile", "NoModel", "EngineError", "RuntimeException",
    "InvalidProtobuf", "ModelLoaded", "NotImplemented", "InvalidGraph", "EPFail",
]
