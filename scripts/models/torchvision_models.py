"""The torchvision image classifiers the generators and benchmarks use, by name.

Every model is built with random weights (weights=None: nothing is downloaded) after
torch.manual_seed(seed), and put in eval mode (BatchNorm uses running statistics,
Dropout is off), so the exported graph is the inference graph.

Freshly initialised BatchNorm layers are identities (gamma 1, beta 0, mean 0, var 1). That
is a poor test: a runtime that drops or mis-folds BatchNorm still matches, and in
mobilenet_v2 activations shrink ~10x per block so the logits end near 1e-9, where any
answer passes atol 1e-5. So by default BatchNorm layers are made trained-like: gamma and
beta are drawn at random (seeded), then the running statistics are set to the batch
statistics of a seeded random calibration batch. Activations then stay O(1) through the
network, and folding BatchNorm is a non-trivial transform.
"""

import torch
import torchvision

# name -> (constructor, ONNX opset used for export, atol for comparing with PyTorch).
# rtol is 1e-3 for all. resnet50's 53 convolutions make float32 results depend on summation
# order by up to ~4e-5 (onnxruntime vs PyTorch, logits of scale ~1), so its atol is 1e-4.
MODELS = {
    "resnet18": (torchvision.models.resnet18, 17, 1e-5),
    "resnet50": (torchvision.models.resnet50, 17, 1e-4),
    "mobilenet_v2": (torchvision.models.mobilenet_v2, 13, 1e-5),
    "squeezenet1_1": (torchvision.models.squeezenet1_1, 13, 1e-5),
    # Used by the zoo (zoo_vision.py), not by torchvision_export.py's own tests.
    "efficientnet_b0": (torchvision.models.efficientnet_b0, 13, 1e-4),
    "shufflenet_v2_x1_0": (torchvision.models.shufflenet_v2_x1_0, 13, 1e-4),
}

INPUT_SHAPE = (1, 3, 224, 224)  # NCHW, float32

CALIBRATION_BATCH = 4  # images in the batch that sets BatchNorm running statistics


def _make_batchnorm_trained_like(model, seed):
    """Randomises BatchNorm affine parameters and sets running stats from a calibration batch."""
    gen = torch.Generator().manual_seed(seed)
    batchnorms = [m for m in model.modules() if isinstance(m, torch.nn.BatchNorm2d)]
    if not batchnorms:
        return
    with torch.no_grad():
        for bn in batchnorms:
            n = bn.num_features
            bn.weight.copy_(torch.rand(n, generator=gen) + 0.5)  # gamma in [0.5, 1.5)
            bn.bias.copy_(0.2 * torch.randn(n, generator=gen))  # beta ~ N(0, 0.2^2)
            bn.reset_running_stats()
            bn.momentum = None  # cumulative average: one batch -> its exact statistics
        calibration = torch.randn(CALIBRATION_BATCH, *INPUT_SHAPE[1:], generator=gen)
        model.train()
        model(calibration)
    model.eval()


def build(name, seed=0, trained_like_batchnorm=True):
    """Returns the named model with seeded random weights, in eval mode."""
    if name not in MODELS:
        raise ValueError("unknown model %r; known: %s" % (name, ", ".join(sorted(MODELS))))
    constructor = MODELS[name][0]
    torch.manual_seed(seed)
    model = constructor(weights=None)
    if trained_like_batchnorm:
        _make_batchnorm_trained_like(model, seed + 1)
    model.eval()
    return model


def opset_for(name):
    return MODELS[name][1]


def atol_for(name):
    return MODELS[name][2]
