// Draws the two Teams app icons (no dependencies): node manifest/teams/make-icons.mjs manifest/teams
// color.png 192x192 (white drop on blue), outline.png 32x32 (white drop on transparent).
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
const table = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) { raw[y * (size * 4 + 1)] = 0; for (let x = 0; x < size; x++) { const [r, g, b, a] = pixel(x + 0.5, y + 0.5, size); raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4); } }
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
// A water drop: a circle at the bottom and a point at the top, in unit coordinates.
function inDrop(u, v) {
  const cx = 0.5, cy = 0.62, r = 0.24;
  if ((u - cx) ** 2 + (v - cy) ** 2 <= r * r) return true;
  const top = 0.14;
  if (v < top || v > cy) return false;
  const half = r * ((v - top) / (cy - top)) ** 1.3;
  return Math.abs(u - cx) <= half;
}
const samples = (x, y, size) => { let hit = 0; for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inDrop((x - 0.5 + (i + 0.5) / 4) / size, (y - 0.5 + (j + 0.5) / 4) / size)) hit++; return hit / 16; };
writeFileSync(process.argv[2] + '/color.png', png(192, (x, y, s) => { const k = samples(x, y, s); const bg = [0x1e, 0x6f, 0xb8]; return [...bg.map((c) => Math.round(c + (255 - c) * k)), 255]; }));
writeFileSync(process.argv[2] + '/outline.png', png(32, (x, y, s) => [255, 255, 255, Math.round(255 * samples(x, y, s))]));
