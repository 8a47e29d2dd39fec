'use strict';
// Minimal reader for NumPy .npy files (format versions 1-3), C order, little-endian float32
// ('<f4') or int64 ('<i8'). Returns {shape: number[], dtype: 'float32'|'int64', data:
// Float32Array|BigInt64Array}. Anything else throws.

const fs = require('fs');

const TYPES = {
  '<f4': {dtype: 'float32', bytes: 4, Array: Float32Array},
  '<i8': {dtype: 'int64', bytes: 8, Array: BigInt64Array},
};

function readNpy(path) {
  const buf = fs.readFileSync(path);
  const magic = buf.subarray(0, 6).toString('latin1');
  if (magic !== '\x93NUMPY') throw new Error(`${path}: not a .npy file`);
  const major = buf[6];
  let headerLen;
  let headerStart;
  if (major === 1) {
    headerLen = buf.readUInt16LE(8);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    headerLen = buf.readUInt32LE(8);
    headerStart = 12;
  } else {
    throw new Error(`${path}: unsupported .npy version ${major}`);
  }
  const header = buf.subarray(headerStart, headerStart + headerLen).toString('latin1');
  const descr = /'descr':\s*'([^']+)'/.exec(header);
  const fortran = /'fortran_order':\s*(True|False)/.exec(header);
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header);
  if (!descr || !fortran || !shape) throw new Error(`${path}: malformed header ${header}`);
  const type = TYPES[descr[1]];
  if (!type) throw new Error(`${path}: dtype ${descr[1]}, expected one of ${Object.keys(TYPES)}`);
  if (fortran[1] !== 'False') throw new Error(`${path}: Fortran order is not supported`);
  const dims = shape[1].split(',').map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  const count = dims.reduce((a, b) => a * b, 1);
  const dataStart = headerStart + headerLen;
  if (buf.length - dataStart !== count * type.bytes) {
    throw new Error(`${path}: ${buf.length - dataStart} data bytes, expected ${count * type.bytes}`);
  }
  // Copy into a fresh (aligned) buffer; the file payload may start unaligned.
  const bytes = new Uint8Array(count * type.bytes);
  bytes.set(buf.subarray(dataStart));
  return {shape: dims, dtype: type.dtype, data: new type.Array(bytes.buffer)};
}

function readNpyFloat32(path) {
  const a = readNpy(path);
  if (a.dtype !== 'float32') throw new Error(`${path}: dtype ${a.dtype}, expected float32`);
  return a;
}

module.exports = {readNpy, readNpyFloat32};
