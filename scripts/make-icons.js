#!/usr/bin/env node
// Draws the ClinPay icons (assets/icon-{16,32,64,80,128}.png): a teal rounded square with a white
// pulse line. Drawn from signed distances rather than shipped as binary art, so anyone can
// change the look and regenerate with `node scripts/make-icons.js` — and nothing beyond Node's
// own zlib is needed. The PNGs are committed; the build only copies them.
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const TEAL = [0x0f, 0x8b, 0x8d];
const WHITE = [0xff, 0xff, 0xff];

// zlib.crc32 only exists from Node 20.15/22.2; a table keeps the script working on any Node 20.
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** rgba: Uint8Array of size*size*4, straight (non-premultiplied) alpha. */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  // compression, filter, interlace: all 0
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (stride + 1)] = 0; // filter: none — the images are tiny, deflate does the rest
    Buffer.from(rgba.buffer, y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function roundedSquareDistance(x, y, size, radius, inset) {
  const half = size / 2 - inset;
  const qx = Math.abs(x - size / 2) - (half - radius);
  const qy = Math.abs(y - size / 2) - (half - radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

function segmentDistance(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

// The pulse line in unit coordinates (0..1 across the icon): flat, a small bump, the spike, flat.
const PULSE = [
  [0.16, 0.56],
  [0.34, 0.56],
  [0.42, 0.44],
  [0.5, 0.74],
  [0.6, 0.24],
  [0.68, 0.56],
  [0.84, 0.56],
];

function draw(size) {
  const rgba = new Uint8Array(size * size * 4);
  const radius = size * 0.2;
  // Small icons need a thicker stroke to stay legible; big ones look heavy with the same ratio.
  const stroke = Math.max(1.6, size * (size <= 16 ? 0.12 : size <= 32 ? 0.09 : 0.075));
  const pts = PULSE.map(([u, v]) => [u * size, v * size]);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cx = x + 0.5;
      const cy = y + 0.5;
      // Coverage from signed distance: 1 px of soft edge is the whole anti-aliasing.
      const shape = Math.min(1, Math.max(0, 0.5 - roundedSquareDistance(cx, cy, size, radius, 0)));
      let line = Infinity;
      for (let i = 0; i + 1 < pts.length; i++) line = Math.min(line, segmentDistance(cx, cy, pts[i], pts[i + 1]));
      const ink = Math.min(1, Math.max(0, stroke / 2 + 0.5 - line));
      const o = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) rgba[o + c] = Math.round(TEAL[c] * (1 - ink) + WHITE[c] * ink);
      rgba[o + 3] = Math.round(255 * shape);
    }
  }
  return encodePng(size, rgba);
}

function main() {
  const outDir = path.join(__dirname, "..", "assets");
  fs.mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(outDir, `icon-${size}.png`);
    fs.writeFileSync(file, draw(size));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}

if (require.main === module) main();
module.exports = { draw, encodePng, SIZES };
