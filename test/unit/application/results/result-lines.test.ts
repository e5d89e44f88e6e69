import { describe, expect, it } from 'vitest';
import type { ResultOrderInfo } from '../../../../src/application/results/ports.ts';
import { draftLines } from '../../../../src/application/results/result-lines.ts';
import type { ResultDraft } from '../../../../src/domain/results/result-draft.ts';

const order = { orderNo: '20260327-0011', kind: 'close', meterWork: 'remove', diameterMm: 13, meterNumber: null, previousReading: 8899, previousUsage: null, address: '', town: '泉が丘', scheduledDate: '2026-03-27' } as unknown as ResultOrderInfo;
const lines = (draft: Partial<ResultDraft>) => draftLines(order, { outcome: 'done', ...draft } as ResultDraft, (s) => s);

describe('the meter line of a result', () => {
  it('says a removal was done, not that something is unknown, when no meter number or diameter was asked', () => {
    expect(lines({ meterWorkDone: 'remove' } as Partial<ResultDraft>)).toContain('メーター引上: 済');
    expect(lines({ meterWorkDone: 'remove' } as Partial<ResultDraft>).join('\n')).not.toContain('不明');
  });

  it('names the fitted meter by its number and diameter', () => {
    expect(lines({ meterWorkDone: 'install', meterNumber: 'M8001', meterDiameterMm: 20 } as Partial<ResultDraft>)).toContain('メーター取付: M8001 φ20');
  });
});
