import { nextReminder } from '../escalation/reminder-policy.ts';

/**
 * How an unanswered 時間外作業の了承依頼 is followed up, as data: the bureau contacts are reminded every `everyMs`, at
 * most `maxReminders` times (like the daily report's approval); one interval after the last reminder the supervisor
 * who asked is told once that the bureau has not answered; at the request's end time (`until`) the request expires.
 */
export interface OvertimeReminderPolicy {
  everyMs: number;
  maxReminders: number;
  until: Date;
}

export type OvertimeReminderStep =
  | { type: 'stop' }
  | { type: 'expired' }
  | { type: 'remind'; to: string[]; next: { round: number; at: Date } | null }
  | { type: 'unanswered'; next: { round: number; at: Date } };

const earlier = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);

/**
 * Round `round` (1, 2 …) of the follow-up; `waitingFor`: the bureau contacts while the request is pending, null once
 * it is answered. Rounds 1…maxReminders remind the bureau, the next one tells the supervisor, the one after that (at
 * `until`) is the expiry; whatever round runs at or after `until` is the expiry.
 */
export function overtimeReminderStep(policy: OvertimeReminderPolicy, round: number, waitingFor: readonly string[] | null, now: Date): OvertimeReminderStep {
  if (waitingFor === null) return { type: 'stop' };
  if (now.getTime() >= policy.until.getTime()) return { type: 'expired' };
  const after = new Date(now.getTime() + policy.everyMs);
  if (round > policy.maxReminders + 1) return { type: 'stop' };
  if (round === policy.maxReminders + 1) return { type: 'unanswered', next: { round: round + 1, at: policy.until } };
  const step = nextReminder({ everyMs: policy.everyMs, maxRounds: policy.maxReminders, until: policy.until }, round, waitingFor, now);
  if (step.type === 'expired') return step;
  if (step.type === 'stop') return { type: 'stop' };
  const nextAt = step.nextAt ?? after;
  return { type: 'remind', to: step.to, next: { round: round + 1, at: earlier(nextAt, policy.until) } };
}
