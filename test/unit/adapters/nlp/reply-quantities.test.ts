import { describe, expect, it } from 'vitest';
import { parseReply } from '../../../../src/adapters/nlp/reply-parser.ts';

const read = (text: string) => parseReply(text);

describe('quantities of consumables in a reply', () => {
  it('reads pin, copper wire and seal counts by their markers, with counters and full-width digits', () => {
    expect(read('0012 閉栓完了 指針1234 ピン交換 銅線2 封印1').consumables).toEqual({ copperWire: 2, seal: 1 });
    expect(read('0012 閉栓完了 銅線 1本').consumables).toEqual({ copperWire: 1 });
    expect(read('0012 閉栓完了 封印玉２個').consumables).toEqual({ seal: 2 });
    expect(read('0012 閉栓完了 ピン2本 銅線２本 指針 1234').consumables).toEqual({ valvePin: 2, copperWire: 2 });
  });

  it('keeps the reading and the facts: ピン2 is a pin replaced, and no number is taken for another role', () => {
    const reply = read('0012 閉栓完了 ピン2 銅線3 指針1234');
    expect(reply.reading).toBe(1234);
    expect(reply.taskRef).toBe('0012');
    expect(reply.facts.valvePinReplaced).toBe(true);
    expect(reply.ambiguities).toEqual([]);
    expect(reply.note).toBeNull();
  });

  it('reads negations as 0: 銅線なし, ピンなし (a denied pin), ピン0', () => {
    const none = read('0012 閉栓完了 封印 銅線なし ピンなし');
    expect(none.consumables).toEqual({ copperWire: 0, valvePin: 0 });
    expect(none.facts.sealFitted).toBe(true);
    expect(none.deniedFacts).toContain('valvePinReplaced');
    expect(none.note).toBeNull();
    const zero = read('0012 閉栓完了 封印1 ピン0');
    expect(zero.consumables).toEqual({ seal: 1, valvePin: 0 });
    expect(zero.facts.valvePinReplaced).toBeUndefined();
  });

  it('leaves a reading after a marker alone (more than two digits is no count) and asks about two counts of one item', () => {
    expect(read('0012 閉栓完了 ピン交換 1234').consumables).toEqual({});
    const twice = read('0012 閉栓完了 ピン2 ピン3');
    expect(twice.consumables).toEqual({});
    expect(twice.ambiguities).toContain('quantity.conflicting');
  });

  it('records neither a count nor the fact when the words contradict it (ピン2 … ピンなし)', () => {
    const reply = read('0012 閉栓完了 ピン2 ピンなし 封印');
    expect(reply.consumables).toEqual({});
    expect(reply.unclearFacts).toContain('valvePinReplaced');
    expect(reply.ambiguities).toContain('fact.conflicting');
  });

  it('reads the typo of the vocabulary (封員) as a seal marker', () => {
    expect(read('0012 閉栓完了 封員2').consumables).toEqual({ seal: 2 });
  });
});
