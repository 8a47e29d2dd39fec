"""Vision models for the zoo beyond the torchvision classifiers of torchvision_models.py:
efficientnet_b0 (SiLU, squeeze-excite), shufflenet_v2 (channel shuffle, Split), a detector with
post-processing in the graph (TopK, NonZero, Gather, NonMaxSuppression), a segmentation net (ConvTranspose,
Resize) and a U-Net at 1024x1024.
"""

import torch
import torchvision

import torchvision_models
from zoo_spec import ModelSpec, require_argmax_margin, require_gap, seeded


def _torchvision(name):
    def build():
        return torchvision_models.build(name, seed=0)

    return build


def _image(seed, shape=(1, 3, 224, 224)):
    return lambda: [{"input": torch.randn(*shape, generator=seeded(seed))}]


def conv_bn_relu(cin, cout, stride=1):
    return torch.nn.Sequential(torch.nn.Conv2d(cin, cout, 3, stride, 1, bias=False),
                               torch.nn.BatchNorm2d(cout), torch.nn.ReLU())


def _trained_like(module, seed):
    """BatchNorm statistics from a seeded calibration batch (see torchvision_models.py)."""
    gen = seeded(seed)
    with torch.no_grad():
        for bn in (m for m in module.modules() if isinstance(m, torch.nn.BatchNorm2d)):
            bn.weight.copy_(torch.rand(bn.num_features, generator=gen) + 0.5)
            bn.bias.copy_(0.2 * torch.randn(bn.num_features, generator=gen))
            bn.reset_running_stats()
            bn.momentum = None
    return module


class Detector(torch.nn.Module):
    """A one-anchor-per-cell detector: conv backbone -> class scores and boxes per cell, then
    post-processing in the graph: best class per cell, top-k, score threshold (NonZero), NMS."""

    def __init__(self, classes=3, score_threshold=0.75, top_k=48, iou_threshold=0.3):
        super().__init__()
        # Features end normalized (BatchNorm, no ReLU) so that class scores vary across cells
        # and classes; the thresholds are chosen so that each post-processing step (top-k,
        # score threshold, NMS) removes boxes on the reference image.
        self.backbone = torch.nn.Sequential(conv_bn_relu(3, 16, 2), conv_bn_relu(16, 32, 2),
                                            conv_bn_relu(32, 32, 2), torch.nn.BatchNorm2d(32))
        self.cls = torch.nn.Conv2d(32, classes, 1)
        torch.nn.init.normal_(self.cls.weight, std=0.1)
        self.box = torch.nn.Conv2d(32, 4, 1)
        self.score_threshold, self.top_k, self.iou_threshold = score_threshold, top_k, iou_threshold

    def raw(self, x):
        f = self.backbone(x)
        scores = torch.sigmoid(self.cls(f)).flatten(2).squeeze(0).t()  # [cells, classes]
        n, h, w = f.shape[0], f.shape[2], f.shape[3]
        ys = torch.arange(h, dtype=torch.float32).repeat_interleave(w)
        xs = torch.arange(w, dtype=torch.float32).repeat(h)
        d = self.box(f).flatten(2).squeeze(0).t()  # [cells, 4] offsets
        cx, cy = xs + torch.tanh(d[:, 0]), ys + torch.tanh(d[:, 1])
        half_w, half_h = torch.exp(d[:, 2].clamp(max=2.0)), torch.exp(d[:, 3].clamp(max=2.0))
        boxes = torch.stack([cx - half_w, cy - half_h, cx + half_w, cy + half_h], dim=1) * 8.0
        return scores, boxes

    def forward(self, x):
        scores, boxes = self.raw(x)
        best, labels = scores.max(dim=1)
        best, order = best.topk(self.top_k)
        labels, boxes = labels[order], boxes[order]
        keep = torch.nonzero(best > self.score_threshold).squeeze(1)
        best, labels, boxes = best[keep], labels[keep], boxes[keep]
        kept = torchvision.ops.nms(boxes, best, self.iou_threshold)
        return boxes[kept], best[kept], labels[kept]


def _detector_build():
    torch.manual_seed(0)
    model = _trained_like(Detector(), 1)
    model.train()
    with torch.no_grad():
        model.backbone(torch.randn(4, 3, 128, 128, generator=seeded(2)))
    return model.eval()


def _detector_margin(spec_inputs):
    model = _detector_build()
    with torch.no_grad():
        scores, boxes = model.raw(spec_inputs["input"])
    best = scores.max(dim=1).values
    require_gap(best, model.score_threshold, 1e-3, "detector score threshold")
    require_argmax_margin(scores, 1, 1e-4, "detector class choice")
    ranked = best.sort(descending=True).values[: model.top_k + 1]
    if (ranked[:-1] - ranked[1:]).min() < 1e-5:
        raise ValueError("detector: tied scores make the top-k choice or order ambiguous")


class SegNet(torch.nn.Module):
    """Encoder (stride 8) -> ConvTranspose x2 -> bilinear Resize x4 -> per-pixel class logits."""

    def __init__(self, classes=5):
        super().__init__()
        self.encoder = torch.nn.Sequential(conv_bn_relu(3, 16, 2), conv_bn_relu(16, 32, 2),
                                           conv_bn_relu(32, 64, 2))
        self.up = torch.nn.ConvTranspose2d(64, 32, 4, stride=2, padding=1)
        self.head = torch.nn.Conv2d(32, classes, 1)

    def forward(self, x):
        y = self.head(torch.relu(self.up(self.encoder(x))))
        return torch.nn.functional.interpolate(y, scale_factor=4.0, mode="bilinear",
                                               align_corners=False)


class UNet(torch.nn.Module):
    """A 4-level U-Net: MaxPool down, ConvTranspose up, skip Concat."""

    def __init__(self, base=8, classes=2):
        super().__init__()
        chans = [base, base * 2, base * 4, base * 8]
        self.down = torch.nn.ModuleList()
        cin = 3
        for c in chans:
            self.down.append(torch.nn.Sequential(conv_bn_relu(cin, c), conv_bn_relu(c, c)))
            cin = c
        self.ups, self.merge = torch.nn.ModuleList(), torch.nn.ModuleList()
        for c_hi, c_lo in zip(chans[:0:-1], chans[-2::-1]):
            self.ups.append(torch.nn.ConvTranspose2d(c_hi, c_lo, 2, stride=2))
            self.merge.append(torch.nn.Sequential(conv_bn_relu(2 * c_lo, c_lo),
                                                  conv_bn_relu(c_lo, c_lo)))
        self.head = torch.nn.Conv2d(base, classes, 1)

    def forward(self, x):
        skips = []
        for i, block in enumerate(self.down):
            x = block(x if i == 0 else torch.nn.functional.max_pool2d(x, 2))
            skips.append(x)
        for up, merge, skip in zip(self.ups, self.merge, skips[-2::-1]):
            x = merge(torch.cat([up(x), skip], dim=1))
        return self.head(x)


def _seg_build(module_type):
    def build():
        torch.manual_seed(0)
        module = _trained_like(module_type(), 1)
        calibration = torch.randn(2, 3, 128, 128, generator=seeded(2))
        module.train()
        with torch.no_grad():
            module(calibration)
        return module.eval()

    return build


SPECS = {
    "efficientnet_b0": ModelSpec(
        build=_torchvision("efficientnet_b0"), cases=_image(21), input_names=["input"],
        output_names=["logits"], opset=13, fp16_atol=5e-2,
        # SiLU between quantized convs: a ~1e-7 difference in a sigmoid can move an activation
        # across a uint8 rounding boundary, which moves logits by up to ~1.5e-2.
        qdyn_atol=3e-2, ops_of_interest=["Sigmoid", "Mul", "GlobalAveragePool"]),
    "shufflenet_v2": ModelSpec(
        build=_torchvision("shufflenet_v2_x1_0"), cases=_image(22), input_names=["input"],
        output_names=["logits"], opset=13, fp16_atol=5e-2, qdyn_atol=1e-5,
        ops_of_interest=["Split", "Transpose", "Reshape", "Concat"]),
    "detector": ModelSpec(
        build=_detector_build, cases=_image(23, (1, 3, 128, 128)), input_names=["input"],
        output_names=["boxes", "scores", "labels"], opset=17, atol=1e-4,
        check_margin=_detector_margin,
        note="box coordinates are in pixels (scale ~100)",
        ops_of_interest=["NonZero", "TopK", "Gather", "NonMaxSuppression"]),
    "segnet": ModelSpec(
        build=_seg_build(SegNet), cases=_image(24, (1, 3, 128, 128)), input_names=["input"],
        output_names=["logits"], opset=17, fp16_atol=5e-2, qdyn_atol=1e-5,
        ops_of_interest=["ConvTranspose", "Resize"]),
    "unet_1024": ModelSpec(
        build=_seg_build(UNet), cases=_image(25, (1, 3, 1024, 1024)), input_names=["input"],
        output_names=["logits"], opset=17, atol=1e-4, note="17 conv layers at up to 1024x1024",
        ops_of_interest=["MaxPool", "ConvTranspose", "Concat"]),
}
