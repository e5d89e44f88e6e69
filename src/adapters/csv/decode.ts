import iconv from 'iconv-lite';

/** How the bytes of a file were read. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'cp932';

export type Decoded = { ok: true; text: string; encoding: TextEncoding } | { ok: false; reason: 'empty' | 'unknownEncoding' };

const BOM = [0xef, 0xbb, 0xbf];
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Reads an export without being told its encoding: UTF-8 (with or without BOM) when the bytes
 * are valid UTF-8, else CP932, the Windows superset of Shift_JIS the bureau's system writes
 * (髙 and 﨑 exist only there). Bytes that are neither, or that hold a NUL (binary data, UTF-16),
 * are an unknown encoding.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  const hasBom = BOM.every((b, i) => bytes[i] === b);
  const body = hasBom ? bytes.subarray(BOM.length) : bytes;
  if (isBlank(body)) return { ok: false, reason: 'empty' };
  if (body.includes(0)) return { ok: false, reason: 'unknownEncoding' };
  const utf8 = decodeUtf8(body);
  if (utf8 !== undefined) return { ok: true, text: withoutEofMark(utf8), encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  if (hasBom) return { ok: false, reason: 'unknownEncoding' };
  const cp932 = iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'cp932');
  // iconv-lite puts U+FFFD where a byte sequence has no CP932 character; CP932 cannot encode U+FFFD itself.
  if (cp932.includes('\uFFFD')) return { ok: false, reason: 'unknownEncoding' };
  return { ok: true, text: withoutEofMark(cp932), encoding: 'cp932' };
}

/** Old DOS tools end a text file with Ctrl-Z (0x1A); it is not data. */
function withoutEofMark(text: string): string {
  return text.endsWith('\x1A') ? text.slice(0, -1) : text;
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined; // not UTF-8: the caller tries CP932
  }
}

/** No bytes, or only spaces, tabs and line breaks (and the DOS end-of-file mark). */
function isBlank(bytes: Uint8Array): boolean {
  return bytes.every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x1a);
}
