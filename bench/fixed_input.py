"""The fixed benchmark input shared by bench/torch_bench.py and bench/ort_bench.js.

Values are uniform in [-1, 1), from the mulberry32 generator with seed 42, element i taking
the (i+1)-th output, so PyTorch and onnxruntime benchmarks feed identical tensors.
"""

import numpy as np

SEED = 42


def fixed_random(shape, seed=SEED):
    """float32 array of `shape` equal to ort_bench.js's fixedRandom(count, seed)."""
    count = int(np.prod(shape))
    with np.errstate(over="ignore"):
        # mulberry32 is counter based: state_i = seed + (i + 1) * 0x6D2B79F5 (mod 2^32).
        t = np.uint32(seed) + np.arange(1, count + 1, dtype=np.uint32) * np.uint32(0x6D2B79F5)
        t = (t ^ (t >> np.uint32(15))) * (t | np.uint32(1))
        t ^= t + (t ^ (t >> np.uint32(7))) * (t | np.uint32(61))
        u = (t ^ (t >> np.uint32(14))).astype(np.float64) / 4294967296.0
    return (2.0 * u - 1.0).astype(np.float32).reshape(shape)
