"""The benchmark's model set (bench/run_all.py, issue 8), by name: how to build each PyTorch
module and what to feed it.

Every model has seeded random weights (torchvision weights=None: nothing is downloaded) and is in
eval mode. The transformers are sized as the benchmark specifies:
  bert: BERT-base encoder body, 12 post-norm layers, d 768, 12 heads, FFN 3072, erf GELU; it takes
        the embedded sequence [batch, 128, 768] (float) and applies no padding mask.
  gpt:  GPT-style decoder, 6 pre-norm blocks, d 512, 8 heads, FFN 2048, vocab 16000, causal mask
        built in the graph; input_ids [batch, 128] (int64) -> logits [batch, 128, 16000].
The blocks are zoo_transformers.Block, shared with the model zoo's smaller versions.
"""

import collections

import numpy as np
import torch

import torchvision_models
import zoo_transformers
from super_resolution_net import build_tutorial_model

SEED = 0  # torch.manual_seed before building every model
INPUT_SEED = 42  # numpy generator seed of the fixed benchmark inputs

# name, ONNX element type name ("float", "int64"), shape (batch first), value range [low, high)
InputSpec = collections.namedtuple("InputSpec", "name dtype shape low high")


class BertBaseEncoder(torch.nn.Module):
    """12 post-norm encoder layers over an embedded sequence (no embeddings, no mask)."""

    def __init__(self, hidden=768, heads=12, layers=12):
        super().__init__()
        self.blocks = torch.nn.ModuleList(
            zoo_transformers.Block(hidden, heads, pre_norm=False) for _ in range(layers))

    def forward(self, x):
        no_mask = torch.zeros((), dtype=x.dtype)
        for block in self.blocks:
            x = block(x, no_mask)
        return x


def _seeded(make):
    def build():
        torch.manual_seed(SEED)
        return make().eval()

    return build


def _torchvision(name):
    return lambda: torchvision_models.build(name, seed=SEED)


IMAGE = [InputSpec("input", "float", (1, 3, 224, 224), -1.0, 1.0)]

# name -> (build function, inputs, output names)
MODELS = {
    "superres": (lambda: build_tutorial_model(seed=SEED),
                 [InputSpec("input", "float", (1, 1, 224, 224), 0.0, 1.0)], ["output"]),
    "resnet50": (_torchvision("resnet50"), IMAGE, ["output"]),
    "mobilenet_v2": (_torchvision("mobilenet_v2"), IMAGE, ["output"]),
    "squeezenet1_1": (_torchvision("squeezenet1_1"), IMAGE, ["output"]),
    "efficientnet_b0": (_torchvision("efficientnet_b0"), IMAGE, ["output"]),
    "shufflenet_v2_x1_0": (_torchvision("shufflenet_v2_x1_0"), IMAGE, ["output"]),
    "vit_b_16": (zoo_transformers.SPECS["vit_b_16"].build, IMAGE, ["output"]),
    "bert": (_seeded(BertBaseEncoder),
             [InputSpec("input", "float", (1, 128, 768), -1.0, 1.0)], ["output"]),
    "gpt": (_seeded(lambda: zoo_transformers.GptDecoder(vocab=16000, hidden=512, heads=8,
                                                        layers=6, max_len=128)),
            [InputSpec("input_ids", "int64", (1, 128), 0, 16000)], ["output"]),
}

NUMPY_TYPES = {"float": np.float32, "int64": np.int64}


def build(name):
    """The named PyTorch module, seeded, in eval mode."""
    if name not in MODELS:
        raise ValueError("unknown bench model %r; known: %s" % (name, ", ".join(MODELS)))
    return MODELS[name][0]()


def inputs(name):
    """The fixed benchmark inputs of the named model: list of (InputSpec, numpy array)."""
    rng = np.random.default_rng(INPUT_SEED)
    arrays = []
    for spec in MODELS[name][1]:
        if spec.dtype == "int64":
            a = rng.integers(spec.low, spec.high, size=spec.shape, dtype=np.int64)
        else:
            a = rng.uniform(spec.low, spec.high, size=spec.shape).astype(np.float32)
        arrays.append((spec, a))
    return arrays
