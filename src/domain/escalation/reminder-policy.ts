import { decideNext } from './decide-next.ts';

/**
 * How a case that waits for people is reminded, as data: every `everyMs`, at most `maxRounds` times (absent: until it
 * stops waiting), never after `until`. Doubts (their holder), incidents (who has not acknowledged) and after-hours
 * requests (the bureau, until their end time) follow it.
 */
export interface ReminderPolicy {
  everyMs: number;
  maxRounds?: number;
  until?: Date;
}

export type ReminderDecision =
  | { type: 'stop' }
  | { type: 'expired' }
  | { type: 'remind'; to: string[]; nextAt: Date | null; last: boolean };

/**
 * Round `round` (1, 2 …) of a reminder: a wait of one step repeated (decideNext), whose timeout is the timer that
 * called this. `waitingFor`: whom the case still waits for, null once it waits no more (then stop). The wait had an
 * end and it passed → expired; else remind them, and say when the next round is due (none after the last).
 */
export function nextReminder(policy: ReminderPolicy, round: number, waitingFor: readonly string[] | null, now: Date): ReminderDecision {
  const wait = {
    steps: [{ recipients: waitingFor ?? [], ackTimeoutMinutes: policy.everyMs / 60_000 }],
    afterLast: 'repeat' as const,
    maxRounds: policy.maxRounds,
    until: policy.until,
  };
  const decision = decideNext({ round: round - 1, step: 0, notifiedAt: null, acknowledged: false, closed: waitingFor === null }, wait, now);
  if (decision.type === 'expired') return decision;
  if (decision.type !== 'notify') return { type: 'stop' };
  return { type: 'remind', to: decision.recipients, nextAt: decision.dueNextAt, last: decision.dueNextAt === null };
}
