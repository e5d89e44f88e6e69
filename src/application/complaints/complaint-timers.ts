import type { TimerHandler } from '../timers/timer-runner.ts';
import { COMPLAINT_TIMERS } from './complaint-record.ts';
import { createRenotify, notifyComplaint } from './notify-complaint.ts';
import type { ComplaintDeps, ComplaintPolicy } from './ports.ts';
import { t } from '../../templates.ts';
import { createRefresh } from './refresh-complaint.ts';
import { createReminder, createRepage } from './remind-complaint.ts';
import { runPageStep } from './run-paging.ts';
import { timerHandler } from '../timers/timer-kinds.ts';

/**
 * The durable timer handlers of complaints by kind ('complaint.*'), to merge into the one runner's handlers: a runner
 * claims every due timer, and a kind it has no handler for is given up.
 */
export function complaintTimerHandlers(deps: ComplaintDeps): Record<string, TimerHandler> {
  return {
    [COMPLAINT_TIMERS.page]: timerHandler(COMPLAINT_TIMERS.page, ({ complaintId, round, position }, now, timer) =>
      runPageStep(deps, complaintId, { round, position }, now, { retry: timer.attempts > 0 }),
    ),
    [COMPLAINT_TIMERS.notify]: timerHandler(COMPLAINT_TIMERS.notify, ({ complaintId }) => notifyComplaint(deps, complaintId)),
    [COMPLAINT_TIMERS.renotify]: createRenotify(deps),
    [COMPLAINT_TIMERS.remind]: createReminder(deps),
    [COMPLAINT_TIMERS.repage]: createRepage(deps),
    [COMPLAINT_TIMERS.refresh]: createRefresh(deps),
  };
}

/** How long each complaint step waits, in the words of `kaiheisen schedule` (the policy as configured). */
export function complaintWaits(policy: ComplaintPolicy): Record<string, string> {
  return {
    [COMPLAINT_TIMERS.page]: t('schedule.wait.complaintPage', { minutes: policy.ackTimeoutMinutes, retry: policy.nobodyRetryMinutes }),
    [COMPLAINT_TIMERS.notify]: t('schedule.wait.complaintNotify'),
    [COMPLAINT_TIMERS.renotify]: t('schedule.wait.complaintRenotify', { minutes: policy.ackTimeoutMinutes }),
    [COMPLAINT_TIMERS.remind]: t('schedule.wait.complaintRemind', { minutes: policy.resolveTimeoutMinutes }),
    [COMPLAINT_TIMERS.repage]: t('schedule.wait.complaintRepage', { minutes: policy.repageAfterReminderMinutes }),
    [COMPLAINT_TIMERS.refresh]: t('schedule.wait.complaintRefresh'),
  };
}
