import type { TimerHandler } from '../timers/timer-runner.ts';
import { COMPLAINT_TIMERS } from './complaint-record.ts';
import { createRenotify, notifyComplaint } from './notify-complaint.ts';
import type { ComplaintDeps } from './ports.ts';
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
