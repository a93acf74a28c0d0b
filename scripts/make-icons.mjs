// Draws the tray template icons: a tiny robot arm, black with anti-aliased alpha, as macOS expects of
// a menu-bar "Template" image (it recolours them for light and dark menu bars).
//   assets/trayTemplate.png (16×16) + @2x (32×32)          the idle icon
//   assets/trayPendingTemplate.png (16×16) + @2x (32×32)   the same arm with a dot: a choice is waiting
// A template image is one colour, so the "pending" mark is a shape, not a colour: a filled dot in the
// top-left corner with a transparent ring cut around it so it stays legible against the arm.
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
/** The pending badge, in the empty top-left corner; `gap` is the transparent ring around it. */
const badge = { centre: [3.1, 3.1], radius: 2.3, gap: 1 };

/** Sub-samples per pixel side; 8×8 gives smooth edges at both sizes. */
const SUPERSAMPLE = 8;

function distanceToSegment([px, py], [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

function insideArm(point) {
  return (
    capsules.some(({ from, to, radius }) => distanceToSegment(point, from, to) <= radius) ||
    joints.some(({ centre, radius }) => Math.hypot(point[0] - centre[0], point[1] - centre[1]) <= radius)
  );
}

function insideWithBadge(point) {
  const fromBadge = Math.hypot(point[0] - badge.centre[0], point[1] - badge.centre[1]);
  if (fromBadge <= badge.radius) return true;
  if (fromBadge <= badge.radius + badge.gap) return false;
  return insideArm(point);
}

/** RGBA rows, each prefixed by PNG filter byte 0 (none). */
function render(size, inside) {
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

function png(size, inside) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type: RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(render(size, inside), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
mkdirSync(assets, { recursive: true });
for (const [name, size, inside] of [
  ['trayTemplate.png', 16, insideArm],
  ['trayTemplate@2x.png', 32, insideArm],
  ['trayPendingTemplate.png', 16, insideWithBadge],
  ['trayPendingTemplate@2x.png', 32, insideWithBadge],
]) {
  writeFileSync(join(assets, name), png(size, inside));
  console.log(`wrote assets/${name} (${size}×${size})`);
}
