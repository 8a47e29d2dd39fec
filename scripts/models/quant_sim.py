"""PyTorch reference for the qdyn variant (onnx_variants.quantize_dynamic): the same integer
arithmetic, computed in PyTorch, so the quantized ONNX graph is checked against an exact
reference rather than against float32 with a quantization-error tolerance.

Every nn.Conv2d and nn.Linear runs as the rewritten graph does: activations quantized by
DynamicQuantizeLinear's formulas (float32, round half to even, uint8), weights by
onnx_variants._quantize_weight (int8, symmetric, per tensor), the integer product accumulated
exactly (float64 holds every int32 sum), rounded to float32 as Cast(int32 -> float) does, then
scaled by x_scale * w_scale and the float bias added.
"""

import copy

import numpy as np
import torch

import onnx_variants


def dynamic_quantize(x):
    """DynamicQuantizeLinear (uint8): returns (q as float tensor, scale, zero point)."""
    x_min = torch.clamp(x.min(), max=0.0)
    x_max = torch.clamp(x.max(), min=0.0)
    scale = (x_max - x_min) / 255.0
    zero_point = torch.clamp(torch.round((0.0 - x_min) / scale), 0, 255)
    q = torch.clamp(torch.round(x / scale) + zero_point, 0, 255)
    return q, scale, zero_point


class _QuantizedConv2d(torch.nn.Module):
    def __init__(self, conv):
        super().__init__()
        q, scale = onnx_variants._quantize_weight(conv.weight.detach().numpy())
        self.conv, self.wq, self.w_scale = conv, torch.from_numpy(q.astype(np.float64)), scale

    def forward(self, x):
        c = self.conv
        q, x_scale, zp = dynamic_quantize(x)
        acc = torch.nn.functional.conv2d((q - zp).double(), self.wq, None, c.stride, c.padding,
                                         c.dilation, c.groups).float()
        y = acc * (x_scale * torch.tensor(self.w_scale))
        return y if c.bias is None else y + c.bias.view(1, -1, 1, 1)


class _QuantizedLinear(torch.nn.Module):
    def __init__(self, linear):
        super().__init__()
        # The ONNX weight is weight.T (MatMul) or weight with transB (Gemm): the same values.
        q, scale = onnx_variants._quantize_weight(linear.weight.detach().numpy().T)
        self.linear, self.wq, self.w_scale = linear, torch.from_numpy(q.astype(np.float64)), scale

    def forward(self, x):
        q, x_scale, zp = dynamic_quantize(x)
        acc = torch.matmul((q - zp).double(), self.wq).float()
        y = acc * (x_scale * torch.tensor(self.w_scale))
        return y if self.linear.bias is None else y + self.linear.bias


def fold_batchnorms(module):
    """A copy of `module` with each BatchNorm2d that directly follows a Conv2d in a Sequential
    folded into the conv. The qdyn variant is exported from this copy, so the weights that
    quantize_dynamic quantizes are exactly the ones simulate() quantizes (the exporter's own
    folding rounds differently and would flip some int8 weight codes)."""
    module = copy.deepcopy(module)
    for seq in [m for m in module.modules() if isinstance(m, torch.nn.Sequential)]:
        names = list(seq._modules)
        for a, b in zip(names, names[1:]):
            conv, bn = seq._modules[a], seq._modules[b]
            if type(conv) is torch.nn.Conv2d and type(bn) is torch.nn.BatchNorm2d:
                seq._modules[a] = torch.nn.utils.fusion.fuse_conv_bn_eval(conv, bn)
                seq._modules[b] = torch.nn.Identity()
    return module.eval()


def simulate(model):
    """A copy of `model` whose Conv2d and Linear layers compute as the qdyn graph does."""
    model = copy.deepcopy(model)
    for parent in list(model.modules()):
        for name, child in list(parent.named_children()):
            if type(child) is torch.nn.Conv2d:
                setattr(parent, name, _QuantizedConv2d(child))
            elif type(child) is torch.nn.Linear:
                setattr(parent, name, _QuantizedLinear(child))
    return model.eval()
