import { describe, expect, it } from 'vitest';
import { afterSupplyWord, isStockRequest, parseSupply } from '../../../../src/domain/consumables/supply-command.ts';

const supply = (text: string) => parseSupply(afterSupplyWord(text) ?? '');

describe('支給 in chat', () => {
  it('reads an item and its quantity, with counters and full-width digits', () => {
    expect(supply('支給 ピン 100')).toEqual({ ok: true, line: { item: 'valvePin', diameterMm: 0, quantity: 100 } });
    expect(supply('支給 ピン100本')).toEqual({ ok: true, line: { item: 'valvePin', diameterMm: 0, quantity: 100 } });
    expect(supply('支給　銅線　２０')).toEqual({ ok: true, line: { item: 'copperWire', diameterMm: 0, quantity: 20 } });
    expect(supply('支給 封印玉 50個')).toEqual({ ok: true, line: { item: 'seal', diameterMm: 0, quantity: 50 } });
    expect(supply('しきゅう ぴん 1,000')).toEqual({ ok: true, line: { item: 'valvePin', diameterMm: 0, quantity: 1000 } });
  });

  it('reads meters by bore', () => {
    expect(supply('支給 メーター φ13 10')).toEqual({ ok: true, line: { item: 'meter', diameterMm: 13, quantity: 10 } });
    expect(supply('支給 メーター 口径20 3個')).toEqual({ ok: true, line: { item: 'meter', diameterMm: 20, quantity: 3 } });
  });

  it('says what is wrong', () => {
    expect(supply('支給')).toEqual({ ok: false, reason: 'usage' });
    expect(supply('支給 ピン')).toEqual({ ok: false, reason: 'usage' });
    expect(supply('支給 ボルト 10')).toEqual({ ok: false, reason: 'unknownItem' });
    expect(supply('支給 ピン 0')).toEqual({ ok: false, reason: 'badQuantity' });
    expect(supply('支給 ピン たくさん')).toEqual({ ok: false, reason: 'badQuantity' });
    expect(supply('支給 メーター φ15 10')).toEqual({ ok: false, reason: 'badDiameter' });
    expect(supply('支給 メーター 10個')).toEqual({ ok: false, reason: 'badDiameter' });
  });

  it('says when a message holds two items, or a unit it does not know, instead of a bad quantity', () => {
    expect(supply('支給 ピン 100 銅線 20')).toEqual({ ok: false, reason: 'severalItems' });
    expect(supply('支給 ピン100本、銅線20本')).toEqual({ ok: false, reason: 'severalItems' });
    expect(supply('支給 ピン 100 メーター φ13 2')).toEqual({ ok: false, reason: 'severalItems' });
    expect(supply('支給 銅線 2m')).toEqual({ ok: false, reason: 'badUnit' });
    expect(supply('支給 銅線 2 メートル')).toEqual({ ok: false, reason: 'badUnit' });
    expect(supply('支給 ピン 1.5')).toEqual({ ok: false, reason: 'badQuantity' });
    expect(supply('支給 封印玉 30枚')).toEqual({ ok: true, line: { item: 'seal', diameterMm: 0, quantity: 30 } });
    expect(supply('支給 ピン 100 本')).toEqual({ ok: true, line: { item: 'valvePin', diameterMm: 0, quantity: 100 } });
  });

  it('is not another message', () => {
    expect(afterSupplyWord('0012 閉栓完了')).toBeUndefined();
    expect(isStockRequest('在庫')).toBe(true);
    expect(isStockRequest('在庫？')).toBe(true);
    expect(isStockRequest('在庫 ピン')).toBe(false);
  });
});
