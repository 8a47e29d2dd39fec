"""SuperResolutionNet from the PyTorch "super-resolution with ONNX Runtime" tutorial.

Importable by the model generator (super_resolution.py) and by bench/torch_bench.py.
The definition matches the tutorial layer for layer, including weight initialisation,
so a model built after torch.manual_seed(0) is reproducible.
"""

import torch.nn as nn
import torch.nn.init as init


class SuperResolutionNet(nn.Module):
    """Upscales a 1-channel image by `upscale_factor` (output is N x 1 x H*f x W*f)."""

    def __init__(self, upscale_factor, inplace=False):
        super(SuperResolutionNet, self).__init__()

        self.relu = nn.ReLU(inplace=inplace)
        self.conv1 = nn.Conv2d(1, 64, (5, 5), (1, 1), (2, 2))
        self.conv2 = nn.Conv2d(64, 64, (3, 3), (1, 1), (1, 1))
        self.conv3 = nn.Conv2d(64, 32, (3, 3), (1, 1), (1, 1))
        self.conv4 = nn.Conv2d(32, upscale_factor**2, (3, 3), (1, 1), (1, 1))
        self.pixel_shuffle = nn.PixelShuffle(upscale_factor)

        self._initialize_weights()

    def forward(self, x):
        x = self.relu(self.conv1(x))
        x = self.relu(self.conv2(x))
        x = self.relu(self.conv3(x))
        x = self.pixel_shuffle(self.conv4(x))
        return x

    def _initialize_weights(self):
        init.orthogonal_(self.conv1.weight, init.calculate_gain("relu"))
        init.orthogonal_(self.conv2.weight, init.calculate_gain("relu"))
        init.orthogonal_(self.conv3.weight, init.calculate_gain("relu"))
        init.orthogonal_(self.conv4.weight)


# The tutorial instantiates the model with upscale_factor=3.
TUTORIAL_UPSCALE_FACTOR = 3


def build_tutorial_model(seed=0):
    """The tutorial's model (upscale factor 3) with seeded random weights, in eval mode."""
    import torch

    torch.manual_seed(seed)
    model = SuperResolutionNet(upscale_factor=TUTORIAL_UPSCALE_FACTOR)
    model.eval()
    return model
