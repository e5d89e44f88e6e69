import { describe, expect, it } from 'vitest';
import { failureMask } from '../../src/simulation/failure-masking.ts';

const ORDERS = [
  { address: '石川県金沢市片町4丁目13-13', town: '片町', customerName: '石川 大輔', customerNameKana: 'ｲｼｶﾜ ﾀﾞｲｽｹ', customerNumber: '3503055453', phone: '090-0000-1144' },
  { address: '石川県金沢市鞍月5丁目28-5', town: '鞍月', customerName: '山﨑 太郎', customerNameKana: 'ﾔﾏｻﾞｷ ﾀﾛｳ', customerNumber: '5192983756', phone: '076-000-2363' },
];

describe('failureMask: what a failed simulate expectation quotes on stderr', () => {
  const mask = failureMask(ORDERS);

  it('keeps the order number, kind and town; masks the street address, name, kana, customer number and phone', () => {
    const dm = '1. 20261215-0008 開栓\n住所: 石川県金沢市片町4丁目13-13\n石川 大輔 様 (ｲｼｶﾜ ﾀﾞｲｽｹ)\nお客さま番号 3503055453\n電話 090-0000-1144';
    const out = mask(dm);
    expect(out).toContain('20261215-0008 開栓');
    expect(out).toContain('片町(番地以下省略)');
    for (const personal of ['4丁目13-13', '石川 大輔', 'ｲｼｶﾜ', '3503055453', '090-0000-1144']) expect(out).not.toContain(personal);
    expect(out).toContain('[氏名]');
    expect(out).toContain('[お客さま番号]');
    expect(out).toContain('[電話番号]');
  });

  it('cuts an address of no known order (typed in a complaint) to its town, and masks an unknown phone', () => {
    const out = mask('断水の連絡: 金沢市広坂1丁目1-1 の方から 080-1234-5678');
    expect(out).toContain('広坂(番地以下省略)');
    expect(out).not.toMatch(/1丁目1-1|080-1234-5678/);
  });

  it('leaves a message without personal data as it was', () => {
    const text = '■ 3月27日(金) の作業 (9件) / 1. 20260327-0032 閉栓 / 前回指針: 7959';
    expect(mask(text)).toBe(text);
  });
});
