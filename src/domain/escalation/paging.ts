/**
 * After-hours paging of the roster for a complaint: page in order, each with an acknowledgement timeout; nobody
 * acknowledges → the next, and round again until someone does. People who cannot be reached are skipped at once.
 */
export interface PagingState {
  round: number; // 1-based; 0 before the first page
  position: number; // index in the roster of the last page
  lastPagedAt: Date | null;
  acknowledged: boolean;
  resolved: boolean;
}

export type PagingDecision =
  | { type: 'page'; round: number; position: number; personId: string; skipped: string[]; dueNextAt: Date }
  | { type: 'waitUntil'; at: Date }
  | { type: 'stop'; reason: 'acknowledged' | 'resolved' }
  | { type: 'nobodyReachable' };

export interface PagingPolicy {
  ackTimeoutMinutes: number;
}

const MINUTE = 60_000;

export function decideNextPage(
  state: PagingState,
  roster: string[],
  isReachable: (personId: string) => boolean,
  policy: PagingPolicy,
  now: Date,
): PagingDecision {
  if (state.resolved) return { type: 'stop', reason: 'resolved' };
  if (state.acknowledged) return { type: 'stop', reason: 'acknowledged' };
  if (state.lastPagedAt) {
    const due = new Date(state.lastPagedAt.getTime() + policy.ackTimeoutMinutes * MINUTE);
    if (now.getTime() < due.getTime()) return { type: 'waitUntil', at: due };
  }
  const next = nextReachable(state, roster, isReachable);
  if (!next) return { type: 'nobodyReachable' };
  return { type: 'page', ...next, dueNextAt: new Date(now.getTime() + policy.ackTimeoutMinutes * MINUTE) };
}

/** The next roster member after the last page, wrapping into the next round; undefined when nobody is reachable. */
export function nextReachable(
  state: Pick<PagingState, 'round' | 'position'>,
  roster: string[],
  isReachable: (personId: string) => boolean,
): { round: number; position: number; personId: string; skipped: string[] } | undefined {
  if (roster.length === 0) return undefined;
  const skipped: string[] = [];
  let round = Math.max(state.round, 1);
  let position = state.round === 0 ? -1 : state.position;
  for (let i = 0; i < roster.length; i++) {
    position += 1;
    if (position >= roster.length) {
      position = 0;
      round += 1;
    }
    const personId = roster[position]!;
    if (isReachable(personId)) return { round, position, personId, skipped };
    skipped.push(personId);
  }
  return undefined;
}
