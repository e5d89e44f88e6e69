import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseReply } from '../../../../src/adapters/nlp/reply-parser.ts';
import { AMBIGUITY_CODES, isReplyIntent, REPLY_FACTS } from '../../../../src/domain/replies/parsed-reply.ts';

/** Pieces workers type, glued at random: reaches far more of the parser than random characters do. */
const piece = fc.constantFrom(
  '0012', '12', '20260327-0031', '1187', '1187.5', '-', '.', ' ', '　', '、', '?', '#', 'No.', '番', '指針', '指針は',
  '開栓', '閉栓', '名変', '完了', '済', 'できず', '不在', '留守', 'パイロット', '回ってる', '止まった', 'バルブ閉', 'バルブ開',
  'ピン交換', '封印', '散水栓', '出ない', 'OK', 'はい', 'いいえ', '違う', '残り', 'ヘルプ', '疑義', '質問', 'メーター番号',
  'M123', '口径', '20', 'φ', 'mm', 'm3', '時', ':', '090-1234-5678', 'ﾊﾟｲﾛｯﾄ', 'ｶｲｾﾝ', '犬', 'で', '々',
);
const reply = fc.oneof(
  fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')),
  fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(' ')),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const toFullWidthDigits = (s: string): string => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

describe('parseReply properties', () => {
  it('never throws and always returns a well-formed reading', () => {
    fc.assert(
      fc.property(reply, (text) => {
        const parsed = parseReply(text);
        expect(isReplyIntent(parsed.intent)).toBe(true);
        if (parsed.reading !== null) expect(Number.isSafeInteger(parsed.reading) && parsed.reading >= 0).toBe(true);
        for (const code of parsed.ambiguities) expect(AMBIGUITY_CODES).toContain(code);
        for (const fact of Object.keys(parsed.facts)) expect(REPLY_FACTS).toContain(fact);
        if (parsed.taskRef !== null) expect(parsed.taskRef).toMatch(/^\d+(-\d+)?$/);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads full-width digits exactly as half-width ones', () => {
    fc.assert(
      fc.property(reply, (text) => {
        expect(parseReply(toFullWidthDigits(text))).toEqual(parseReply(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('reads a reading after 指針 whatever its width and the spaces around it', () => {
    fc.assert(
      fc.property(fc.nat({ max: 9_999_999 }), fc.constantFrom('', ' ', '　', '  '), fc.boolean(), (reading, space, wide) => {
        const digits = wide ? toFullWidthDigits(String(reading)) : String(reading);
        const parsed = parseReply(`0012 開栓完了 指針${space}${digits}`);
        expect(parsed.reading).toBe(reading);
        expect(parsed.taskRef).toBe('0012');
      }),
    );
  });
});
