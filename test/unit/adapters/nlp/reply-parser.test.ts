import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseReply, type ParseOptions } from '../../../../src/adapters/nlp/reply-parser.ts';
import type { ParsedReply } from '../../../../src/domain/replies/parsed-reply.ts';

interface ReplyCase {
  input: string;
  options?: ParseOptions;
  expect: Partial<ParsedReply>;
}

const readTable = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/${name}`, import.meta.url), 'utf8')) as { cases: ReplyCase[] };
/**
 * replies.json: the first table; replies-negation.json: negation and its scope, voice input, kanji numerals;
 * replies-field.json: typos, width, units around readings, compound clauses, はい/いいえ alone;
 * replies-context.json: その他, notes after メモ/備考, nouns holding fact words, short answers to the flow's questions.
 */
const table = { cases: ['replies.json', 'replies-negation.json', 'replies-field.json', 'replies-context.json'].flatMap((name) => readTable(name).cases) };

describe('parseReply on the table of realistic replies', () => {
  it('has at least 340 cases', () => {
    expect(table.cases.length).toBeGreaterThanOrEqual(340);
  });

  it.each(table.cases.map((c) => [c.input, c] as const))('reads %j', (_input, c) => {
    const parsed = parseReply(c.input, c.options);
    const { ambiguities, ...fields } = c.expect;
    for (const [key, value] of Object.entries(fields)) {
      expect(parsed[key as keyof ParsedReply], key).toEqual(value);
    }
    if (ambiguities) expect([...parsed.ambiguities].sort()).toEqual([...ambiguities].sort());
  });
});

describe('parseReply', () => {
  it('keeps the order reference as typed, digits made half-width', () => {
    expect(parseReply('０００７ 不在').taskRef).toBe('0007');
    expect(parseReply('２０２６０３２７－００３１ 名変 指針 1257').taskRef).toBe('20260327-0031');
    expect(parseReply('20260327ー0031 名変 指針 1257').taskRef).toBe('20260327-0031');
  });

  it('never takes a phone number or a time for a reading', () => {
    const parsed = parseReply('0027 開栓完了 076-123-4567 10:15');
    expect(parsed.reading).toBeNull();
    expect(parsed.ambiguities).not.toContain('reading.multipleNumbers');
  });

  it('does not guess the reading from two bare numbers', () => {
    const parsed = parseReply('0012 開栓完了 1187 1178');
    expect(parsed.reading).toBeNull();
    expect(parsed.ambiguities).toContain('reading.multipleNumbers');
  });

  it('reports the whole object shape for any reply', () => {
    expect(Object.keys(parseReply('はい')).sort()).toEqual(
      ['ambiguities', 'consumables', 'deniedFacts', 'facts', 'intent', 'kind', 'memo', 'meterDiameterMm', 'meterNumber', 'note', 'notDoneReason', 'outcome', 'reading', 'taskRef', 'unclearFacts'].sort(),
    );
  });
});
