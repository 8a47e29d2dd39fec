"""The PyTorch tutorial "Exporting a model from PyTorch to ONNX and running it using ONNX Runtime"
(super-resolution), with `import onnxruntime` changed to `import onyx as onnxruntime`.

Differences from the tutorial, forced by the offline machine: the pretrained weights cannot be
downloaded (the model keeps its seeded random initialization), and the cat photo is skimage's
chelsea.png instead of the downloaded cat.jpg. Everything else is the tutorial's code.
"""

import os

import numpy as np
import pytest
import torch
import torch.nn as nn
import torch.nn.init as init
import torch.onnx

CAT = "/usr/lib/python3/dist-packages/skimage/data/chelsea.png"


# Super Resolution model definition in PyTorch (as in the tutorial).
class SuperResolutionNet(nn.Module):
    def __init__(self, upscale_factor, inplace=False):
        super(SuperResolutionNet, self).__init__()

        self.relu = nn.ReLU(inplace=inplace)
        self.conv1 = nn.Conv2d(1, 64, (5, 5), (1, 1), (2, 2))
        self.conv2 = nn.Conv2d(64, 64, (3, 3), (1, 1), (1, 1))
        self.conv3 = nn.Conv2d(64, 32, (3, 3), (1, 1), (1, 1))
        self.conv4 = nn.Conv2d(32, upscale_factor ** 2, (3, 3), (1, 1), (1, 1))
        self.pixel_shuffle = nn.PixelShuffle(upscale_factor)

        self._initialize_weights()

    def forward(self, x):
        x = self.relu(self.conv1(x))
        x = self.relu(self.conv2(x))
        x = self.relu(self.conv3(x))
        x = self.pixel_shuffle(self.conv4(x))
        return x

    def _initialize_weights(self):
        init.orthogonal_(self.conv1.weight, init.calculate_gain('relu'))
        init.orthogonal_(self.conv2.weight, init.calculate_gain('relu'))
        init.orthogonal_(self.conv3.weight, init.calculate_gain('relu'))
        init.orthogonal_(self.conv4.weight)


def to_numpy(tensor):
    return tensor.detach().cpu().numpy() if tensor.requires_grad else tensor.cpu().numpy()


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The tutorial's model, exported with the tutorial's exact torch.onnx.export arguments."""
    previous_dir = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("tutorial"))
    torch.manual_seed(0)
    # Create the super-resolution model by using the above model definition.
    torch_model = SuperResolutionNet(upscale_factor=3)
    batch_size = 1    # just a random number
    # set the model to inference mode
    torch_model.eval()

    # Input to the model
    x = torch.randn(batch_size, 1, 224, 224, requires_grad=True)
    torch_out = torch_model(x)

    # Export the model
    torch.onnx.export(torch_model,               # model being run
                      x,                         # model input (or a tuple for multiple inputs)
                      "super_resolution.onnx",   # where to save the model (can be a file or file-like object)
                      export_params=True,        # store the trained parameter weights inside the model file
                      opset_version=10,          # the ONNX version to export the model to
                      do_constant_folding=True,  # whether to execute constant folding for optimization
                      input_names = ['input'],   # the model's input names
                      output_names = ['output'], # the model's output names
                      dynamic_axes={'input' : {0 : 'batch_size'},    # variable length axes
                                    'output' : {0 : 'batch_size'}})
    yield torch_model, x, torch_out
    os.chdir(previous_dir)


def test_tutorial_export_check_and_run(exported):
    torch_model, x, torch_out = exported
    import onnx
    import onyx

    onnx_model = onnx.load("super_resolution.onnx")
    onnx.checker.check_model(onnx_model)
    onyx.checker.check_model(onnx_model)
    onyx.checker.check_model("super_resolution.onnx", full_check=True)

    import onyx as onnxruntime

    ort_session = onnxruntime.InferenceSession("super_resolution.onnx", providers=["CPUExecutionProvider"])

    # compute ONNX Runtime output prediction
    ort_inputs = {ort_session.get_inputs()[0].name: to_numpy(x)}
    ort_outs = ort_session.run(None, ort_inputs)

    # compare ONNX Runtime and PyTorch results
    np.testing.assert_allclose(to_numpy(torch_out), ort_outs[0], rtol=1e-03, atol=1e-05)

    assert str(ort_session.get_inputs()[0]) == \
        "NodeArg(name='input', type='tensor(float)', shape=['batch_size', 1, 224, 224])"
    # torch 1.13 names the output's other dims after its Reshape node.
    assert ort_session.get_outputs()[0].shape[0] == "batch_size"
    assert ort_session.get_modelmeta().producer_name == "pytorch"


def test_tutorial_image_part(exported, tmp_path):
    torch_model, _, _ = exported
    from PIL import Image
    import torchvision.transforms as transforms
    import onyx as onnxruntime

    ort_session = onnxruntime.InferenceSession("super_resolution.onnx", providers=["CPUExecutionProvider"])

    img = Image.open(CAT)

    resize = transforms.Resize([224, 224])
    img = resize(img)

    img_ycbcr = img.convert('YCbCr')
    img_y, img_cb, img_cr = img_ycbcr.split()

    to_tensor = transforms.ToTensor()
    img_y = to_tensor(img_y)
    img_y.unsqueeze_(0)

    ort_inputs = {ort_session.get_inputs()[0].name: to_numpy(img_y)}
    ort_outs = ort_session.run(None, ort_inputs)
    img_out_y = ort_outs[0]

    # onyx on a natural image agrees with PyTorch as on random input.
    with torch.no_grad():
        np.testing.assert_allclose(to_numpy(torch_model(img_y)), img_out_y, rtol=1e-03, atol=1e-05)

    img_out_y = Image.fromarray(np.uint8((img_out_y[0] * 255.0).clip(0, 255)[0]), mode='L')

    # get the output image follow post-processing step from PyTorch implementation
    final_img = Image.merge(
        "YCbCr", [
            img_out_y,
            img_cb.resize(img_out_y.size, Image.BICUBIC),
            img_cr.resize(img_out_y.size, Image.BICUBIC),
        ]).convert("RGB")

    # Save the image, we will compare this with the output image from mobile device
    out_path = tmp_path / "cat_superres_with_ort.jpg"
    final_img.save(out_path)

    saved = Image.open(out_path)
    assert saved.size == (672, 672) and saved.mode == "RGB"
    # The chroma planes carry the photo: the saved picture is not flat.
    assert np.asarray(saved, dtype=np.float32).std() > 5.0
