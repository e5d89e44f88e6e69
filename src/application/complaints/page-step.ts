import { decideNext, type WaitDecision, type WaitState } from '../../domain/escalation/decide-next.ts';
import { rosterPolicy } from '../../domain/escalation/paging.ts';
import type { ComplaintChange, ComplaintPolicy, ComplaintRecord, NewPage, PageRecord } from './ports.ts';
import { lastPage, pageKey, pageTimer } from './complaint-record.ts';

/** Where a paging step continues from: the page (round, position) whose timeout it is, or (round, -1) to start a cycle. */
export interface StepFrom {
  round: number;
  position: number;
}

export type PageStepResult =
  | { type: 'page'; round: number; position: number; personId: string }
  | { type: 'resend'; page: PageRecord }
  | { type: 'stopped'; reason: string }
  | { type: 'stale' }
  | { type: 'wait' }
  | { type: 'nobody' };

const MINUTE = 60_000;
const RESEND_GRACE_MS = 60_000;
const SYSTEM = { actorId: null, channel: 'system' };
const compare = (a: StepFrom, b: StepFrom) => a.round - b.round || a.position - b.position;

/** The wait as the roster policy sees it; the complaint's state was checked before (acknowledged or resolved stop). */
function pagingState(c: ComplaintRecord, from: StepFrom): WaitState {
  const last = lastPage(c);
  const answering = last && compare(last, from) === 0 && (last.outcome === 'sent' || last.outcome === 'sending');
  return { round: from.round, step: from.position, notifiedAt: answering ? last.sentAt : null, acknowledged: false, closed: false };
}

function pageChange(c: ComplaintRecord, from: StepFrom, decision: Extract<WaitDecision, { type: 'notify' }>): ComplaintChange<PageStepResult> {
  const last = lastPage(c);
  const slotOf = (s: { round: number; step: number; recipients: string[] }) => ({ personId: s.recipients[0]!, round: s.round, position: s.step });
  const skipped = decision.skipped.map((s) => s.recipients[0]!);
  const newPages: NewPage[] = [...decision.skipped.map((s) => ({ ...slotOf(s), outcome: 'unreachable' as const })), { ...slotOf(decision), outcome: 'sending' }];
  const timedOut = last && compare(last, from) === 0 && (last.outcome === 'sent' || last.outcome === 'sending');
  const to = slotOf(decision);
  return {
    patch: { newPages, pageOutcomes: timedOut ? [{ pageId: last.id, outcome: 'timed_out' }] : [] },
    effects: {
      events: [
        ...skipped.map((personId) => ({ action: 'skipped', actorId: null, detail: { personId, reason: 'noChatIdentity' } })),
        { action: 'paged', actorId: null, detail: { ...to, skipped } },
      ],
      audit: { ...SYSTEM, action: 'complaint.page', before: last ? { personId: last.personId, round: last.round, position: last.position } : null, after: to },
      schedule: decision.dueNextAt ? [pageTimer(c.id, to.round, to.position, decision.dueNextAt)] : [],
    },
    result: { type: 'page', ...to },
  };
}

/**
 * One paging step, decided on the complaint as read inside the write funnel: acknowledged or resolved → nothing;
 * a step another run already took → nothing (or the message again when that run died before sending it); otherwise
 * the roster's wait (decideNext), skipping at once who is not reachable in chat.
 */
export function decidePageStep(
  c: ComplaintRecord,
  from: StepFrom,
  roster: string[],
  isReachable: (personId: string) => boolean,
  policy: ComplaintPolicy,
  now: Date,
  retry = false,
): ComplaintChange<PageStepResult> {
  if (c.state !== 'paging') return { result: { type: 'stopped', reason: c.state } };
  const last = lastPage(c);
  if (last && compare(last, from) > 0) {
    const age = now.getTime() - last.sentAt.getTime();
    // Still 'sending' after the decision: the run that wrote it failed (this is its retry) or died (a live run is
    // quicker than the grace); either way its message may never have gone out.
    const orphaned = last.outcome === 'sending' && (retry || age >= RESEND_GRACE_MS) && age < policy.ackTimeoutMinutes * MINUTE;
    return { result: orphaned ? { type: 'resend', page: last } : { type: 'stale' } };
  }
  const decision = decideNext(pagingState(c, from), rosterPolicy(roster, policy.ackTimeoutMinutes), now, isReachable);
  switch (decision.type) {
    case 'stop':
      return { result: { type: 'stopped', reason: decision.reason } };
    case 'expired':
    case 'exhausted':
      return { result: { type: 'stopped', reason: decision.type } };
    case 'waitUntil':
      return { effects: { schedule: [pageTimer(c.id, from.round, from.position, decision.at, `:at:${decision.at.getTime()}`)] }, result: { type: 'wait' } };
    case 'nobodyReachable': {
      const retryAt = new Date(now.getTime() + policy.nobodyRetryMinutes * MINUTE);
      return {
        effects: {
          events: [{ action: 'nobodyReachable', actorId: null, detail: { ...from, rosterSize: roster.length, retryAt: retryAt.toISOString() } }],
          schedule: [pageTimer(c.id, from.round, from.position, retryAt, `:retry:${now.getTime()}`)],
        },
        result: { type: 'nobody' },
      };
    }
    case 'notify':
      return pageChange(c, from, decision);
  }
}

/** The page just decided could not be delivered: it is marked unreachable and its timeout is cancelled. */
export function unreachableChange(c: ComplaintRecord, page: PageRecord, reason: string): ComplaintChange<boolean> {
  const current = c.pages.find((p) => p.id === page.id);
  if (current?.outcome !== 'sending' && current?.outcome !== 'sent') return { result: false };
  return {
    patch: { pageOutcomes: [{ pageId: page.id, outcome: 'unreachable' }] },
    effects: {
      events: [{ action: 'unreachable', actorId: null, detail: { personId: page.personId, round: page.round, position: page.position, reason } }],
      cancelKeys: [pageKey(c.id, page.round, page.position)],
    },
    result: c.state === 'paging',
  };
}

/** The page was delivered: 'sending' becomes 'sent' (an acknowledgement in between has cancelled it already). */
export function sentChange(c: ComplaintRecord, page: PageRecord): ComplaintChange<void> {
  const current = c.pages.find((p) => p.id === page.id);
  return current?.outcome === 'sending' ? { patch: { pageOutcomes: [{ pageId: page.id, outcome: 'sent' }] }, result: undefined } : { result: undefined };
}
