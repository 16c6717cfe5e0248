/**
 * The sample generators' random numbers: seeded, so the committed samples are made again byte for
 * byte. mulberry32: tiny, fast and the same on every Node version.
 */
"use strict";

function seeded(seed) {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** One value of [value, weight] pairs, drawn by weight. */
  const pick = (weighted) => {
    const total = weighted.reduce((s, [, w]) => s + w, 0);
    let x = rand() * total;
    for (const [v, w] of weighted) if ((x -= w) < 0) return v;
    return weighted[weighted.length - 1][0];
  };
  return { rand, pick };
}

module.exports = { seeded };
