"""The trained model beats bicubic upscaling on every held-out photo (PSNR and SSIM on Y).

Each held-out photo's Y plane is reduced 3x (PIL bicubic) and restored by the dynamic model
run through onyx and by PIL's bicubic resize. Also checks that the C++ app's --evaluate PSNRs
for chelsea.png agree with these (its resampling and YCbCr reproduce PIL's).
"""

import re
import subprocess
import sys
import tempfile

import sr_common

args = sr_common.parse(__doc__.splitlines()[0])
import sr_data  # noqa: E402

failed = False
print("%-14s %11s %11s %8s %8s" % ("photo", "PSNR model", "PSNR bicub", "SSIM mdl", "SSIM bic"))
rows = {}
for name in sr_data.HELD_OUT_PHOTOS:
    r = sr_data.evaluate_photo(
        name, lambda x: sr_data.run_onyx_cli(args.onyx, sr_data.DYNAMIC_MODEL, x, threads=2))
    rows[name] = r
    ok = r["psnr_model"] > r["psnr_bicubic"] and r["ssim_model"] > r["ssim_bicubic"]
    failed |= not ok
    print("%-14s %8.2f dB %8.2f dB %8.4f %8.4f %s" % (
        name, r["psnr_model"], r["psnr_bicubic"], r["ssim_model"], r["ssim_bicubic"],
        "ok" if ok else "FAIL: model does not beat bicubic"))

with tempfile.TemporaryDirectory() as tmp:
    app = subprocess.run([args.app, sr_data.photo_path("chelsea.png"), "-o", tmp + "/out.png",
                          "--evaluate", "--runs", "1"], capture_output=True, text=True)
match = re.search(r"model ([\d.]+) dB, bicubic ([\d.]+) dB", app.stdout)
if not match:
    print("FAIL: no PSNR line from the app --evaluate:", app.stdout, app.stderr)
    failed = True
else:
    app_model, app_bicubic = float(match.group(1)), float(match.group(2))
    want = rows["chelsea.png"]
    ok = (abs(app_model - want["psnr_model"]) < 0.01
          and abs(app_bicubic - want["psnr_bicubic"]) < 0.01)
    failed |= not ok
    print("%s app --evaluate on chelsea.png: model %.2f dB, bicubic %.2f dB" % (
        "ok" if ok else "FAIL", app_model, app_bicubic))
sys.exit(1 if failed else 0)
