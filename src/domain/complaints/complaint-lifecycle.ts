import type { ComplaintPatch, ComplaintRecord, PageOutcome } from './complaint.ts';

/**
 * What people do with a complaint, as pure transitions: open or paging → acknowledged (対応します) → resolved (解決報告).
 * Each returns the change and what becomes of the pages still ringing, or why it is refused.
 */
export type ComplaintRefusal = { reason: 'resolved' } | { reason: 'taken'; by: string | null };

export interface PageChange {
  pageId: number;
  outcome: PageOutcome;
  acknowledgedAt?: Date;
}

type Refused = { ok: false; refusal: ComplaintRefusal };
export type ComplaintStep = { ok: true; change: ComplaintPatch; pages: PageChange[] } | Refused;
export type ComplaintTransition = ComplaintStep | { ok: true; unchanged: true };

const ringing = (c: ComplaintRecord) => c.pages.filter((p) => p.outcome === 'sending' || p.outcome === 'sent');

/**
 * 対応します by `personId`: they hold it, their page counts as acknowledged, everyone else's stops ringing. Taken by
 * someone else: refused, naming them; already theirs: unchanged.
 */
export function acknowledgeComplaint(c: ComplaintRecord, personId: string, now: Date): ComplaintTransition {
  if (c.state === 'resolved') return { ok: false, refusal: { reason: 'resolved' } };
  if (c.state === 'acknowledged') return c.holderId === personId ? { ok: true, unchanged: true } : { ok: false, refusal: { reason: 'taken', by: c.holderId } };
  return {
    ok: true,
    change: { state: 'acknowledged', holderId: personId, acknowledgedAt: now },
    pages: ringing(c).map((p) => (p.personId === personId ? { pageId: p.id, outcome: 'acknowledged', acknowledgedAt: now } : { pageId: p.id, outcome: 'cancelled' })),
  };
}

/** Why the complaint cannot be resolved now (before its report is even read), or null. */
export const resolutionRefusal = (c: ComplaintRecord): ComplaintRefusal | null => (c.state === 'resolved' ? { reason: 'resolved' } : null);

/** 解決報告 with what was found and done and when; every page still ringing stops. */
export function resolveComplaint(
  c: ComplaintRecord,
  personId: string,
  resolution: { findings: string; actionTaken: string; resolvedAt: Date },
): ComplaintStep {
  const refusal = resolutionRefusal(c);
  if (refusal) return { ok: false, refusal };
  return {
    ok: true,
    change: { state: 'resolved', ...resolution, resolvedById: personId, holderId: c.holderId ?? personId },
    pages: ringing(c).map((p) => ({ pageId: p.id, outcome: 'cancelled' })),
  };
}
