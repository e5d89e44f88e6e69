import { describe, expect, it } from 'vitest';
import { isProgressRequest, parseReassign } from '../../../../src/application/chat/intents/commands.ts';
import type { AssignedOrder } from '../../../../src/application/dispatch/ports.ts';
import { countsOf, progressView, shortOrderNo } from '../../../../src/application/dispatch/progress-view.ts';
import { matchOrderRef, reassignCandidates, resolveWorker } from '../../../../src/application/dispatch/refs.ts';
import type { DayStaffing } from '../../../../src/domain/staffing/day-staffing.ts';
import { isAppError } from '../../../../src/errors.ts';

const staffing: DayStaffing = { date: '2026-03-27', source: 'default', onDuty: ['w01', 'w02', 'w03'], supervisors: ['w01'] };
const names = new Map([
  ['w01', '架空 太郎'],
  ['w02', '仮野 次郎'],
  ['w03', '試験 花子'],
  ['w04', '試験 三郎'],
]);

function order(personId: string, visitOrder: number, n: number, status = 'open', scheduledDate = '2026-03-27'): AssignedOrder {
  const no = `20260327-${String(n).padStart(4, '0')}`;
  return { orderNo: no, kind: 'open', address: `石川県金沢市広坂${n}`, town: '広坂', meterWork: null, diameterMm: 20, previousReading: 1, remarks: null, status, scheduledDate, carriedSince: null, personId, visitOrder };
}

describe('parseReassign', () => {
  it('reads the order and the worker, with or without particles, arrows and さん', () => {
    expect(parseReassign('振替 0012 w03')).toEqual({ orderRef: '0012', workerRef: 'w03' });
    expect(parseReassign('振替　０012　Ｗ03')).toEqual({ orderRef: '0012', workerRef: 'W03' });
    expect(parseReassign('振り替え 12 → 試験 花子')).toEqual({ orderRef: '12', workerRef: '試験 花子' });
    expect(parseReassign('振替 0012を 仮野さんに')).toEqual({ orderRef: '0012', workerRef: '仮野' });
    expect(parseReassign('振替 0012 を w03 に')).toEqual({ orderRef: '0012', workerRef: 'w03' });
  });

  it('asks for the usage when something is missing, and ignores other text', () => {
    expect(parseReassign('振替')).toBe('usage');
    expect(parseReassign('振替 0012')).toBe('usage');
    expect(parseReassign('0012 開栓完了 指針1187')).toBeUndefined();
    expect(parseReassign('振替日はいつ')).toBeUndefined();
  });
});

describe('isProgressRequest', () => {
  it('knows 進捗 and its variants, and nothing else', () => {
    for (const text of ['進捗', '進捗は?', '進捗？', '全体の状況', '状況', '全員の進捗。']) expect(isProgressRequest(text)).toBe(true);
    for (const text of ['残り', '0012 進捗', '進捗が遅れています']) expect(isProgressRequest(text)).toBe(false);
  });
});

describe('refs', () => {
  const day = ['20260327-0001', '20260327-0012', '20260327-0120'];
  it('matches a full number or the serial after the date', () => {
    expect(matchOrderRef(day, '0012')).toEqual(['20260327-0012']);
    expect(matchOrderRef(day, '12')).toEqual(['20260327-0012']);
    expect(matchOrderRef(day, '20260327-0120')).toEqual(['20260327-0120']);
    expect(matchOrderRef(day, 'abc')).toEqual([]);
  });

  it('resolves a worker by id, full name or a family name only one person has', () => {
    const all = staffing.onDuty;
    expect(resolveWorker('W02', all, names)).toBe('w02');
    expect(resolveWorker('試験花子', all, names)).toBe('w03');
    expect(resolveWorker('仮野', all, names)).toBe('w02');
    const ambiguous = (() => {
      try {
        resolveWorker('試験', ['w02', 'w03'], names);
      } catch (e) {
        return e;
      }
    })();
    expect(isAppError(ambiguous) && ambiguous.message).toBe('作業者「試験」が見つかりません。今日振り替えられる作業者: w02 仮野 次郎、w03 試験 花子');
  });

  it('offers as 振替 targets only workers who may work: not those benched for their ID card, not an idle supervisor', () => {
    const benched: DayStaffing = { ...staffing, benched: [{ personId: 'w03', cardState: 'expired' }] };
    expect(reassignCandidates(benched, [{ personId: 'w02' }])).toEqual(['w02']);
    expect(reassignCandidates(benched, [{ personId: 'w01' }])).toEqual(['w01', 'w02']);
    expect(reassignCandidates(staffing, [])).toEqual(['w02', 'w03']);
  });
});

describe('progressView', () => {
  const orders = [order('w02', 1, 1, 'done'), order('w02', 2, 12), order('w02', 3, 5), order('w03', 1, 7, 'absent'), order('w03', 2, 8, 'not_done')];
  const input = { staffing, orders, unassigned: 2, nameOf: (id: string) => names.get(id) ?? id, canReassign: true };

  it('counts per worker and lists the open orders in visit order, town only, keyed progress:<date>', () => {
    const view = progressView(input);
    expect(view.key).toBe('progress:2026-03-27');
    const texts = view.blocks.flatMap((b) => (b.type === 'text' || b.type === 'header' || b.type === 'context' ? [b.text] : []));
    expect(texts).toEqual([
      '3月27日(金) の進捗 (済 3/5件)',
      '仮野 次郎 (w02): 完了 1 / 不在 0 / 未実施 0 / 残り 2\n　残り: 0012 広坂 → 0005 広坂',
      '試験 花子 (w03): 完了 0 / 不在 1 / 未実施 1 / 残り 0\n　残りなし',
      '未振り分けの作業が 2件 あります。',
      '振り替えは「振替 0012 w03」(作業番号 作業者) と送るか、「振替」ボタンを押してください。',
    ]);
    expect(JSON.stringify(view)).not.toContain('石川県');
    expect(view.blocks.at(-1)).toMatchObject({ type: 'actions', buttons: [{ actionId: 'dispatch.reassign', label: '振替' }] });
  });

  it('has no 振替 button for a viewer who may not reassign', () => {
    expect(progressView({ ...input, canReassign: false }).blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('shortens numbers of the day only, and counts carried over away from the day as not done, onto it as open', () => {
    expect(shortOrderNo('20260327-0012', '2026-03-27')).toBe('0012');
    expect(shortOrderNo('20260326-0012', '2026-03-27')).toBe('20260326-0012');
    expect(countsOf([order('w02', 1, 1, 'carried_over', '2026-03-30'), order('w02', 2, 2, 'cancelled')], '2026-03-27')).toEqual({ done: 0, absent: 0, notDone: 1, open: 0 });
    expect(countsOf([order('w02', 1, 1, 'carried_over', '2026-03-30')], '2026-03-30')).toEqual({ done: 0, absent: 0, notDone: 0, open: 1 });
  });
});
