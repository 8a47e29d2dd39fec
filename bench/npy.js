'use strict';
// Minimal reader for NumPy .npy files (format versions 1-3) holding little-endian float32
// ('<f4'), C order. Returns {shape: number[], data: Float32Array}. Anything else throws.

const fs = require('fs');

function readNpyFloat32(path) {
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
  if (descr[1] !== '<f4') throw new Error(`${path}: dtype ${descr[1]}, expected <f4`);
  if (fortran[1] !== 'False') throw new Error(`${path}: Fortran order is not supported`);
  const dims = shape[1].split(',').map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  const count = dims.reduce((a, b) => a * b, 1);
  const dataStart = headerStart + headerLen;
  if (buf.length - dataStart !== count * 4) {
    throw new Error(`${path}: ${buf.length - dataStart} data bytes, expected ${count * 4}`);
  }
  // Copy into a fresh (4-byte aligned) buffer; the file payload may start unaligned.
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = buf.readFloatLE(dataStart + 4 * i);
  return {shape: dims, data};
}

module.exports = {readNpyFloat32};
