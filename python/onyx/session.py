"""InferenceSession, NodeArg and ModelMetadata with onnxruntime's names and behaviour."""

import os
import time
import warnings

import numpy as np

from . import _onyx
from .options import ExecutionMode, SessionOptions

CPU_PROVIDER = "CPUExecutionProvider"
_AVAILABLE_PROVIDERS = [CPU_PROVIDER]

# onnxruntime type strings -> numpy dtypes, for converting non-array feeds (lists, scalars).
_NUMPY_DTYPE_OF_TYPE = {
    "tensor(float)": np.float32, "tensor(double)": np.float64, "tensor(float16)": np.float16,
    "tensor(int8)": np.int8, "tensor(int16)": np.int16, "tensor(int32)": np.int32,
    "tensor(int64)": np.int64, "tensor(uint8)": np.uint8, "tensor(uint16)": np.uint16,
    "tensor(uint32)": np.uint32, "tensor(uint64)": np.uint64, "tensor(bool)": np.bool_,
    "tensor(string)": np.object_,
}


class NodeArg:
    """A model input or output: name, type ('tensor(float)') and shape (int for fixed dims, str for
    symbolic ones, None for unknown ones; [] when the model declares no shape)."""

    def __init__(self, name, type, shape):
        self.name = name
        self.type = type
        self.shape = shape

    def __str__(self):
        dims = ", ".join(f"'{d}'" if isinstance(d, str) else str(d) for d in self.shape)
        return f"NodeArg(name='{self.name}', type='{self.type}', shape=[{dims}])"

    __repr__ = __str__


class ModelMetadata:
    """Model-level metadata (onnxruntime.ModelMetadata)."""

    def __init__(self, meta):
        self.producer_name = meta["producer_name"]
        self.graph_name = meta["graph_name"]
        self.domain = meta["domain"]
        self.description = meta["description"]
        self.graph_description = meta["graph_description"]
        self.version = meta["version"]
        self.custom_metadata_map = dict(meta["custom_metadata_map"])


def _normalize_providers(providers, provider_options):
    """Returns (names, options) for the providers onyx has, warning about the others, as
    onnxruntime's check_and_normalize_provider_args does."""
    if providers is None:
        if provider_options is not None:
            raise ValueError("'provider_options' is given but 'providers' is not")
        return [CPU_PROVIDER], [{}]
    if provider_options is not None and len(provider_options) != len(providers):
        raise ValueError("'providers' and 'provider_options' should be the same length if both are given.")
    names, options = [], []
    for i, entry in enumerate(providers):
        if isinstance(entry, str):
            name, opts = entry, (provider_options[i] if provider_options is not None else {})
        elif isinstance(entry, (tuple, list)) and len(entry) == 2 and isinstance(entry[1], dict):
            if provider_options is not None:
                raise ValueError("Provider options given in both 'providers' and 'provider_options'.")
            name, opts = entry
        else:
            raise ValueError("'providers' values must be either strings or (string, dict) tuples.")
        if name in names:
            raise ValueError("'providers' has duplicate elements.")
        if name not in _AVAILABLE_PROVIDERS:
            warnings.warn(f"Specified provider '{name}' is not in available provider names."
                          f"Available providers: '{', '.join(_AVAILABLE_PROVIDERS)}'", stacklevel=4)
            continue
        names.append(name)
        options.append({str(k): str(v) for k, v in opts.items()})
    if not names:
        return [CPU_PROVIDER], [{}]
    return names, options


class InferenceSession:
    """Loads an ONNX model (path or serialized bytes) and runs it on onyx's CPU runtime."""

    def __init__(self, path_or_bytes, sess_options=None, providers=None, provider_options=None, **kwargs):
        if isinstance(path_or_bytes, (str, os.PathLike)):
            self._model_path, self._model_bytes = os.fspath(path_or_bytes), None
        elif isinstance(path_or_bytes, bytes):
            self._model_path, self._model_bytes = None, path_or_bytes
        else:
            raise TypeError(f"Unable to load from type '{type(path_or_bytes)}'")
        if sess_options is not None and not isinstance(sess_options, SessionOptions):
            raise TypeError(f"sess_options must be an onyx.SessionOptions, got {type(sess_options).__name__}")
        self._sess_options = sess_options if sess_options is not None else SessionOptions()
        # onnxruntime's keyword: graph optimization passes to skip, by name.
        disabled = kwargs.get("disabled_optimizers") or []
        if isinstance(disabled, str) or not all(isinstance(n, str) for n in disabled):
            raise TypeError("disabled_optimizers must be a list or set of pass names (str)")
        self._disabled_optimizers = sorted(disabled)
        self._enable_fallback = True
        self._create_inference_session(providers, provider_options)

    def _create_inference_session(self, providers, provider_options):
        opts = self._sess_options
        self._providers, self._provider_options = _normalize_providers(providers, provider_options)
        if opts.execution_mode == ExecutionMode.ORT_PARALLEL:
            warnings.warn("onyx runs graph nodes sequentially; ExecutionMode.ORT_PARALLEL runs as ORT_SEQUENTIAL",
                          stacklevel=3)
        allow_spinning = True
        for key, val in opts._config_entries.items():
            if key == "session.intra_op.allow_spinning":  # "0": idle workers sleep at once
                if val not in ("0", "1"):
                    raise ValueError(f"session.intra_op.allow_spinning must be '0' or '1', got '{val}'")
                allow_spinning = val == "1"
            else:
                warnings.warn(f"onyx ignores session config entry '{key}'", stacklevel=3)
        source = self._model_path if self._model_path is not None else self._model_bytes
        # Profiling records per-node events in the native session until end_profiling().
        prefix = os.fspath(opts.profile_file_prefix) if opts.enable_profiling else None
        self._profiling_start_ns = time.time_ns() if opts.enable_profiling else 0
        self._sess = _onyx.Session.load(source, opts.intra_op_num_threads, int(opts.graph_optimization_level),
                                        prefix, self._disabled_optimizers, allow_spinning)
        if opts.optimized_model_filepath:
            _onyx.save_optimized_model(source, int(opts.graph_optimization_level),
                                       os.fspath(opts.optimized_model_filepath), self._disabled_optimizers)
        self._inputs_meta = [NodeArg(**m) for m in self._sess.inputs()]
        self._outputs_meta = [NodeArg(**m) for m in self._sess.outputs()]
        self._model_meta = ModelMetadata(self._sess.metadata())

    def get_inputs(self):
        return self._inputs_meta

    def get_outputs(self):
        return self._outputs_meta

    def get_overridable_initializers(self):
        raise NotImplementedError("onyx does not list overridable initializers; feed them by name in run()")

    def get_modelmeta(self):
        return self._model_meta

    def get_providers(self):
        return list(self._providers)

    def get_provider_options(self):
        return {name: dict(opts) for name, opts in zip(self._providers, self._provider_options)}

    def get_session_options(self):
        return self._sess_options

    def set_providers(self, providers=None, provider_options=None):
        self._create_inference_session(providers, provider_options)

    def disable_fallback(self):
        self._enable_fallback = False

    def enable_fallback(self):
        self._enable_fallback = True

    def end_profiling(self):
        """Writes the profile and returns its file name ('' when profiling is off)."""
        self._profiling_start_ns = 0
        return _onyx.end_profiling(self._sess)

    def get_profiling_start_time_ns(self):
        return self._profiling_start_ns

    def _validate_input(self, feed_input_names):
        missing = [i.name for i in self._inputs_meta
                   if i.name not in feed_input_names and not i.type.startswith("optional")]
        if missing:
            raise ValueError(f"Required inputs ({missing}) are missing from input feed ({feed_input_names}).")

    def _as_array(self, name, value):
        if isinstance(value, np.ndarray):
            return value
        expected = next((i.type for i in self._inputs_meta if i.name == name), None)
        if expected and expected.startswith(("seq(", "optional(", "map(")):
            return self._as_value(expected, value)
        return np.asarray(value, dtype=_NUMPY_DTYPE_OF_TYPE.get(expected))

    @staticmethod
    def _as_value(type_str, value):
        """Feeds of non-tensor inputs as onnxruntime takes them: sequences as lists of arrays,
        optionals as None or their content, maps as dicts."""
        if value is None or isinstance(value, dict):
            return value
        if type_str.startswith("optional("):
            return InferenceSession._as_value(type_str[len("optional("):-1], value)
        if type_str.startswith("seq("):
            inner = _NUMPY_DTYPE_OF_TYPE.get(type_str[len("seq("):-1])
            return [v if isinstance(v, np.ndarray) else np.asarray(v, dtype=inner) for v in value]
        return np.asarray(value, dtype=_NUMPY_DTYPE_OF_TYPE.get(type_str))

    def run(self, output_names, input_feed, run_options=None):
        """Returns a list with one entry per requested output (None or [] = all outputs): a numpy
        array per tensor, a list of arrays per sequence, None or the content per optional.
        The GIL is released while onyx computes; several threads may run one session at once."""
        self._validate_input(list(input_feed.keys()))
        if not output_names:
            output_names = [o.name for o in self._outputs_meta]
        if run_options is not None and run_options.terminate:
            raise _onyx.Fail("[ONYXError] : 1 : FAIL : Exiting due to terminate flag being set to true.")
        feeds = {name: self._as_array(name, value) for name, value in input_feed.items()}
        return self._sess.run(list(output_names), feeds)
