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
 * Round `round` (1, 2 …) of a reminder. `waitingFor`: whom the case still waits for, null once it waits no more (then
 * stop). The wait had an end and it passed → expired; else remind them, and say when the next round is due (none after
 * the last).
 */
export function nextReminder(policy: ReminderPolicy, round: number, waitingFor: readonly string[] | null, now: Date): ReminderDecision {
  if (waitingFor === null) return { type: 'stop' };
  if (policy.until && now.getTime() >= policy.until.getTime()) return { type: 'expired' };
  const last = policy.maxRounds !== undefined && round >= policy.maxRounds;
  return { type: 'remind', to: [...waitingFor], nextAt: last ? null : new Date(now.getTime() + policy.everyMs), last };
}
