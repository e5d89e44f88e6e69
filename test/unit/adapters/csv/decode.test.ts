import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeText } from '../../../../src/adapters/csv/decode.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM, the BOM removed', () => {
    expect(decodeText(withBom('作業番号,住所\r\n'))).toEqual({ ok: true, text: '作業番号,住所\r\n', encoding: 'utf-8-bom' });
    expect(decodeText(utf8('作業番号,住所\n'))).toEqual({ ok: true, text: '作業番号,住所\n', encoding: 'utf-8' });
  });

  it('reads CP932, including 髙 and 﨑 that strict Shift_JIS lacks', () => {
    const bytes = iconv.encode('使用者名\r\n髙橋 美咲\r\n山﨑 太郎\r\nｲｼｶﾜ\r\n', 'cp932');
    expect([...bytes.subarray(10, 12)]).toEqual([0xfb, 0xfc]); // 髙 in the IBM extension area
    expect(decodeText(bytes)).toEqual({ ok: true, text: '使用者名\r\n髙橋 美咲\r\n山﨑 太郎\r\nｲｼｶﾜ\r\n', encoding: 'cp932' });
  });

  it('calls an empty file empty: no bytes, a BOM alone, blank lines', () => {
    for (const bytes of [new Uint8Array(), withBom(''), utf8(' \r\n\r\n\t'), new Uint8Array([0x1a])]) {
      expect(decodeText(bytes)).toEqual({ ok: false, reason: 'empty' });
    }
  });

  it('refuses bytes that are neither UTF-8 nor CP932, and binary data', () => {
    expect(decodeText(new Uint8Array([0x41, 0x85, 0x40, 0x0a]))).toEqual({ ok: false, reason: 'unknownEncoding' }); // 0x85xx: no CP932 character
    expect(decodeText(new Uint8Array([0x41, 0xa0, 0x0a]))).toEqual({ ok: false, reason: 'unknownEncoding' }); // 0xA0: unassigned
    expect(decodeText(new Uint8Array([0x41, 0x00, 0x42]))).toEqual({ ok: false, reason: 'unknownEncoding' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x93, 0xfa]))).toEqual({ ok: false, reason: 'unknownEncoding' }); // BOM, then Shift_JIS
    const utf16 = new Uint8Array([0xff, 0xfe, 0x5c, 0x4f, 0x6d, 0x69]);
    expect(decodeText(utf16).ok).toBe(false);
  });

  it('drops the DOS end-of-file mark', () => {
    expect(decodeText(utf8('a,b\r\n\u001a'))).toMatchObject({ ok: true, text: 'a,b\r\n' });
  });
});
