"""Photos, Y-channel handling and quality metrics shared by the super-resolution scripts.

Images are Pillow images; "Y" is the luma plane of PIL's RGB->YCbCr conversion (uint8).
The low-resolution (LR) version of a photo is its Y plane, cropped to a multiple of the
upscale factor and reduced by PIL's bicubic resize; the model and the bicubic baseline both
upscale that LR plane back to the cropped original (HR) size.
"""

import os

import numpy as np
from PIL import Image

SKIMAGE_DATA = "/usr/lib/python3/dist-packages/skimage/data"

# Natural photos from Debian's python3-skimage (RGB or grayscale, 8-bit).
TRAIN_PHOTOS = [
    "astronaut.png", "brick.png", "camera.png", "coffee.png", "grass.png", "gravel.png",
    "hubble_deep_field.jpg", "ihc.png", "moon.png", "motorcycle_left.png", "retina.jpg",
    "cell.png",
]
# Held out from training; the quality check runs on these. chelsea.png is the demo's cat.
# (motorcycle_right.png is unused: it is a near-copy of motorcycle_left.png.)
HELD_OUT_PHOTOS = ["chelsea.png", "rocket.jpg", "coins.png"]

UPSCALE = 3
# PSNR/SSIM skip this many pixels at each border (the usual practice for SR benchmarks).
SHAVE = UPSCALE


def photo_path(name):
    return os.path.join(SKIMAGE_DATA, name)


def load_y(name):
    """The photo's Y plane as a mode-"L" image (grayscale photos are their own Y)."""
    img = Image.open(photo_path(name))
    if img.mode != "L":
        img = img.convert("RGB").convert("YCbCr").split()[0]
    return img


def hr_lr_pair(y_img, factor=UPSCALE):
    """(HR, LR) mode-"L" images: HR is y_img cropped to a multiple of factor, LR = HR / factor."""
    w, h = y_img.size
    hr = y_img.crop((0, 0, w - w % factor, h - h % factor))
    lr = hr.resize((hr.size[0] // factor, hr.size[1] // factor), Image.BICUBIC)
    return hr, lr


def to_input(y_img):
    """A mode-"L" image as the model's input: float32 1x1xHxW in [0, 1]."""
    return (np.asarray(y_img, dtype=np.float32) / 255.0)[None, None]


def output_to_u8(out):
    """The model's float output (N x 1 x H x W, [0, 1]) as a uint8 HxW plane (first image)."""
    return np.uint8(np.clip(np.asarray(out)[0, 0] * 255.0, 0, 255).round())


def bicubic_upscale(lr, size):
    return np.asarray(lr.resize(size, Image.BICUBIC))


def _shave(a):
    return np.asarray(a, dtype=np.float64)[SHAVE:-SHAVE, SHAVE:-SHAVE]


def psnr(ref, test):
    """PSNR in dB of two uint8 planes (peak 255), borders shaved."""
    mse = np.mean((_shave(ref) - _shave(test)) ** 2)
    return float("inf") if mse == 0 else float(10.0 * np.log10(255.0**2 / mse))


def ssim(ref, test):
    """Mean SSIM (Wang et al. 2004, 7x7 window as skimage's default), borders shaved."""
    from skimage.metrics import structural_similarity

    return float(structural_similarity(_shave(ref), _shave(test), data_range=255.0))


# ---- Model helpers (PyTorch weights from the exported .onnx, onyx through its CLI) ----

MODEL_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "models",
                                         "super_resolution"))
STATIC_MODEL = os.path.join(MODEL_DIR, "super_resolution.onnx")  # 1x1x224x224, dynamic batch
DYNAMIC_MODEL = os.path.join(MODEL_DIR, "super_resolution_dynamic.onnx")  # any N, H, W


def torch_model_from_onnx(path=STATIC_MODEL):
    """SuperResolutionNet (eval mode) with the weights stored in an exported .onnx file."""
    import onnx
    import torch
    from onnx import numpy_helper

    from super_resolution_net import SuperResolutionNet

    model = SuperResolutionNet(upscale_factor=UPSCALE)
    weights = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy())
               for t in onnx.load(path).graph.initializer}
    model.load_state_dict(weights)
    model.eval()
    return model


def run_onyx_cli(onyx, model_path, x, threads=1):
    """Runs `onyx run` on a float32 NCHW array; returns the output array."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        np.save(os.path.join(tmp, "input.npy"), np.ascontiguousarray(x, dtype=np.float32))
        subprocess.run([onyx, "run", model_path, "-i", "input=" + os.path.join(tmp, "input.npy"),
                        "-o", tmp, "--threads", str(threads)], check=True,
                       stdout=subprocess.DEVNULL)
        return np.load(os.path.join(tmp, "output.npy"))


def tutorial_pipeline(rgb_img, run_model, native_size=False):
    """The tutorial's steps in PIL: resize to 224x224 (bilinear, as torchvision's Resize on a PIL
    image), YCbCr, model on Y/255, Y rounded to uint8, Cb/Cr upscaled bicubically, RGB.
    run_model maps a 1x1xHxW float32 array to the 1x1x3Hx3W output. Returns an RGB image."""
    small = rgb_img if native_size else rgb_img.resize((224, 224), Image.BILINEAR)
    y, cb, cr = small.convert("YCbCr").split()
    out_y = Image.fromarray(output_to_u8(run_model(to_input(y))), mode="L")
    size = out_y.size
    return Image.merge("YCbCr", [out_y, cb.resize(size, Image.BICUBIC),
                                 cr.resize(size, Image.BICUBIC)]).convert("RGB")


def evaluate_photo(name, run_model):
    """PSNR/SSIM on Y of the model and of bicubic for one photo (reduced 3x, restored)."""
    hr, lr = hr_lr_pair(load_y(name))
    out = output_to_u8(run_model(to_input(lr)))
    ref = np.asarray(hr)
    bic = bicubic_upscale(lr, hr.size)
    return {"photo": name, "size": list(hr.size),
            "psnr_model": psnr(ref, out), "psnr_bicubic": psnr(ref, bic),
            "ssim_model": ssim(ref, out), "ssim_bicubic": ssim(ref, bic)}
