// Draws the tray template icons (assets/trayTemplate.png 16×16, trayTemplate@2x.png 32×32): a tiny
// robot arm, black with anti-aliased alpha, as macOS expects of a menu-bar "Template" image.
// Plain Node (zlib) so the repo needs no image dependency. Run: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

/** Shapes in a 16-unit square (one unit = one @1x pixel); capsules are segments with a radius. */
const capsules = [
  { from: [3.5, 14], to: [12.5, 14], radius: 1.25 }, // base
  { from: [6, 13], to: [5, 7.5], radius: 1.3 }, // lower arm
  { from: [5, 7.5], to: [10.8, 4.2], radius: 1.15 }, // upper arm
  { from: [11.2, 4], to: [13.6, 2.4], radius: 0.75 }, // upper finger
  { from: [11.2, 4], to: [13.6, 5.6], radius: 0.75 }, // lower finger
];
const joints = [{ centre: [5, 7.5], radius: 2 }];

/** Sub-samples per pixel side; 8×8 gives smooth edges at both sizes. */
const SUPERSAMPLE = 8;

function distanceToSegment([px, py], [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

function inside(point) {
  return (
    capsules.some(({ from, to, radius }) => distanceToSegment(point, from, to) <= radius) ||
    joints.some(({ centre, radius }) => Math.hypot(point[0] - centre[0], point[1] - centre[1]) <= radius)
  );
}

/** RGBA rows, each prefixed by PNG filter byte 0 (none). */
function render(size) {
  const scale = 16 / size;
  const rows = Buffer.alloc(size * (1 + size * 4));
  for (let y = 0; y < size; y++) {
    const rowStart = y * (1 + size * 4);
    for (let x = 0; x < size; x++) {
      let covered = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const point = [(x + (sx + 0.5) / SUPERSAMPLE) * scale, (y + (sy + 0.5) / SUPERSAMPLE) * scale];
          if (inside(point)) covered++;
        }
      }
      // RGB stays 0 (black); only alpha carries the shape.
      rows[rowStart + 1 + x * 4 + 3] = Math.round((255 * covered) / SUPERSAMPLE ** 2);
    }
  }
  return rows;
}

function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function png(size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type: RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(render(size), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
mkdirSync(assets, { recursive: true });
for (const [name, size] of [
  ['trayTemplate.png', 16],
  ['trayTemplate@2x.png', 32],
]) {
  writeFileSync(join(assets, name), png(size));
  console.log(`wrote assets/${name} (${size}×${size})`);
}
