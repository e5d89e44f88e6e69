import { describe, expect, it } from 'vitest';
import { afterKeyword, HANDOVER_WORDS, PARKING_WORDS, parseHandover, parseParking, parseYenAmount } from '../../../../src/domain/day-end/day-end-commands.ts';

describe('parseYenAmount', () => {
  it.each([
    ['500', 500],
    ['500円', 500],
    ['５００', 500],
    ['５００円', 500],
    ['1,200円', 1200],
    ['１，２００円', 1200],
    ['¥800', 800],
    ['￥800', 800],
    ['12000', 12000],
    ['五百円', 500],
    ['千五百円', 1500],
    ['1千2百円', 1200],
    ['二万円', 20000],
    ['-300', -300],
    ['−300円', -300],
    ['マイナス300円', -300],
  ])('%s → %d', (text, yen) => expect(parseYenAmount(text)).toBe(yen));

  it.each(['', '12,00', '1.5', '500ドル', 'abc', '千千円', '五百ドル'])('refuses %s', (text) => expect(parseYenAmount(text)).toBeUndefined());
});

describe('afterKeyword', () => {
  it('finds the command word, full width and with or without a space', () => {
    expect(afterKeyword('伝達 0012 犬がいるので注意', HANDOVER_WORDS)).toBe('0012 犬がいるので注意');
    expect(afterKeyword('伝達事項：明日は点検', HANDOVER_WORDS)).toBe('明日は点検');
    expect(afterKeyword('駐車　５００円', PARKING_WORDS)).toBe('500円');
    expect(afterKeyword('駐車場代 300', PARKING_WORDS)).toBe('300');
    expect(afterKeyword('駐車500', PARKING_WORDS)).toBe('500');
    expect(afterKeyword('伝達', HANDOVER_WORDS)).toBe('');
  });

  it('leaves other words alone', () => {
    expect(afterKeyword('駐車違反の車がある', PARKING_WORDS)).toBeUndefined();
    expect(afterKeyword('伝達した', HANDOVER_WORDS)).toBeUndefined();
    expect(afterKeyword('0012 完了', HANDOVER_WORDS)).toBeUndefined();
  });
});

describe('parseHandover', () => {
  it('takes a leading order number only when text follows', () => {
    expect(parseHandover('0012 犬がいるので注意')).toEqual({ orderRef: '0012', text: '犬がいるので注意' });
    expect(parseHandover('20260327-0012 犬 注意')).toEqual({ orderRef: '20260327-0012', text: '犬 注意' });
    expect(parseHandover('明日は車両点検のため午後から')).toEqual({ orderRef: null, text: '明日は車両点検のため午後から' });
    expect(parseHandover('0012')).toEqual({ orderRef: null, text: '0012' });
    expect(parseHandover('')).toEqual({ orderRef: null, text: '' });
  });
});

describe('parseParking', () => {
  it('reads order, amount and note', () => {
    expect(parseParking('0012 500円')).toEqual({ ok: true, orderRef: '0012', amountYen: 500, note: null });
    expect(parseParking('500')).toEqual({ ok: true, orderRef: null, amountYen: 500, note: null });
    expect(parseParking('0012 1,200円 コインパーキング')).toEqual({ ok: true, orderRef: '0012', amountYen: 1200, note: 'コインパーキング' });
    expect(parseParking('700円 片町の駐車場')).toEqual({ ok: true, orderRef: null, amountYen: 700, note: '片町の駐車場' });
  });

  it('reads kanji amounts and a plain number after the order', () => {
    expect(parseParking('千五百円')).toEqual({ ok: true, orderRef: null, amountYen: 1500, note: null });
    expect(parseParking('0012 五百円')).toEqual({ ok: true, orderRef: '0012', amountYen: 500, note: null });
    expect(parseParking('0012 500')).toEqual({ ok: true, orderRef: '0012', amountYen: 500, note: null });
    expect(parseParking('20260327-0012 800円')).toEqual({ ok: true, orderRef: '20260327-0012', amountYen: 800, note: null });
    expect(parseParking('1200円')).toEqual({ ok: true, orderRef: null, amountYen: 1200, note: null });
  });

  it('never takes an order number for the amount', () => {
    expect(parseParking('0009')).toEqual({ ok: false, reason: 'noAmount', orderRef: '0009' });
    expect(parseParking('1200')).toEqual({ ok: false, reason: 'noAmount', orderRef: '1200' });
    expect(parseParking('009')).toEqual({ ok: false, reason: 'noAmount', orderRef: '009' });
    expect(parseParking('20260327-0009')).toEqual({ ok: false, reason: 'noAmount', orderRef: '20260327-0009' });
    expect(parseParking('0009 コインパーキング')).toEqual({ ok: false, reason: 'badAmount', orderRef: '0009' });
  });

  it('refuses a missing, unreadable, zero, negative or implausible amount', () => {
    expect(parseParking('')).toEqual({ ok: false, reason: 'noAmount', orderRef: null });
    expect(parseParking('コインパーキング')).toEqual({ ok: false, reason: 'badAmount', orderRef: null });
    expect(parseParking('0')).toEqual({ ok: false, reason: 'notPositive', orderRef: null });
    expect(parseParking('0円')).toEqual({ ok: false, reason: 'notPositive', orderRef: null });
    expect(parseParking('-500')).toEqual({ ok: false, reason: 'notPositive', orderRef: null });
    expect(parseParking('0012 -500円')).toEqual({ ok: false, reason: 'notPositive', orderRef: '0012' });
    expect(parseParking('0012 50000円')).toEqual({ ok: false, reason: 'tooLarge', orderRef: '0012' });
    expect(parseParking('三万円')).toEqual({ ok: false, reason: 'tooLarge', orderRef: null });
  });
});
