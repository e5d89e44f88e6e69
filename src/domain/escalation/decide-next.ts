/**
 * Waiting for a person, as data: notify each step's people in turn, wait `ackTimeoutMinutes` for an acknowledgement,
 * then go on to the next step; after the last, either stop (the doubt's contact chain: everyone is told it is
 * exhausted) or start over in the next round (the after-hours roster is paged until someone answers; a reminder
 * repeats its one step). Steps whose people cannot be reached are skipped at once.
 */
export interface WaitStep {
  recipients: readonly string[];
  ackTimeoutMinutes: number;
}

export interface WaitPolicy {
  steps: readonly WaitStep[];
  afterLast: 'exhaust' | 'repeat';
  /** 'repeat' only: the last round (absent: until someone acknowledges). */
  maxRounds?: number;
  /** Nobody is notified from this time on: the wait has expired. */
  until?: Date;
}

/** Where a wait stands: the round (1-based) and step of the last notification; round 0 and step -1 before the first. */
export interface WaitState {
  round: number;
  step: number;
  /** When that step was notified; null: not yet, or its timeout is not this decision's concern (a reminder round). */
  notifiedAt: Date | null;
  acknowledged: boolean;
  closed: boolean;
}

export interface WaitSlot {
  round: number;
  step: number;
  recipients: string[];
}

export type WaitDecision =
  | (WaitSlot & { type: 'notify'; skipped: WaitSlot[]; dueNextAt: Date | null })
  | { type: 'waitUntil'; at: Date }
  | { type: 'stop'; reason: 'acknowledged' | 'closed' | 'noSteps' }
  | { type: 'expired' }
  | { type: 'exhausted'; recipients: string[] }
  | { type: 'nobodyReachable' };

const MINUTE = 60_000;
const everyoneReachable = () => true;
const after = (from: Date, minutes: number) => new Date(from.getTime() + Math.round(minutes * MINUTE));

/**
 * The one pure step of every wait (doubt chains, complaint paging, reminders): what to do now. No clock, no I/O: the
 * caller passes `now`, applies the decision, and stores a durable timer for `dueNextAt` / `at`.
 */
export function decideNext(state: WaitState, policy: WaitPolicy, now: Date, isReachable: (personId: string) => boolean = everyoneReachable): WaitDecision {
  if (state.closed) return { type: 'stop', reason: 'closed' };
  if (state.acknowledged) return { type: 'stop', reason: 'acknowledged' };
  if (policy.until && now.getTime() >= policy.until.getTime()) return { type: 'expired' };
  if (policy.steps.length === 0) return policy.afterLast === 'repeat' ? { type: 'nobodyReachable' } : { type: 'stop', reason: 'noSteps' };
  if (state.notifiedAt && state.step >= 0) {
    const current = policy.steps[state.step];
    if (!current) return { type: 'exhausted', recipients: everyone(policy) };
    const due = after(state.notifiedAt, current.ackTimeoutMinutes);
    if (now.getTime() < due.getTime()) return { type: 'waitUntil', at: due };
  }
  return nextStep(state, policy, now, isReachable);
}

function nextStep(state: WaitState, policy: WaitPolicy, now: Date, isReachable: (personId: string) => boolean): WaitDecision {
  const skipped: WaitSlot[] = [];
  let slot = { round: Math.max(state.round, 1), step: state.round === 0 ? -1 : state.step };
  for (let i = 0; i < policy.steps.length; i++) {
    slot = following(slot, policy);
    if (slot.step < 0 || (policy.maxRounds !== undefined && slot.round > policy.maxRounds)) return { type: 'exhausted', recipients: everyone(policy) };
    const step = policy.steps[slot.step]!;
    const here = { ...slot, recipients: [...step.recipients] };
    if (step.recipients.length > 0 && !step.recipients.some(isReachable)) {
      skipped.push(here);
      continue;
    }
    return { type: 'notify', ...here, skipped, dueNextAt: isFinal(slot, policy) ? null : after(now, step.ackTimeoutMinutes) };
  }
  return policy.afterLast === 'repeat' ? { type: 'nobodyReachable' } : { type: 'exhausted', recipients: everyone(policy) };
}

/** The slot after `slot`: the next step, or the first of the next round ('repeat'); step -1 when an exhausting policy has none. */
function following(slot: { round: number; step: number }, policy: WaitPolicy): { round: number; step: number } {
  if (slot.step + 1 < policy.steps.length) return { round: slot.round, step: slot.step + 1 };
  return policy.afterLast === 'repeat' ? { round: slot.round + 1, step: 0 } : { round: slot.round, step: -1 };
}

/** The last step of the last round of a bounded repeat: nothing follows it, so no timeout is scheduled. */
const isFinal = (slot: { round: number; step: number }, policy: WaitPolicy) =>
  policy.afterLast === 'repeat' && policy.maxRounds !== undefined && slot.round >= policy.maxRounds && slot.step === policy.steps.length - 1;

function everyone(policy: WaitPolicy): string[] {
  return [...new Set(policy.steps.flatMap((s) => s.recipients))];
}
