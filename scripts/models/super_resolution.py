#!/usr/bin/python3
"""Exports the tutorial's SuperResolutionNet to <out>/super_resolution.onnx with reference cases.

Usage: /usr/bin/python3 scripts/models/super_resolution.py --out DIR

The export call uses exactly the arguments of the PyTorch "super-resolution with ONNX
Runtime" tutorial (opset 10, constant folding, names input/output, dynamic batch axis).
Weights are random (torch.manual_seed(0)) because the tutorial's pretrained weights are
not reachable here. Reference cases, float32 NCHW:
  super_resolution_input_b1.npy (1,1,224,224) -> super_resolution_output_b1.npy (1,1,672,672)
  super_resolution_input_b3.npy (3,1,224,224) -> super_resolution_output_b3.npy (3,1,672,672)
The b1 input is the exact tensor passed to torch.onnx.export.
"""

import os
import sys
import time

import torch
import torch.onnx

import export_common
from super_resolution_net import build_tutorial_model

MODEL_SEED = 0  # torch.manual_seed before building the model (weights)
INPUT_SEED = 1  # generator seed for the reference inputs
OPSET = 10


def main():
    args = export_common.parse_out_dir(__doc__.splitlines()[1])
    start = time.time()

    torch_model = build_tutorial_model(seed=MODEL_SEED)

    gen = torch.Generator().manual_seed(INPUT_SEED)
    batch_size = 1
    x = torch.randn(batch_size, 1, 224, 224, generator=gen, requires_grad=True)
    x3 = torch.randn(3, 1, 224, 224, generator=gen)

    with torch.no_grad():
        torch_out = torch_model(x)
        torch_out3 = torch_model(x3)

    model_path = os.path.join(args.out, "super_resolution.onnx")
    # Tutorial export call, argument for argument.
    torch.onnx.export(
        torch_model,  # model being run
        x,  # model input (or a tuple for multiple inputs)
        model_path,  # where to save the model (can be a file or file-like object)
        export_params=True,  # store the trained parameter weights inside the model file
        opset_version=OPSET,  # the ONNX version to export the model to
        do_constant_folding=True,  # whether to execute constant folding for optimization
        input_names=["input"],  # the model's input names
        output_names=["output"],  # the model's output names
        dynamic_axes={
            "input": {0: "batch_size"},  # variable length axes
            "output": {0: "batch_size"},
        },
    )

    onnx_model = export_common.check_onnx(model_path)

    cases = [
        export_common.save_case(
            args.out, "super_resolution", "b1", x.detach().numpy(), torch_out.detach().numpy()
        ),
        export_common.save_case(
            args.out, "super_resolution", "b3", x3.numpy(), torch_out3.detach().numpy()
        ),
    ]
    manifest = export_common.write_manifest(
        args.out, "super_resolution", "super_resolution.onnx", OPSET, "input", "output", cases
    )

    print("wrote %s (%s)" % (model_path, export_common.describe_onnx(onnx_model)))
    print("wrote %s (%d reference cases) in %.1f s" % (manifest, len(cases), time.time() - start))
    return 0


if __name__ == "__main__":
    sys.exit(main())
