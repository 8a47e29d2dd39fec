"""Mirrors onnxruntime.capi so `from onnxruntime.capi.onnxruntime_pybind11_state import Fail`
becomes `from onyx.capi.onnxruntime_pybind11_state import Fail`."""
