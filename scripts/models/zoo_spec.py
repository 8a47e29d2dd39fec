"""What the zoo exporter (zoo_export.py) needs to know about one model.

A ModelSpec builds the PyTorch module (seeded random weights, eval mode) and its reference
inputs; zoo_export.py runs PyTorch on them, exports the module to ONNX and writes the manifest
that tests/models/model_check reads.
"""

import dataclasses
from typing import Callable, Dict, List, Optional

import torch


@dataclasses.dataclass
class ModelSpec:
    build: Callable[[], torch.nn.Module]  # seeded, eval mode
    # Reference cases: each a dict input name -> tensor, in the module's argument order.
    cases: Callable[[], List[Dict[str, torch.Tensor]]]
    input_names: List[str]
    output_names: List[str]
    opset: int = 17
    dynamic_axes: Optional[dict] = None
    atol: float = 1e-5
    rtol: float = 1e-3
    note: Optional[str] = None  # why the tolerance differs from the tutorial's
    # Stateful models: output name -> input name fed from it in the next call.
    carry: Optional[Dict[str, str]] = None
    # Optional check on PyTorch's outputs of one case (e.g. that thresholds and arg-max
    # decisions have a margin, so float rounding cannot flip them); raises when it fails.
    check_margin: Optional[Callable[[Dict[str, torch.Tensor]], None]] = None
    ops_of_interest: List[str] = dataclasses.field(default_factory=list)
    # atol of the float16 variant (vs PyTorch float32, rtol 1e-2) and of the int8 variant (vs
    # PyTorch running the same integer arithmetic, rtol 1e-3); see onnx_variants.py.
    fp16_atol: Optional[float] = None
    qdyn_atol: Optional[float] = None


def seeded(seed):
    """A torch.Generator seeded with `seed`."""
    return torch.Generator().manual_seed(seed)


def require_gap(values, threshold, min_gap, what):
    """Raises unless every value is at least min_gap away from threshold."""
    gap = (values - threshold).abs().min().item() if values.numel() else float("inf")
    if gap < min_gap:
        raise ValueError("%s: a value lies %.2g from %g (need >= %g)" % (what, gap, threshold,
                                                                       min_gap))


def require_argmax_margin(logits, dim, min_gap, what):
    """Raises unless, along `dim`, the best value beats the second best by min_gap."""
    top2 = logits.topk(2, dim=dim).values
    gap = (top2.select(dim, 0) - top2.select(dim, 1)).min().item()
    if gap < min_gap:
        raise ValueError("%s: arg-max margin %.2g < %g" % (what, gap, min_gap))
