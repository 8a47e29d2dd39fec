#!/usr/bin/env node
'use strict';
// Latency benchmark of one model on onnxruntime-node (CPU execution provider).
//
// Usage: node bench/ort_bench.js MODEL INPUT_NAME SHAPE THREADS [WARMUP] [RUNS]
//        node bench/ort_bench.js --manifest MANIFEST.json THREADS [WARMUP] [RUNS]
//   SHAPE: dims joined by 'x', e.g. 1x1x224x224 (float32 input)
//   MANIFEST: written by scripts/models/bench_export.py; its .npy inputs are fed (float32 or
//             int64) and the first run's outputs are compared with its PyTorch outputs
//             (|ort - torch| <= atol + rtol |torch|), reported as "check"
//   THREADS: intraOpNumThreads (interOpNumThreads is 1, sequential execution,
//            graphOptimizationLevel 'all')
//   WARMUP, RUNS: untimed and timed session.run calls (defaults 10 and 50); the first warm-up
//            run is timed on its own as first_run_ms
// Prints one JSON line: {runtime, model, threads, shape, session_create_ms, first_run_ms,
// min_ms, median_ms, mean_ms, max_ms, runs, ort_version[, check]}; times in milliseconds, wall
// clock. Without a manifest the input is a fixed pseudo-random tensor (uniform [-1, 1), seed
// 42), the same every run.
//
// Setup (once): cd bench && npm install --ignore-scripts

const path = require('path');
const ort = require('onnxruntime-node');
const {readNpy} = require('./npy');

function usage(message) {
  if (message) console.error(`ort_bench: ${message}`);
  console.error('usage: node bench/ort_bench.js MODEL INPUT_NAME SHAPE THREADS [WARMUP] [RUNS]');
  process.exit(2);
}

function parsePositiveInt(text, what, allowZero) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) usage(`bad ${what}: '${text}'`);
  return value;
}

function parseShape(text) {
  const dims = text.split('x').map((d) => parsePositiveInt(d, 'shape dimension', false));
  if (dims.length === 0) usage(`bad shape: '${text}'`);
  return dims;
}

// Deterministic uniform [-1, 1) values (mulberry32), so every runtime sees the same input.
function fixedRandom(count, seed) {
  const out = new Float32Array(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    out[i] = 2 * u - 1;
  }
  return out;
}

function median(sorted) {
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
}

// Peak resident set of this process image in MiB (VmHWM; ru_maxrss would include what the
// parent held when it forked this process), or null off Linux.
function peakRssMib() {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'));
    return m ? Math.round(Number(m[1]) / 102.4) / 10 : null;
  } catch (e) {
    return null;
  }
}

function nowMs() { return Number(process.hrtime.bigint()) / 1e6; }

// Worst element of `got` against `expected` under |got - expected| <= atol + rtol |expected|.
function compare(got, expected, rtol, atol) {
  const sameShape = JSON.stringify(got.dims) === JSON.stringify(expected.shape);
  let maxAbs = 0;
  let violations = 0;
  if (sameShape) {
    for (let i = 0; i < expected.data.length; i++) {
      const diff = Math.abs(got.data[i] - expected.data[i]);
      if (!(diff <= atol + rtol * Math.abs(expected.data[i]))) violations++;
      if (diff > maxAbs || Number.isNaN(diff)) maxAbs = diff;
    }
  }
  return {ok: sameShape && violations === 0, max_abs: maxAbs, violations, same_shape: sameShape};
}

// Parses the command line: {modelPath, feedsFor(session), threads, warmup, runs, manifest}.
function parseArgs(args) {
  if (args[0] === '--manifest') {
    if (args.length < 3 || args.length > 5) usage();
    const manifestPath = args[1];
    const manifest = JSON.parse(require('fs').readFileSync(manifestPath, 'utf8'));
    const dir = path.dirname(manifestPath);
    const feeds = {};
    for (const input of manifest.inputs) {
      const a = readNpy(path.join(dir, input.file));
      feeds[input.name] = new ort.Tensor(a.dtype, a.data, a.shape);
    }
    return {
      modelPath: path.join(dir, manifest.model),
      feeds,
      shape: manifest.inputs.map((i) => i.shape),
      threads: parsePositiveInt(args[2], 'threads', false),
      warmup: args.length > 3 ? parsePositiveInt(args[3], 'warmup', true) : 10,
      runs: args.length > 4 ? parsePositiveInt(args[4], 'runs', false) : 50,
      manifest,
      dir,
    };
  }
  if (args.length < 4 || args.length > 6) usage();
  const [modelPath, inputName, shapeText, threadsText] = args;
  const shape = parseShape(shapeText);
  const count = shape.reduce((a, b) => a * b, 1);
  return {
    modelPath,
    feeds: {[inputName]: new ort.Tensor('float32', fixedRandom(count, 42), shape)},
    shape,
    threads: parsePositiveInt(threadsText, 'threads', false),
    warmup: args.length > 4 ? parsePositiveInt(args[4], 'warmup', true) : 10,
    runs: args.length > 5 ? parsePositiveInt(args[5], 'runs', false) : 50,
  };
}

async function main() {
  const {modelPath, feeds, shape, threads, warmup, runs, manifest, dir} =
      parseArgs(process.argv.slice(2));

  const options = {
    executionProviders: ['cpu'],
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
  };
  const createStart = nowMs();
  const session = await ort.InferenceSession.create(modelPath, options);
  const sessionCreateMs = nowMs() - createStart;
  for (const name of Object.keys(feeds)) {
    if (!session.inputNames.includes(name)) {
      usage(`model has no input '${name}' (inputs: ${session.inputNames.join(', ')})`);
    }
  }

  const firstStart = nowMs();
  const firstOutputs = await session.run(feeds);
  const firstRunMs = nowMs() - firstStart;
  for (let i = 1; i < warmup; i++) await session.run(feeds);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = nowMs();
    await session.run(feeds);
    times.push(nowMs() - start);
  }
  await session.release();

  times.sort((a, b) => a - b);
  const round = (x) => Math.round(x * 1000) / 1000;
  const result = {
    runtime: 'onnxruntime',
    model: path.basename(modelPath),
    threads,
    shape,
    session_create_ms: round(sessionCreateMs),
    first_run_ms: round(firstRunMs),
    min_ms: round(times[0]),
    median_ms: round(median(times)),
    mean_ms: round(times.reduce((a, b) => a + b, 0) / times.length),
    max_ms: round(times[times.length - 1]),
    runs,
    ort_version: ort.env.versions.common,
    peak_rss_mib: peakRssMib(),
  };
  if (manifest) {
    result.check = manifest.outputs.map((o) => Object.assign(
        {name: o.name},
        compare(firstOutputs[o.name], readNpy(path.join(dir, o.file)), manifest.rtol,
                manifest.atol)));
  }
  console.log(JSON.stringify(result));
}

main().catch((err) => {
  console.error(`ort_bench: ${err && err.message ? err.message : err}`);
  process.exit(1);
});
