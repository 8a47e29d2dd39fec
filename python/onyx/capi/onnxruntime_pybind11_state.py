"""onnxruntime's exception classes, at the path onnxruntime code imports them from."""

from .._onyx import (EngineError, EPFail, Fail, InvalidArgument, InvalidGraph, InvalidProtobuf,  # noqa: F401
                     ModelLoaded, NoModel, NoSuchFile, NotImplemented, RuntimeException)
