import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { csvRecords, parseCsv } from '../../../../src/adapters/csv/csv-parser.ts';
import { decodeText } from '../../../../src/adapters/csv/decode.ts';
import { detectEncoding, textPieces } from '../../../../src/adapters/csv/file-pieces.ts';

const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-pieces-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const open = (path: string) => openSync(path, 'r');
let n = 0;

/** The file read in pieces of `size` bytes, as the import reads a large export, against the whole bytes at once. */
function readBothWays(bytes: Uint8Array, size: number) {
  const path = join(dir, `f${++n}.csv`);
  writeFileSync(path, bytes);
  const whole = decodeText(bytes);
  const detected = detectEncoding(path, open, size);
  const pieces = detected.ok ? [...textPieces(path, detected.encoding, open, size)] : [];
  return { whole, detected, pieces };
}

const CELLS = ['作業番号', '髙橋 美咲', '山﨑', 'ｲｼｶﾜ', 'abc', '', '"引用, ""二重""\r\n改行"', '1,186', '\r\n', '\n', '\r', ',', '\x1A', 'é'];
const text = fc.array(fc.constantFrom(...CELLS), { maxLength: 40 }).map((cells) => cells.join(''));

describe('a file read in pieces', () => {
  it('decodes to the same text and encoding as the whole bytes, whatever the piece size', () => {
    const encodings = fc.constantFrom<'utf-8' | 'bom' | 'cp932'>('utf-8', 'bom', 'cp932');
    fc.assert(
      fc.property(text, encodings, fc.integer({ min: 1, max: 64 }), (content, encoding, size) => {
        const bytes = encoding === 'cp932' ? iconv.encode(content, 'cp932') : Buffer.from(`${encoding === 'bom' ? '\uFEFF' : ''}${content}`, 'utf8');
        const { whole, detected, pieces } = readBothWays(bytes, size);
        if (!whole.ok) {
          expect(detected).toEqual(whole);
          return;
        }
        expect(detected).toEqual({ ok: true, encoding: whole.encoding });
        expect(pieces.map((p) => p.text).join('')).toBe(whole.text);
        expect(pieces.at(-1)?.last).toBe(true);
        expect([...csvRecords(pieces)]).toEqual(parseCsv(whole.text));
      }),
      { numRuns: 300 },
    );
  });

  // Control bytes aside: decode.ts tells text from binary by their share, which each piece (32 KB in production) is
  // checked for on its own; a text's few stray ones are far below the limits in any piece.
  it('refuses arbitrary bytes exactly when the whole bytes are refused', () => {
    const textByte = fc.oneof(fc.constantFrom(0x09, 0x0a, 0x0d, 0x1a), fc.integer({ min: 0x20, max: 0xff }));
    fc.assert(
      fc.property(fc.array(textByte, { maxLength: 200 }).map((b) => Uint8Array.from(b)), fc.integer({ min: 1, max: 32 }), (bytes, size) => {
        const { whole, detected, pieces } = readBothWays(bytes, size);
        expect(detected.ok ? detected.encoding : detected.reason).toBe(whole.ok ? whole.encoding : whole.reason);
        if (whole.ok) expect(pieces.map((p) => p.text).join('')).toBe(whole.text);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a record whose quoted cell spans many pieces, with its line numbers', () => {
    const body = `a,b\r\n"${'長い備考\r\n'.repeat(50)}",x\r\nc,d\r\n`;
    const { pieces } = readBothWays(Buffer.from(body, 'utf8'), 7);
    expect([...csvRecords(pieces)].map((r) => [r.line, r.cells.length])).toEqual([[1, 2], [2, 2], [53, 2]]);
  });

  it('decodes 髙 and 﨑 (CP932 only) whose two bytes fall on either side of a read boundary', () => {
    const content = '作業番号,使用者名\r\n1,髙橋 美咲\r\n2,山﨑 誠\r\n';
    const bytes = iconv.encode(content, 'cp932');
    const at = bytes.indexOf(Buffer.from([0xfb, 0xfc])); // 髙
    expect(at).toBeGreaterThan(0);
    for (const size of [at + 1, bytes.indexOf(Buffer.from([0xfa, 0xb1])) + 1, 1, 2, 3, 5, 7]) { // the boundary after 髙's / 﨑's first byte
      const { detected, pieces } = readBothWays(bytes, size);
      expect(detected).toEqual({ ok: true, encoding: 'cp932' });
      expect(pieces.map((p) => p.text).join('')).toBe(content);
      expect([...csvRecords(pieces)].map((r) => r.cells[1])).toEqual(['使用者名', '髙橋 美咲', '山﨑 誠']);
    }
  });

  it('reads quoted cells with line breaks and commas across read boundaries, CP932, with their line numbers', () => {
    const content = '番号,備考\r\n1,"髙橋様,\r\n2階奥\r\n""犬""あり"\r\n2,"山﨑\n"\r\n3,x\r\n';
    for (let size = 1; size <= 48; size++) {
      const { pieces } = readBothWays(iconv.encode(content, 'cp932'), size);
      expect([...csvRecords(pieces)].map((r) => [r.line, ...r.cells])).toEqual([
        [1, '番号', '備考'], [2, '1', '髙橋様,\r\n2階奥\r\n"犬"あり'], [5, '2', '山﨑\n'], [7, '3', 'x'],
      ]);
    }
  });
});
