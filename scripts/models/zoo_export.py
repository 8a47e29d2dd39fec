#!/usr/bin/python3
"""Exports one model of the zoo (zoo_transformers.py, zoo_vision.py, zoo_sequence.py) to
<out>/<name>[_<variant>].onnx with PyTorch's outputs for its reference cases, and a manifest
for tests/models/model_check.

Usage: /usr/bin/python3 scripts/models/zoo_export.py --model NAME [--variant V] [--out DIR]
       /usr/bin/python3 scripts/models/zoo_export.py --list
  V: fp32 (default) the exported graph; fp16: the same graph stored as float16 (onnx_variants.py);
     qdyn: weights quantized to int8 with DynamicQuantizeLinear + MatMulInteger/ConvInteger.

Weights are seeded (no download); the reference is PyTorch's float32 output (for qdyn: PyTorch
running the same integer arithmetic, quant_sim.py).
"""

import os
import sys
import time

import torch

import export_common
import onnx_variants
import quant_sim
import zoo_sequence
import zoo_transformers
import zoo_vision

SPECS = {**zoo_transformers.SPECS, **zoo_vision.SPECS, **zoo_sequence.SPECS}


def add_args(parser):
    parser.add_argument("--model", choices=sorted(SPECS))
    parser.add_argument("--variant", default="fp32", choices=onnx_variants.VARIANTS)
    parser.add_argument("--list", action="store_true", help="print the model names and exit")


def run_torch(model, spec, case):
    with torch.no_grad():
        out = model(*[case[n] for n in spec.input_names])
    out = out if isinstance(out, (tuple, list)) else (out,)
    return {n: o.numpy() for n, o in zip(spec.output_names, out)}


def main():
    args = export_common.parse_out_dir(__doc__.splitlines()[1], add_args)
    if args.list:
        print("\n".join(sorted(SPECS)))
        return 0
    if not args.model:
        raise SystemExit("--model is required")
    start = time.time()
    spec = SPECS[args.model]
    model = spec.build()
    if args.variant == "qdyn":
        model = quant_sim.fold_batchnorms(model)
    cases = spec.cases()
    if spec.check_margin:
        for case in cases:
            spec.check_margin(case)

    stem = args.model if args.variant == "fp32" else "%s_%s" % (args.model, args.variant)
    # A variant exports its float32 source next to it under its own name (ctest runs the
    # generators in parallel: never write another generator's file).
    fp32_path = os.path.join(args.out, stem + (".onnx" if args.variant == "fp32" else ".fp32.onnx"))
    example = tuple(cases[0][n] for n in spec.input_names)
    torch.onnx.export(model, example, fp32_path, export_params=True, opset_version=spec.opset,
                      do_constant_folding=True, input_names=spec.input_names,
                      output_names=spec.output_names, dynamic_axes=spec.dynamic_axes)
    onnx_model = export_common.check_onnx(fp32_path)
    rtol, atol, note = spec.rtol, spec.atol, spec.note
    if args.variant != "fp32":
        onnx_model, rtol, atol, note = onnx_variants.make(args.variant, onnx_model, spec)
        export_common.save_onnx_checked(onnx_model, os.path.join(args.out, stem + ".onnx"))

    reference = quant_sim.simulate(model) if args.variant == "qdyn" else model
    saved = []
    for i, case in enumerate(cases):
        outputs = run_torch(reference, spec, case)
        inputs = {n: case[n].numpy() for n in spec.input_names}
        saved.append(export_common.save_named_case(args.out, stem, "c%d" % i, inputs, outputs))
    manifest = export_common.write_named_manifest(args.out, stem, stem + ".onnx", spec.opset,
                                                  saved, rtol=rtol, atol=atol, carry=spec.carry,
                                                  note=note)
    print("wrote %s (%s)" % (stem + ".onnx", export_common.describe_onnx(onnx_model)))
    print("wrote %s (%d cases) in %.1f s" % (manifest, len(saved), time.time() - start))
    return 0


if __name__ == "__main__":
    sys.exit(main())
