"""The committed ONNX models, run by onyx, match PyTorch (rtol 1e-3, atol 1e-5).

PyTorch's model gets the weights stored in the .onnx file. Shapes: the static model at the
tutorial's 1x1x224x224; the dynamic model at 2x1x100x150 and 1x1x37x61 (odd sizes).
"""

import sys

import numpy as np
import torch

import sr_common

args = sr_common.parse(__doc__.splitlines()[0], need_app=False)
import sr_data  # noqa: E402

cases = [(sr_data.STATIC_MODEL, (1, 1, 224, 224)), (sr_data.DYNAMIC_MODEL, (2, 1, 100, 150)),
         (sr_data.DYNAMIC_MODEL, (1, 1, 37, 61))]
rng = np.random.default_rng(0)
failed = False
for path, shape in cases:
    x = rng.random(shape, dtype=np.float32)
    with torch.no_grad():
        expected = sr_data.torch_model_from_onnx(path)(torch.from_numpy(x)).numpy()
    got = sr_data.run_onyx_cli(args.onyx, path, x, threads=2)
    try:
        np.testing.assert_allclose(got, expected, rtol=1e-3, atol=1e-5)
        print("ok %s %s -> %s, max abs diff %.2e" % (
            path.split("/")[-1], shape, got.shape, np.abs(got - expected).max()))
    except AssertionError as e:
        print("FAIL %s %s: %s" % (path, shape, e))
        failed = True
sys.exit(1 if failed else 0)
