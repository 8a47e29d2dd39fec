#!/usr/bin/env node
'use strict';
// Checks generated reference cases against onnxruntime-node: runs each case of a manifest
// written by scripts/models/*.py and compares ORT's output with PyTorch's saved output
// elementwise, |ort - torch| <= atol + rtol * |torch| (rtol, atol from the manifest).
//
// Usage: node bench/ort_check.js MANIFEST.json [MANIFEST.json ...]
// Prints one line per case; exit status 1 if any case fails.

const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');
const {readNpyFloat32} = require('./npy');

async function checkManifest(manifestPath) {
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  const dir = path.dirname(manifestPath);
  const session = await ort.InferenceSession.create(path.join(dir, manifest.model), {
    executionProviders: ['cpu'],
    intraOpNumThreads: 1,
  });
  let allOk = true;
  for (const c of manifest.cases) {
    const input = readNpyFloat32(path.join(dir, c.input));
    const expected = readNpyFloat32(path.join(dir, c.output));
    const feeds = {[manifest.input_name]: new ort.Tensor('float32', input.data, input.shape)};
    const got = (await session.run(feeds))[manifest.output_name];
    let ok = JSON.stringify(got.dims) === JSON.stringify(expected.shape);
    let maxAbs = 0;
    let violations = 0;
    if (ok) {
      for (let i = 0; i < expected.data.length; i++) {
        const diff = Math.abs(got.data[i] - expected.data[i]);
        if (!(diff <= manifest.atol + manifest.rtol * Math.abs(expected.data[i]))) violations++;
        if (diff > maxAbs || Number.isNaN(diff)) maxAbs = diff;
      }
      ok = violations === 0;
    }
    allOk = allOk && ok;
    console.log(
        `${ok ? 'OK  ' : 'FAIL'} ${manifest.model} ${c.input}: shape ` +
        `[${got.dims}] vs [${expected.shape}], max |diff| ${maxAbs.toExponential(2)}, ` +
        `${violations} outside tolerance`);
  }
  await session.release();
  return allOk;
}

async function main() {
  const manifests = process.argv.slice(2);
  if (manifests.length === 0) {
    console.error('usage: node bench/ort_check.js MANIFEST.json [MANIFEST.json ...]');
    process.exit(2);
  }
  let allOk = true;
  for (const m of manifests) allOk = (await checkManifest(m)) && allOk;
  process.exit(allOk ? 0 : 1);
}

main().catch((err) => {
  console.error(`ort_check: ${err && err.message ? err.message : err}`);
  process.exit(1);
});
