import { overtimeReminderStep } from '../../domain/overtime/overtime-reminders.ts';
import { tokyoInstant } from '../../domain/calendar/local-time.ts';
import { t } from '../../templates.ts';
import { plainView } from '../chat/dispatcher.ts';
import { deliverCase } from '../cases/case-delivery.ts';
import type { CaseChange } from '../cases/ports.ts';
import type { TimerHandler } from '../timers/timer-runner.ts';
import { DEFAULT_OVERTIME_MAX_REMINDERS, DEFAULT_OVERTIME_REMIND_MINUTES } from './request-overtime.ts';
import { OVERTIME_REMIND, overtimeRemindKey, type OvertimeDeps, type OvertimePatch, type OvertimeRecord } from './overtime-record.ts';
import { readPayload, timerSpec } from '../timers/timer-kinds.ts';

type Step = { type: 'none' } | { type: 'expired' } | { type: 'remind'; to: string[] } | { type: 'unanswered' };

function decideStep(deps: OvertimeDeps, request: OvertimeRecord, round: number, now: Date): CaseChange<OvertimePatch, Step> {
  const policy = {
    everyMs: (deps.overtimeRemindMinutes ?? DEFAULT_OVERTIME_REMIND_MINUTES) * 60_000,
    maxReminders: deps.overtimeMaxReminders ?? DEFAULT_OVERTIME_MAX_REMINDERS,
    until: tokyoInstant(request.date, request.until),
  };
  const step = overtimeReminderStep(policy, round, request.state === 'pending' ? request.notified : null, now);
  if (step.type === 'stop') return { result: { type: 'none' } };
  if (step.type === 'expired') {
    return { effects: { events: [{ action: 'expired', actorId: null, detail: { until: request.until } }] }, result: { type: 'expired' } };
  }
  const next = step.next ? [timerSpec(OVERTIME_REMIND, step.next.at, { requestId: request.id, round: step.next.round }, overtimeRemindKey(request.id, step.next.round))] : [];
  if (step.type === 'unanswered') {
    const detail = { to: request.requestedById, reminders: policy.maxReminders };
    return { effects: { events: [{ action: 'unanswered', actorId: null, detail }], schedule: next }, result: { type: 'unanswered' } };
  }
  return {
    effects: { events: [{ action: 'reminded', actorId: null, detail: { to: request.notified, round } }], schedule: next },
    result: { type: 'remind', to: request.notified },
  };
}

/**
 * Timer handler 'overtime.remind' (payload {requestId, round}): an unanswered request is reminded to the bureau
 * contacts every interval, at most a few times (overtimeReminderStep); then the supervisor who asked is told once that
 * the bureau has not answered, and again when the end time passed without an answer.
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
    if (result.type === 'unanswered') {
      deps.logger.warn('overtime request still unanswered after the last reminder', { requestId });
      const count = deps.overtimeMaxReminders ?? DEFAULT_OVERTIME_MAX_REMINDERS;
      const text = t('escalation.overtime.unanswered', { id: request.id, orders: request.orderNos.join('、'), until: request.until, count });
      await deliverCase(deps, 'overtime', request.id, [{ personId: request.requestedById, view: plainView(text, `overtime:${request.id}:unanswered`) }]);
      return;
    }
    const text = t('escalation.overtime.reminder', { id: request.id, orders: request.orderNos.join('、'), until: request.until });
    const view = plainView(text, `overtime:${request.id}:remind:${round}`);
    await deliverCase(deps, 'overtime', request.id, result.to.map((personId) => ({ personId, view })));
  };
}
