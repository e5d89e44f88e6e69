import { nextReminder } from '../../domain/escalation/reminder-policy.ts';
import { tokyoInstant } from '../../domain/calendar/local-time.ts';
import { t } from '../../templates.ts';
import { plainView } from '../chat/dispatcher.ts';
import { deliverCase } from '../cases/case-delivery.ts';
import type { CaseChange } from '../cases/ports.ts';
import type { TimerHandler } from '../timers/timer-runner.ts';
import { DEFAULT_OVERTIME_REMIND_MINUTES } from './request-overtime.ts';
import { OVERTIME_REMIND, overtimeRemindKey, type OvertimeDeps, type OvertimePatch, type OvertimeRecord } from './overtime-record.ts';
import { readPayload, timerSpec } from '../timers/timer-kinds.ts';

type Step = { type: 'none' } | { type: 'expired' } | { type: 'remind'; to: string[] };

function decideStep(deps: OvertimeDeps, request: OvertimeRecord, round: number, now: Date): CaseChange<OvertimePatch, Step> {
  const policy = { everyMs: (deps.overtimeRemindMinutes ?? DEFAULT_OVERTIME_REMIND_MINUTES) * 60_000, until: tokyoInstant(request.date, request.until) };
  const step = nextReminder(policy, round, request.state === 'pending' ? request.notified : null, now);
  if (step.type === 'stop') return { result: { type: 'none' } };
  if (step.type === 'expired') {
    return { effects: { events: [{ action: 'expired', actorId: null, detail: { until: request.until } }] }, result: { type: 'expired' } };
  }
  const next = step.nextAt ? [timerSpec(OVERTIME_REMIND, step.nextAt, { requestId: request.id, round: round + 1 }, overtimeRemindKey(request.id, round + 1))] : [];
  return {
    effects: { events: [{ action: 'reminded', actorId: null, detail: { to: request.notified, round } }], schedule: next },
    result: { type: 'remind', to: request.notified },
  };
}

/**
 * Timer handler 'overtime.remind' (payload {requestId, round}): an unanswered request is reminded to the bureau
 * contacts every interval until it is answered or its end time passes; then the supervisor is told there is no consent.
 */
export function createOvertimeReminder(deps: OvertimeDeps): TimerHandler {
  return async (timer, now) => {
    const { requestId, round } = readPayload(OVERTIME_REMIND, timer.payload);
    const out = await deps.overtime.change(requestId, now, (request) => decideStep(deps, request, round, now));
    if (!out || out.result.type === 'none') return;
    const { record: request, result } = out;
    if (result.type === 'expired') {
      deps.logger.warn('overtime request expired without an answer', { requestId });
      const view = plainView(t('escalation.overtime.expired', { id: request.id, until: request.until }), `overtime:${request.id}:expired`);
      await deliverCase(deps, 'overtime', request.id, [{ personId: request.requestedById, view }]);
      return;
    }
    const text = t('escalation.overtime.reminder', { id: request.id, orders: request.orderNos.join('、'), until: request.until });
    const view = plainView(text, `overtime:${request.id}:remind:${round}`);
    await deliverCase(deps, 'overtime', request.id, result.to.map((personId) => ({ personId, view })));
  };
}
