import { describe, expect, it } from 'vitest';
import type { ClaimedTimer, TimerStore } from '../../../../src/application/timers/ports.ts';
import { InvalidTimerPayload, readPayload, TIMER_KINDS, timerHandler, timerSpec } from '../../../../src/application/timers/timer-kinds.ts';
import { createTimerRunner } from '../../../../src/application/timers/timer-runner.ts';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const AT = new Date('2026-03-27T01:00:00Z');

describe('durable timer payloads', () => {
  it('are written as their kind says and read back unchanged', () => {
    const spec = timerSpec('complaint.page', AT, { complaintId: 7, round: 2, position: -1 }, 'complaint:7:page:2:-1');
    expect(spec).toEqual({ kind: 'complaint.page', dueAt: AT, payload: { complaintId: 7, round: 2, position: -1 }, dedupeKey: 'complaint:7:page:2:-1' });
    expect(readPayload('complaint.page', spec.payload)).toEqual({ complaintId: 7, round: 2, position: -1 });
  });

  it('fill the defaults of rows written before a field existed', () => {
    expect(readPayload('doubt.remind', { doubtId: 3 })).toEqual({ doubtId: 3, phase: 'ack', round: 1 });
    expect(readPayload('incident.remind', { incidentId: 1, round: 2 })).toEqual({ incidentId: 1, round: 2, everyMs: null });
    expect(readPayload('complaint.refresh', { complaintId: 1 })).toEqual({ complaintId: 1, notice: null });
    expect(readPayload('daily.remind', { date: '2026-03-27' })).toEqual({ date: '2026-03-27', round: 1 });
  });

  it('refuse a missing or ill-typed field, naming it', () => {
    expect(() => readPayload('doubt.escalate', { level: 1 })).toThrow(/doubt\.escalate: payload field 'doubtId'/);
    expect(() => readPayload('doubt.escalate', { doubtId: '12', level: 1 })).toThrow(InvalidTimerPayload);
    expect(() => readPayload('doubt.remind', { doubtId: 1, phase: 'later' })).toThrow(/'phase'/);
    expect(() => readPayload('complaint.remind', { complaintId: 1, ackAt: -5 })).toThrow(/'ackAt'/);
    expect(() => readPayload('overtime.remind', { requestId: 0 })).toThrow(/'requestId'/);
    expect(() => readPayload('complaint.page', { complaintId: 1, round: 1, position: 0.5 })).toThrow(/'position'/);
    expect(() => readPayload('daily.remind', { date: '2026-02-30', round: 2 })).toThrow(/daily\.remind: payload field 'date'/);
    expect(() => readPayload('daily.remind', { date: 20260327, round: 2 })).toThrow(/'date'/);
    expect(() => readPayload('daily.remind', { date: '2026-03-27', round: 0 })).toThrow(/'round'/);
  });

  it('cover every kind a feature schedules', () => {
    expect(Object.keys(TIMER_KINDS).sort()).toEqual([
      'complaint.notify', 'complaint.page', 'complaint.refresh', 'complaint.remind', 'complaint.renotify', 'complaint.repage',
      'daily.remind', 'doubt.escalate', 'doubt.remind', 'incident.remind', 'overtime.remind',
    ]);
  });
});

describe('the timer runner', () => {
  it('gives up at once on a payload that does not fit its kind, and still runs the good one', async () => {
    const due: ClaimedTimer[] = [
      { id: 1, kind: 'doubt.escalate', dueAt: AT, payload: { doubtId: 'x' }, attempts: 0 },
      { id: 2, kind: 'doubt.escalate', dueAt: AT, payload: { doubtId: 5, level: 1 }, attempts: 0 },
    ];
    const outcomes: string[] = [];
    const store: TimerStore = {
      schedule: async () => 0,
      cancelByPrefix: async () => 0,
      claimDue: async () => due.splice(0),
      complete: async (id) => void outcomes.push(`${id}:done`),
      retry: async (id, error, _at, giveUp) => void outcomes.push(`${id}:${giveUp ? 'given up' : 'retry'}:${error}`),
      overdue: async () => [],
      completeByKey: async () => undefined,
      isPending: async () => false,
    };
    const ran: unknown[] = [];
    const handlers = { 'doubt.escalate': timerHandler('doubt.escalate', async (payload) => void ran.push(payload)) };
    await createTimerRunner({ store, handlers, logger: silent, instanceId: 'a' }).tick(AT);
    expect(ran).toEqual([{ doubtId: 5, level: 1 }]);
    expect(outcomes).toEqual([`1:given up:timer doubt.escalate: payload field 'doubtId' missing or invalid`, '2:done']);
  });
});
