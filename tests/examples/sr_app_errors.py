"""The app refuses bad inputs with a clear message and a non-zero exit (never a crash).

Missing file, a file that is not an image, a 16-bit PNG, a grayscale PNG without --convert,
and a missing model; grayscale with --convert works.
"""

import os
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image

import sr_common

args = sr_common.parse(__doc__.splitlines()[0], need_onyx=False)
import sr_data  # noqa: E402

failed = False


def expect(label, cmd, want_rc_zero, needle):
    global failed
    p = subprocess.run([args.app] + cmd + ["--runs", "1"], capture_output=True, text=True)
    text = p.stdout + p.stderr
    ok = (p.returncode == 0) == want_rc_zero and p.returncode in (0, 1) and needle in text
    failed |= not ok
    print("%s %s: rc %d, %s" % ("ok" if ok else "FAIL", label, p.returncode, text.strip()))


with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "out.png")
    not_image = os.path.join(tmp, "notes.png")
    with open(not_image, "w") as f:
        f.write("not an image\n")
    deep = os.path.join(tmp, "deep16.png")
    Image.fromarray(np.arange(64 * 64, dtype=np.uint16).reshape(64, 64) * 16).save(deep)
    gray = sr_data.photo_path("camera.png")
    expect("missing file", [os.path.join(tmp, "missing.png"), "-o", out], False, "cannot open")
    expect("not an image", [not_image, "-o", out], False, "cannot read image")
    expect("16-bit png", [deep, "-o", out], False, "16 bits per channel")
    expect("grayscale", [gray, "-o", out], False, "is grayscale, not RGB")
    expect("missing model", [sr_data.photo_path("chelsea.png"), "-o", out, "--model",
                             os.path.join(tmp, "none.onnx")], False, "loading model")
    expect("grayscale --convert", [gray, "-o", out, "--convert"], True, "wrote " + out)
    if os.path.exists(out) and Image.open(out).size != (672, 672):
        print("FAIL: grayscale --convert output size", Image.open(out).size)
        failed = True
sys.exit(1 if failed else 0)
