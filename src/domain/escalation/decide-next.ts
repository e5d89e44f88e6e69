import type { ChainSnapshot } from './chain.ts';

/** Where a doubt's escalation stands. `level` is the last level notified (-1 before the first). */
export interface EscalationState {
  level: number;
  notifiedAt: Date | null;
  acknowledged: boolean;
  closed: boolean;
}

export type EscalationDecision =
  | { type: 'notify'; level: number; recipients: string[]; dueNextAt: Date | null }
  | { type: 'waitUntil'; at: Date }
  | { type: 'stop'; reason: 'acknowledged' | 'closed' | 'emptyChain' }
  | { type: 'exhausted'; recipients: string[] };

const MINUTE = 60_000;

/**
 * A pure step of the escalation policy: what to do now. No clock, no I/O: the caller passes `now`, applies the
 * decision, and stores a durable timer for `dueNextAt` / `at`.
 */
export function decideNext(state: EscalationState, chain: ChainSnapshot, now: Date): EscalationDecision {
  if (state.closed) return { type: 'stop', reason: 'closed' };
  if (state.acknowledged) return { type: 'stop', reason: 'acknowledged' };
  if (chain.steps.length === 0) return { type: 'stop', reason: 'emptyChain' };
  if (state.level < 0 || !state.notifiedAt) return notify(chain, 0, now);
  const current = chain.steps[state.level];
  if (!current) return { type: 'exhausted', recipients: everyone(chain) };
  const due = new Date(state.notifiedAt.getTime() + current.ackTimeoutMinutes * MINUTE);
  if (now.getTime() < due.getTime()) return { type: 'waitUntil', at: due };
  if (state.level + 1 < chain.steps.length) return notify(chain, state.level + 1, now);
  return { type: 'exhausted', recipients: everyone(chain) };
}

function notify(chain: ChainSnapshot, level: number, now: Date): EscalationDecision {
  const step = chain.steps[level]!;
  return {
    type: 'notify',
    level,
    recipients: step.recipients,
    dueNextAt: new Date(now.getTime() + step.ackTimeoutMinutes * MINUTE),
  };
}

function everyone(chain: ChainSnapshot): string[] {
  return [...new Set(chain.steps.flatMap((s) => s.recipients))];
}
