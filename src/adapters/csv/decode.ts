import iconv from 'iconv-lite';

/** How the bytes of a file were read. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'cp932';

export type Decoded = { ok: true; text: string; encoding: TextEncoding } | { ok: false; reason: 'empty' | 'unknownEncoding' };

const BOM = [0xef, 0xbb, 0xbf];
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Reads an export without being told its encoding: UTF-8 (with or without BOM) when the bytes
 * are valid UTF-8, else CP932, the Windows superset of Shift_JIS the bureau's system writes
 * (髙 and 﨑 exist only there). Bytes that are neither, or that are not text at all (binary data,
 * UTF-16), are an unknown encoding. A few stray control bytes (a NUL) do not make a text binary:
 * the text is read, and the rows that hold them are refused one by one (validate-row.ts).
 */
export function decodeText(bytes: Uint8Array): Decoded {
  const hasBom = BOM.every((b, i) => bytes[i] === b);
  const body = hasBom ? bytes.subarray(BOM.length) : bytes;
  if (isBlank(body)) return { ok: false, reason: 'empty' };
  if (!looksLikeText(body)) return { ok: false, reason: 'unknownEncoding' };
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

/** Above this share of control bytes the data is not a text with a few stray ones, but binary. */
const MAX_CONTROL_SHARE = 0.1;
/** UTF-16 writes a NUL beside every ASCII character, all at even or all at odd offsets. */
const UTF16_NUL_SHARE = 0.02;

/**
 * Whether the bytes can be a CSV text: no file signature of a binary format, control bytes rare, and NULs not
 * in UTF-16's pattern. (Stray NULs of a damaged copy fall anywhere; a NUL-filled block has as many even as odd.)
 */
function looksLikeText(bytes: Uint8Array): boolean {
  if (BINARY_SIGNATURES.some((sig) => sig.every((b, i) => bytes[i] === b))) return false;
  let controls = 0;
  let even = 0; // NULs at even and at odd offsets
  let odd = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x1a) continue;
    controls += 1;
    if (b === 0 && i % 2 === 0) even += 1;
    else if (b === 0) odd += 1;
  }
  if (controls > bytes.length * MAX_CONTROL_SHARE) return false;
  const nuls = even + odd;
  return !(nuls >= 8 && nuls > bytes.length * UTF16_NUL_SHARE && Math.min(even, odd) < nuls / 10);
}

/**
 * The first bytes of binary files someone may rename to .csv: ZIP (Excel .xlsx), Excel .xls, PNG, JPEG, gzip. Each
 * holds a byte no text starts with, so a line of a CSV never matches.
 */
const BINARY_SIGNATURES: readonly (readonly number[])[] = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06],
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  [0xff, 0xd8, 0xff],
  [0x1f, 0x8b],
];

/** No bytes, or only spaces, tabs and line breaks (and the DOS end-of-file mark). */
function isBlank(bytes: Uint8Array): boolean {
  return bytes.every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x1a);
}
