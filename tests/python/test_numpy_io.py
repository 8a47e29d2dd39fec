"""numpy in/out: dtypes, layouts, memory ownership, and concurrent runs of one session."""

import gc
import sys
import threading

import numpy as np
import pytest

import onyx
from model_helpers import TensorProto, identity_model, relu_model, serialize, transpose_model

NUMERIC_TYPES = [
    (TensorProto.FLOAT, np.float32), (TensorProto.DOUBLE, np.float64), (TensorProto.FLOAT16, np.float16),
    (TensorProto.INT8, np.int8), (TensorProto.INT16, np.int16), (TensorProto.INT32, np.int32),
    (TensorProto.INT64, np.int64), (TensorProto.UINT8, np.uint8), (TensorProto.UINT16, np.uint16),
    (TensorProto.UINT32, np.uint32), (TensorProto.UINT64, np.uint64), (TensorProto.BOOL, np.bool_),
]


def sample(np_type, shape=(2, 3)):
    return (np.arange(int(np.prod(shape))) % 5 - 2).astype(np_type).reshape(shape)


@pytest.mark.parametrize("elem_type,np_type", NUMERIC_TYPES, ids=lambda t: getattr(t, "__name__", str(t)))
def test_every_numeric_dtype_round_trips(elem_type, np_type):
    x = sample(np_type)
    (y,) = onyx.InferenceSession(serialize(identity_model(elem_type))).run(None, {"x": x})
    assert y.dtype == np_type and y.shape == x.shape
    np.testing.assert_array_equal(y, x)
    (t,) = onyx.InferenceSession(serialize(transpose_model(elem_type))).run(None, {"x": x})
    assert t.dtype == np_type
    np.testing.assert_array_equal(t, x.T)


def test_string_tensors_round_trip():
    sess = onyx.InferenceSession(serialize(identity_model(TensorProto.STRING, (2, 2))))
    x = np.array([["a", "bb"], ["ccc", "déjà vu"]])
    (y,) = sess.run(None, {"x": x})
    assert y.dtype == object and y.shape == (2, 2)
    assert y.tolist() == [["a", "bb"], ["ccc", "déjà vu"]]
    (y,) = sess.run(None, {"x": np.array([["a", "b"], ["c", "d"]], dtype=object)})
    assert y.tolist() == [["a", "b"], ["c", "d"]]


def test_unsupported_numpy_dtype_names_the_input():
    sess = onyx.InferenceSession(serialize(identity_model(TensorProto.FLOAT)))
    with pytest.raises(onyx.InvalidArgument, match="input 'x'.*datetime64"):
        sess.run(None, {"x": np.zeros((2, 3), dtype="datetime64[s]")})


def test_non_contiguous_byteswapped_readonly_and_empty_inputs():
    sess = onyx.InferenceSession(serialize(relu_model(("batch", 3, None))))
    base = np.random.default_rng(0).standard_normal((4, 6, 10)).astype(np.float32)
    cases = {
        "transposed": base[:, :3, :].transpose(0, 1, 2)[:, :, ::2],
        "strided": base[::2, ::2, ::3],
        "fortran": np.asfortranarray(base[:, :3, :]),
        "byteswapped": base[:, :3, :].astype(">f4"),
    }
    readonly = base[:, :3, :].copy()
    readonly.flags.writeable = False
    cases["readonly"] = readonly
    for name, x in cases.items():
        (y,) = sess.run(None, {"x": x})
        np.testing.assert_array_equal(y, np.maximum(np.asarray(x, dtype=np.float32), 0), err_msg=name)
    (y,) = sess.run(None, {"x": np.zeros((0, 3, 4), dtype=np.float32)})
    assert y.shape == (0, 3, 4)


def test_inputs_are_not_modified_and_outputs_own_their_memory():
    sess = onyx.InferenceSession(serialize(identity_model(TensorProto.FLOAT)))
    x = sample(np.float32)
    keep = x.copy()
    (y,) = sess.run(None, {"x": x})
    assert not np.shares_memory(x, y), "an output aliasing the caller's input must be copied"
    y[...] = 42
    np.testing.assert_array_equal(x, keep)
    x[...] = -7
    assert (y == 42).all()

    relu = onyx.InferenceSession(serialize(relu_model()))
    x = np.random.default_rng(3).standard_normal((1, 3, 8)).astype(np.float32)
    keep = x.copy()
    (r,) = relu.run(None, {"x": x})
    np.testing.assert_array_equal(x, keep)
    assert r.flags.writeable and r.flags.c_contiguous
    del relu, sess
    gc.collect()
    np.testing.assert_array_equal(r, np.maximum(keep, 0))  # outlives its session


def test_outputs_of_separate_runs_are_independent():
    sess = onyx.InferenceSession(serialize(relu_model()))
    a = sess.run(None, {"x": np.ones((1, 3, 4), dtype=np.float32)})[0]
    b = sess.run(None, {"x": np.full((1, 3, 4), 2.0, dtype=np.float32)})[0]
    assert not np.shares_memory(a, b)
    assert (a == 1).all() and (b == 2).all()


def test_one_session_runs_from_many_threads_at_once():
    so = onyx.SessionOptions()
    so.intra_op_num_threads = 2
    sess = onyx.InferenceSession(serialize(relu_model(("batch", 3, None))), sess_options=so)
    errors, barrier = [], threading.Barrier(6)

    def worker(seed):
        rng = np.random.default_rng(seed)
        barrier.wait()
        for i in range(30):
            x = rng.standard_normal((1 + (seed + i) % 3, 3, 50 + seed)).astype(np.float32)
            (y,) = sess.run(None, {"x": x})
            if not np.array_equal(y, np.maximum(x, 0)):
                errors.append(f"thread {seed} run {i}: wrong result")

    threads = [threading.Thread(target=worker, args=(s,)) for s in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_gil_is_released_during_run():
    """While one thread is inside a long run(), another Python thread keeps executing."""
    sess = onyx.InferenceSession(serialize(relu_model(("batch", 3, None))))
    x = np.ones((100, 3, 100_000), dtype=np.float32)  # 120 MB through Relu: milliseconds
    done = threading.Event()
    ticks = []

    def spin():
        while not done.is_set():
            ticks.append(1)

    t = threading.Thread(target=spin)
    t.start()
    sys_interval = sys.getswitchinterval()
    sys.setswitchinterval(0.5)  # far longer than the run: without a release the runner keeps the GIL
    try:
        before = len(ticks)
        sess.run(None, {"x": x})
        during = len(ticks) - before
    finally:
        done.set()
        t.join()
        sys.setswitchinterval(sys_interval)
    assert during > 0
