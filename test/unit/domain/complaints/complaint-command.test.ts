import { describe, expect, it } from 'vitest';
import { addressKey, parseComplaintCommand } from '../../../../src/domain/complaints/complaint-command.ts';
import { nightOf } from '../../../../src/domain/complaints/complaint-night.ts';

describe('parseComplaintCommand', () => {
  it('reads the kind, the address token and the rest as the description', () => {
    expect(parseComplaintCommand('苦情 水が出ない 金沢市広坂1丁目1-1 2階の蛇口')).toEqual({
      kind: 'noWater',
      address: '金沢市広坂1丁目1-1',
      customerNumber: null,
      description: '水が出ない 2階の蛇口',
    });
  });

  it('reads a customer number typed in full width, and other complaints', () => {
    expect(parseComplaintCommand('苦情　お客さま番号　１２３４５６７８９０　メーターから音がする')).toEqual({
      kind: 'other',
      address: null,
      customerNumber: '1234567890',
      description: 'メーターから音がする',
    });
    expect(parseComplaintCommand('苦情 諸江町2-3-4 断水している')?.address).toBe('諸江町2-3-4');
  });

  it('is not a command unless the text starts with 苦情', () => {
    expect(parseComplaintCommand('苦情対応ありがとう')).toBeUndefined();
    expect(parseComplaintCommand('水が出ない 苦情')).toBeUndefined();
    expect(parseComplaintCommand('苦情')).toEqual({ kind: 'other', address: null, customerNumber: null, description: '' });
  });
});

describe('addressKey', () => {
  it('compares addresses across width, 丁目/番/号 and the city prefix', () => {
    const key = addressKey('石川県金沢市広坂1丁目1-1');
    expect(addressKey('金沢市広坂１丁目１番１号')).toBe(key);
    expect(addressKey('広坂1-1-1')).toBe(key);
    expect(addressKey('広坂1-1-2')).not.toBe(key);
  });
});

describe('nightOf', () => {
  it('gives the date the night started on: before 9:00 it is still the previous night', () => {
    expect(nightOf(new Date('2026-01-02T14:10:00Z'), '09:00')).toBe('2026-01-02'); // 23:10 on 1/2
    expect(nightOf(new Date('2026-01-02T16:00:00Z'), '09:00')).toBe('2026-01-02'); // 01:00 on 1/3
    expect(nightOf(new Date('2026-01-03T00:00:00Z'), '09:00')).toBe('2026-01-03'); // 09:00 on 1/3
  });
});
