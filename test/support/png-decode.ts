import { inflateSync } from 'node:zlib';

/** A minimal PNG reader for tests: checks the signature and every CRC, keeps the chunk types, unfilters RGB rows. */
export interface DecodedPng {
  width: number;
  height: number;
  chunkTypes: string[];
  pixel(x: number, y: number): [number, number, number];
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return ~c >>> 0;
}

export function decodePng(png: Uint8Array): DecodedPng {
  if (!SIGNATURE.every((b, i) => png[i] === b)) throw new Error('not a PNG signature');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunkTypes: string[] = [];
  const idat: Uint8Array[] = [];
  let header: Uint8Array | undefined;
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const typed = png.subarray(at + 4, at + 8 + length);
    if (crc32(typed) !== view.getUint32(at + 8 + length)) throw new Error('bad CRC');
    const type = new TextDecoder().decode(typed.subarray(0, 4));
    chunkTypes.push(type);
    if (type === 'IHDR') header = typed.subarray(4);
    if (type === 'IDAT') idat.push(typed.subarray(4));
    at += 12 + length;
  }
  if (!header) throw new Error('no IHDR');
  const h = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const width = h.getUint32(0);
  const height = h.getUint32(4);
  if (header[8] !== 8 || header[9] !== 2 || header[12] !== 0) throw new Error('only 8-bit RGB, not interlaced');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 3;
  if (raw.length !== height * (stride + 1)) throw new Error('pixel data of the wrong size');
  for (let y = 0; y < height; y++) if (raw[y * (stride + 1)] !== 0) throw new Error('only filter 0 is read here');
  return {
    width,
    height,
    chunkTypes,
    pixel: (x, y) => {
      const i = y * (stride + 1) + 1 + x * 3;
      return [raw[i]!, raw[i + 1]!, raw[i + 2]!];
    },
  };
}
