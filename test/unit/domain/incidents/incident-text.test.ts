import { describe, expect, it } from 'vitest';
import { readIncidentText } from '../../../../src/domain/incidents/incident-text.ts';

describe('readIncidentText', () => {
  it('reads 事故 before or after the order number, and the description without them', () => {
    expect(readIncidentText('事故 0032 メーターボックスの蓋を割ってしまいました')).toEqual({ kind: 'report', description: 'メーターボックスの蓋を割ってしまいました', orderRef: '0032' });
    expect(readIncidentText('0032 事故 メーターボックスの蓋を割ってしまいました')).toEqual({ kind: 'report', description: 'メーターボックスの蓋を割ってしまいました', orderRef: '0032' });
    expect(readIncidentText('事故：２０２６０３２７-００３２番 蓋が割れた')).toEqual({ kind: 'report', description: '蓋が割れた', orderRef: '20260327-0032' });
  });

  it('reads 事故 without an order, with other words, and in the middle of a message', () => {
    expect(readIncidentText('事故 配管から漏水、床が濡れた')).toEqual({ kind: 'report', description: '配管から漏水、床が濡れた', orderRef: null });
    expect(readIncidentText('作業中に事故がありました。漏水しています')).toEqual({ kind: 'report', description: '作業中に事故がありました。漏水しています', orderRef: null });
    expect(readIncidentText('0012 作業車の事故です')).toEqual({ kind: 'report', description: '0012 作業車の事故です', orderRef: '0012' });
    expect(readIncidentText('事故報告 転倒しました')).toEqual({ kind: 'report', description: '転倒しました', orderRef: null });
  });

  it('opens the form for the word alone', () => {
    expect(readIncidentText('事故')).toEqual({ kind: 'form' });
    expect(readIncidentText(' 事故報告 ')).toEqual({ kind: 'form' });
    expect(readIncidentText('事故 0032')).toEqual({ kind: 'form' });
  });

  it('leaves mentions that report no incident to the other routes', () => {
    for (const text of ['事故なし', '事故はありません', '0012 開栓完了 指針1187 事故なし', '事故無し', '事故もなく完了', '無事故で終了', '事故防止のためバルブを養生', '事故は0件', '事故等なし', '事故はなかった']) {
      expect(readIncidentText(text), text).toBeUndefined();
    }
    expect(readIncidentText('0012 開栓完了 指針1187')).toBeUndefined();
  });

  it('reports when one mention of several is not negated', () => {
    expect(readIncidentText('昨日は事故なし、今日は事故 蓋割れ')?.kind).toBe('report');
  });
});
