import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeText } from '../../../../src/adapters/csv/decode.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const CSV = '作業番号,作業種別,作業予定日,住所\r\n0001,開栓,2026-03-27,金沢市広坂1丁目1-1\r\n0002,閉栓,2026-03-27,金沢市広坂1丁目1-2\r\n';

describe('decodeText on damaged and binary files', () => {
  it('reads a text with a stray NUL or other control bytes in its encoding, the bytes kept for the row check', () => {
    const damaged = CSV.replace('0002,閉栓', '0002,閉\u0000栓').replace('広坂1丁目1-1', '広坂\u001b1丁目1-1');
    expect(decodeText(utf8(damaged))).toEqual({ ok: true, text: damaged, encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(damaged)]))).toEqual({ ok: true, text: damaged, encoding: 'utf-8-bom' });
    expect(decodeText(iconv.encode(damaged, 'cp932'))).toEqual({ ok: true, text: damaged, encoding: 'cp932' });
  });

  it('refuses UTF-16 (with or without BOM, ASCII or Japanese) and mostly-control data', () => {
    for (const bytes of [
      iconv.encode(CSV, 'utf16le'),
      iconv.encode(CSV, 'utf16-be'),
      iconv.encode('orderNo,kind,date,address\r\n1,open,2026-03-27,x\r\n', 'utf16le'),
      new Uint8Array([0xff, 0xfe, ...iconv.encode(CSV, 'utf16le')]),
      new Uint8Array([...utf8(CSV), ...new Uint8Array(64)]), // more NUL than text
    ]) {
      expect(decodeText(bytes)).toEqual({ ok: false, reason: 'unknownEncoding' });
    }
  });

  it('refuses files of binary formats by their first bytes, even when the rest would pass as text', () => {
    const tail = utf8(`${CSV}${CSV}${CSV}`);
    const signatures = [
      [0x50, 0x4b, 0x03, 0x04], // ZIP, Excel .xlsx
      [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], // Excel .xls
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], // PNG
      [0xff, 0xd8, 0xff], // JPEG
      [0x1f, 0x8b], // gzip
    ];
    for (const head of signatures) expect(decodeText(new Uint8Array([...head, ...tail])).ok).toBe(false);
  });
});
