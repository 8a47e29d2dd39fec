"""SessionOptions, RunOptions and the option enums, named and defaulted as in onnxruntime.

What onyx does with each option (see README "Python"):
  graph_optimization_level -> onyx optimization level (none / basic / extended / all)
  intra_op_num_threads     -> onyx intra-op worker threads (0 = one per core)
  inter_op_num_threads     -> stored; onyx runs nodes sequentially (as onnxruntime does in
                              ORT_SEQUENTIAL mode, where this option is unused too)
  execution_mode           -> ORT_PARALLEL warns and runs sequentially
  enable_profiling         -> chrome-trace JSON like onnxruntime's: session initialization, every run
                              and every node of every run (op, input/output types and shapes)
  optimized_model_filepath -> the optimized graph is saved there
  log_severity_level, log_verbosity_level, logid -> stored; onyx's native log level comes from the
                              ONYX_LOG environment variable
  session config entries   -> stored and readable; onyx acts on none and warns at session creation
"""

import enum


class GraphOptimizationLevel(enum.IntEnum):
    ORT_DISABLE_ALL = 0
    ORT_ENABLE_BASIC = 1
    ORT_ENABLE_EXTENDED = 2
    ORT_ENABLE_ALL = 99


class ExecutionMode(enum.IntEnum):
    ORT_SEQUENTIAL = 0
    ORT_PARALLEL = 1


class ExecutionOrder(enum.IntEnum):
    DEFAULT = 0
    PRIORITY_BASED = 1


def _int_option(name, value, minimum):
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


class SessionOptions:
    """Configuration for InferenceSession (onnxruntime.SessionOptions)."""

    def __init__(self):
        self._graph_optimization_level = GraphOptimizationLevel.ORT_ENABLE_ALL
        self._intra_op_num_threads = 0
        self._inter_op_num_threads = 0
        self._execution_mode = ExecutionMode.ORT_SEQUENTIAL
        self.execution_order = ExecutionOrder.DEFAULT
        self.enable_profiling = False
        self.profile_file_prefix = "onnxruntime_profile_"
        self.optimized_model_filepath = ""
        self.log_severity_level = 2
        self.log_verbosity_level = 0
        self.logid = ""
        self.enable_cpu_mem_arena = True
        self.enable_mem_pattern = True
        self.enable_mem_reuse = True
        self.use_deterministic_compute = False
        self._config_entries = {}

    @property
    def graph_optimization_level(self):
        return self._graph_optimization_level

    @graph_optimization_level.setter
    def graph_optimization_level(self, level):
        try:
            self._graph_optimization_level = GraphOptimizationLevel(level)
        except ValueError:
            raise TypeError(f"graph_optimization_level must be a GraphOptimizationLevel, got {level!r}") from None

    @property
    def intra_op_num_threads(self):
        return self._intra_op_num_threads

    @intra_op_num_threads.setter
    def intra_op_num_threads(self, n):
        self._intra_op_num_threads = _int_option("intra_op_num_threads", n, 0)

    @property
    def inter_op_num_threads(self):
        return self._inter_op_num_threads

    @inter_op_num_threads.setter
    def inter_op_num_threads(self, n):
        self._inter_op_num_threads = _int_option("inter_op_num_threads", n, 0)

    @property
    def execution_mode(self):
        return self._execution_mode

    @execution_mode.setter
    def execution_mode(self, mode):
        try:
            self._execution_mode = ExecutionMode(mode)
        except ValueError:
            raise TypeError(f"execution_mode must be an ExecutionMode, got {mode!r}") from None

    def add_session_config_entry(self, key, value):
        if not isinstance(key, str) or not isinstance(value, str):
            raise TypeError("session config entries are str -> str")
        self._config_entries[key] = value

    def get_session_config_entry(self, key):
        if key not in self._config_entries:
            raise RuntimeError(f"SessionOptions does not have configuration with key: {key}")
        return self._config_entries[key]


class RunOptions:
    """Per-run configuration (onnxruntime.RunOptions).

    `terminate` is checked when run() starts: a set flag makes run() raise Fail. onyx cannot stop a
    run that is already computing.
    """

    def __init__(self):
        self.terminate = False
        self.log_severity_level = 2
        self.log_verbosity_level = 0
        self.logid = ""
        self.run_tag = ""
        self.only_execute_path_to_fetches = False
        self._config_entries = {}

    def add_run_config_entry(self, key, value):
        if not isinstance(key, str) or not isinstance(value, str):
            raise TypeError("run config entries are str -> str")
        self._config_entries[key] = value

    def get_run_config_entry(self, key):
        if key not in self._config_entries:
            raise RuntimeError(f"RunOptions does not have configuration with key: {key}")
        return self._config_entries[key]
