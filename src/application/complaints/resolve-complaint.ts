import { resolutionRefusal, resolveComplaint as resolve } from '../../domain/complaints/complaint-lifecycle.ts';
import type { PersonActor } from '../../domain/access/actor.ts';
import { addDays, isIsoDate, tokyoDate, tokyoInstant } from '../../domain/calendar/local-time.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { runNow } from './complaint-delivery.ts';
import { refusalError } from './acknowledge-complaint.ts';
import { appliedBy, complaintPrefix, refreshTimer, requireActor, sourceOf } from './complaint-record.ts';
import { runRefresh } from './refresh-complaint.ts';
import type { ComplaintChange, ComplaintDeps, ComplaintRecord } from './ports.ts';

export interface ResolveInput {
  findings: string;
  actionTaken: string;
  /** When it was settled; default now. */
  resolvedAt?: Date;
}

const MAX_TEXT = 2000;

/**
 * "HH:MM" (today, or yesterday when that is still to come) or "YYYY-MM-DD HH:MM", in Asia/Tokyo; empty → undefined.
 * Throws a Japanese message for anything else.
 */
export function parseResolvedAt(text: string, now: Date): Date | undefined {
  const s = text.normalize('NFKC').trim();
  if (!s) return undefined;
  const full = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})$/u.exec(s);
  if (full && isIsoDate(full[1]!)) return tokyoInstant(full[1]!, full[2]!);
  if (/^\d{1,2}:\d{2}$/u.test(s)) {
    try {
      const today = tokyoInstant(tokyoDate(now), s);
      return today.getTime() > now.getTime() ? tokyoInstant(addDays(tokyoDate(now), -1), s) : today;
    } catch {
      // falls through to the message below
    }
  }
  throw new AppError(ErrorCode.InvalidInput, t('complaint.invalid.resolvedAt', { value: s }));
}

function checked(input: ResolveInput, c: ComplaintRecord, now: Date): Required<ResolveInput> {
  const findings = input.findings.trim();
  const actionTaken = input.actionTaken.trim();
  if (!findings || !actionTaken) throw new AppError(ErrorCode.InvalidInput, t('complaint.invalid.resolution'));
  if (findings.length > MAX_TEXT || actionTaken.length > MAX_TEXT) {
    throw new AppError(ErrorCode.InvalidInput, t('complaint.invalid.tooLong', { field: t('complaint.field.resolution'), max: MAX_TEXT }));
  }
  const resolvedAt = input.resolvedAt ?? now;
  if (resolvedAt.getTime() < c.receivedAt.getTime() || resolvedAt.getTime() > now.getTime() + 60_000) {
    throw new AppError(ErrorCode.InvalidInput, t('complaint.invalid.resolvedAtRange', { id: c.id }));
  }
  return { findings, actionTaken, resolvedAt };
}

function decideResolve(actor: PersonActor, input: ResolveInput, now: Date, eventId: number | undefined) {
  return (c: ComplaintRecord): ComplaintChange<boolean> => {
    // This very form resolved it before a crash: nothing is written again (a refresh it left pending is the timer's).
    if (appliedBy(c, eventId)) return { result: false };
    const refusal = resolutionRefusal(c);
    if (refusal) throw refusalError(c, refusal, String);
    const r = checked(input, c, now);
    const step = resolve(c, actor.actorId, r);
    if (!step.ok) throw refusalError(c, step.refusal, String);
    return {
      patch: { ...step.change, pageOutcomes: step.pages },
      effects: {
        events: [{ action: 'resolved', actorId: actor.actorId, detail: { resolvedAt: r.resolvedAt.toISOString() } }],
        audit: { action: 'complaint.resolve', actorId: actor.actorId, channel: actor.channel, before: { state: c.state }, after: { state: 'resolved', resolvedAt: r.resolvedAt } },
        cancelPrefixes: [complaintPrefix(c.id)],
        schedule: [refreshTimer(c.id, 'resolved', now)],
        ...sourceOf(eventId),
      },
      result: true,
    };
  };
}

/**
 * 解決報告: what was found, what was done, when. Recorded with its event and audit row (it goes into the monthly
 * report); whatever was still pending for the complaint stops; every card shows the resolution. The replay of the
 * form (`eventId`) changes nothing and answers as the first time.
 */
export async function resolveComplaint(
  deps: ComplaintDeps,
  actor: PersonActor,
  complaintId: number,
  input: ResolveInput,
  eventId?: number,
): Promise<{ complaint: ComplaintRecord; message: string }> {
  const c = await deps.complaints.get(complaintId);
  if (!c) throw new AppError(ErrorCode.NotFound, t('complaint.notFound', { id: complaintId }));
  await requireActor(deps, c, actor.actorId);
  const now = deps.clock.now();
  const out = await deps.complaints.change(complaintId, now, decideResolve(actor, input, now, eventId));
  if (!out) throw new AppError(ErrorCode.NotFound, t('complaint.notFound', { id: complaintId }));
  if (!out.result) return { complaint: out.record, message: t('complaint.done.resolved', { id: complaintId }) };
  deps.logger.info('complaint resolved', { complaintId, by: actor.actorId });
  await runNow(deps, refreshTimer(complaintId, 'resolved', now), () => runRefresh(deps, complaintId, 'resolved'));
  return { complaint: out.record, message: t('complaint.done.resolved', { id: complaintId }) };
}
