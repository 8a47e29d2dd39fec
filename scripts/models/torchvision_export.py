#!/usr/bin/python3
"""Exports a torchvision classifier (random weights) to <out>/<model>.onnx with a reference case.

Usage: /usr/bin/python3 scripts/models/torchvision_export.py [--model NAME] [--out DIR]
  NAME: resnet18 (default, opset 17), resnet50 (opset 17), mobilenet_v2 (opset 13),
        squeezenet1_1 (opset 13)

The model is built with torch.manual_seed(0) and weights=None (no download), BatchNorm made
trained-like (see torchvision_models.py; --plain-batchnorm keeps torchvision's identity init),
in eval mode, and exported with input 'input', output 'output' and a dynamic batch axis.
Reference case, float32: <model>_input_b1.npy (1,3,224,224) -> <model>_output_b1.npy (1,1000).
"""

import os
import sys
import time

import torch
import torch.onnx

import export_common
import torchvision_models

MODEL_SEED = 0  # torch.manual_seed before building the model (weights)
INPUT_SEED = 1  # generator seed for the reference input


def add_model_arg(parser):
    parser.add_argument(
        "--model",
        default="resnet18",
        choices=sorted(torchvision_models.MODELS),
        help="torchvision model to export (default resnet18)",
    )
    parser.add_argument(
        "--plain-batchnorm",
        action="store_true",
        help="keep torchvision's BatchNorm init (identity; mobilenet_v2 logits end near 1e-9)",
    )


def main():
    args = export_common.parse_out_dir(__doc__.splitlines()[1], add_model_arg)
    start = time.time()
    name = args.model
    opset = torchvision_models.opset_for(name)

    model = torchvision_models.build(
        name, seed=MODEL_SEED, trained_like_batchnorm=not args.plain_batchnorm
    )
    gen = torch.Generator().manual_seed(INPUT_SEED)
    x = torch.randn(*torchvision_models.INPUT_SHAPE, generator=gen)
    with torch.no_grad():
        torch_out = model(x)

    model_file = name + ".onnx"
    model_path = os.path.join(args.out, model_file)
    torch.onnx.export(
        model,
        x,
        model_path,
        export_params=True,
        opset_version=opset,
        do_constant_folding=True,
        input_names=["input"],
        output_names=["output"],
        dynamic_axes={"input": {0: "batch_size"}, "output": {0: "batch_size"}},
    )

    onnx_model = export_common.check_onnx(model_path)
    cases = [export_common.save_case(args.out, name, "b1", x.numpy(), torch_out.numpy())]
    manifest = export_common.write_manifest(
        args.out,
        name,
        model_file,
        opset,
        "input",
        "output",
        cases,
        atol=torchvision_models.atol_for(name),
    )

    print("wrote %s (%s)" % (model_path, export_common.describe_onnx(onnx_model)))
    print("wrote %s (%d reference case) in %.1f s" % (manifest, len(cases), time.time() - start))
    return 0


if __name__ == "__main__":
    sys.exit(main())
