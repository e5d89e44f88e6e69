import { closeSync, readSync } from 'node:fs';
import iconv from 'iconv-lite';
import { decodeText, type TextEncoding } from './decode.ts';

/**
 * A file read in pieces of 32 KB, so that a large export never sits in memory whole. A piece ends
 * right after a line break or a comma that an ASCII byte follows: such bytes are never part of a multi-byte
 * UTF-8 or CP932 character, so every piece decodes on its own, and the file is decided piece by piece with the
 * same rules as a whole text (decode.ts).
 */
const PIECE_BYTES = 1 << 15;
const LF = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const EOF_MARK = '\x1A';

export interface BytePiece {
  bytes: Buffer;
  first: boolean;
  last: boolean;
}

/** Opens the file; the error is the caller's (it names the file and the reason in Japanese). */
export type FileOpener = (path: string) => number;

export function* bytePieces(path: string, open: FileOpener, size = PIECE_BYTES): Generator<BytePiece> {
  const fd = open(path);
  try {
    let carry: Buffer = Buffer.alloc(0);
    let first = true;
    const block = Buffer.allocUnsafe(size); // read into again and again: a piece is used before the next is read
    for (;;) {
      const read = readSync(fd, block, 0, size, null);
      const data = carry.length > 0 ? Buffer.concat([carry, block.subarray(0, read)]) : block.subarray(0, read);
      if (read === 0) {
        yield { bytes: data, first, last: true };
        return;
      }
      const cut = cutPoint(data);
      carry = Buffer.from(data.subarray(cut)); // a copy: the block is read into again
      if (cut === 0) continue;
      yield { bytes: data.subarray(0, cut), first, last: false };
      first = false;
    }
  } finally {
    closeSync(fd);
  }
}

/** After the last line break or comma that an ASCII byte follows (0: none in the data). */
function cutPoint(data: Buffer): number {
  for (let i = data.length - 2; i >= 0; i--) {
    const b = data[i];
    if ((b === LF || b === CR || b === COMMA) && data[i + 1]! < 0x80) return i + 1;
  }
  return 0;
}

export type Detected = { ok: true; encoding: TextEncoding } | { ok: false; reason: 'empty' | 'unknownEncoding' };

/** The encoding of the whole file, as decodeText would decide it for the whole text. */
export function detectEncoding(path: string, open: FileOpener, size = PIECE_BYTES): Detected {
  let hasBom = false;
  let utf8 = false;
  let cp932 = false;
  let utf8NonAscii = false; // valid UTF-8 outside ASCII: in a CP932 file such a piece must be read as CP932
  for (const piece of bytePieces(path, open, size)) {
    if (piece.first) hasBom = piece.bytes.subarray(0, 3).equals(BOM);
    const decoded = decodeText(piece.bytes);
    if (!decoded.ok && decoded.reason === 'empty') continue;
    if (!decoded.ok) return decoded;
    if (decoded.encoding === 'cp932') cp932 = true;
    else {
      utf8 = true;
      utf8NonAscii ||= piece.bytes.some((b) => b >= 0x80);
    }
  }
  if (!utf8 && !cp932) return { ok: false, reason: 'empty' };
  if (!cp932) return { ok: true, encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  if (hasBom || (utf8NonAscii && !allCp932(path, open, size))) return { ok: false, reason: 'unknownEncoding' };
  return { ok: true, encoding: 'cp932' };
}

function allCp932(path: string, open: FileOpener, size: number): boolean {
  for (const piece of bytePieces(path, open, size)) if (decodeCp932(piece.bytes).includes('\uFFFD')) return false;
  return true;
}

// iconv-lite puts U+FFFD where a byte sequence has no CP932 character (decode.ts relies on the same).
const decodeCp932 = (bytes: Buffer): string => iconv.decode(bytes, 'cp932');
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

export interface TextPiece {
  text: string;
  last: boolean;
}

/** The text of the file in pieces, in an encoding detectEncoding found (BOM and DOS end-of-file mark left out). */
export function* textPieces(path: string, encoding: TextEncoding, open: FileOpener, size = PIECE_BYTES): Generator<TextPiece> {
  for (const piece of bytePieces(path, open, size)) {
    const bytes = piece.first && encoding === 'utf-8-bom' ? piece.bytes.subarray(BOM.length) : piece.bytes;
    let text = encoding === 'cp932' ? decodeCp932(bytes) : utf8Decoder.decode(bytes);
    if (piece.last && text.endsWith(EOF_MARK)) text = text.slice(0, -1);
    yield { text, last: piece.last };
  }
}
