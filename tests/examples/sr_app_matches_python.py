"""The C++ app's output equals the Python tutorial pipeline (PIL + onyx) within one grey level.

Cases: the tutorial's 224x224 path on chelsea.png, and --native-size on a 3-channel crop of
rocket.jpg decoded by PIL and saved as PNG (PNG so both sides decode identically; stb's and
libjpeg's JPEG decoders differ slightly).
"""

import os
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image

import sr_common

args = sr_common.parse(__doc__.splitlines()[0])
import sr_data  # noqa: E402


def check(name, rgb_path, native, tmp):
    out_path = os.path.join(tmp, name + "_app.png")
    cmd = [args.app, rgb_path, "-o", out_path, "--threads", "1", "--runs", "1"]
    if native:
        cmd.append("--native-size")
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    app = np.asarray(Image.open(out_path).convert("RGB"), dtype=np.int32)
    model = sr_data.DYNAMIC_MODEL if native else sr_data.STATIC_MODEL
    ref = sr_data.tutorial_pipeline(Image.open(rgb_path).convert("RGB"),
                                    lambda x: sr_data.run_onyx_cli(args.onyx, model, x),
                                    native_size=native)
    ref = np.asarray(ref, dtype=np.int32)
    if app.shape != ref.shape:
        print("FAIL %s: app output %s, python %s" % (name, app.shape, ref.shape))
        return False
    diff = np.abs(app - ref)
    ok = diff.max() <= 1
    print("%s %s: %s, max |app - python| = %d grey levels, %.3f%% of values differ" % (
        "ok" if ok else "FAIL", name, app.shape, diff.max(), 100.0 * np.mean(diff > 0)))
    return ok


with tempfile.TemporaryDirectory() as tmp:
    crop = os.path.join(tmp, "rocket_crop.png")
    Image.open(sr_data.photo_path("rocket.jpg")).convert("RGB").crop((200, 100, 350, 200)).save(crop)
    results = [check("chelsea_224", sr_data.photo_path("chelsea.png"), False, tmp),
               check("rocket_crop_native", crop, True, tmp)]
sys.exit(0 if all(results) else 1)
