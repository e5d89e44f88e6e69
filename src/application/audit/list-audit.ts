import { addDays, isIsoDate, tokyoInstant, tokyoTimestamp } from '../../domain/calendar/local-time.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { AuditEntry } from '../ports.ts';
import type { AuditRecord, AuditTrail } from './ports.ts';

export interface ListAuditInput {
  from: string; // YYYY-MM-DD, Asia/Tokyo, inclusive
  to: string; // inclusive
  actorId?: string;
  reviewer: Pick<AuditEntry, 'actorId' | 'channel'>;
}

export interface AuditListEntry extends AuditRecord {
  /** YYYY-MM-DD HH:MM:SS in Asia/Tokyo. */
  atTokyo: string;
}


/**
 * 各種ログの点検 (annex art. 21-2, 22-4): the audit entries of a period, oldest first. The review
 * itself is recorded (who looked at which period), so the trail shows that it was checked.
 */
export async function listAudit(deps: { trail: AuditTrail; now: () => Date }, input: ListAuditInput): Promise<AuditListEntry[]> {
  for (const value of [input.from, input.to]) {
    if (!isIsoDate(value)) throw new AppError(ErrorCode.InvalidInput, t('security.audit.badDate', { value }));
  }
  if (input.from > input.to) throw new AppError(ErrorCode.InvalidInput, t('security.audit.badRange', { from: input.from, to: input.to }));
  const query = { from: tokyoInstant(input.from), to: tokyoInstant(addDays(input.to, 1)), actorId: input.actorId };
  const records = await deps.trail.list(query);
  await deps.trail.append(
    { ...input.reviewer, action: 'audit.reviewed', entity: 'AuditLog', entityId: null, after: { from: input.from, to: input.to, actorId: input.actorId ?? null, count: records.length } },
    deps.now(),
  );
  return records.map((r) => ({ ...r, atTokyo: tokyoTimestamp(r.at) }));
}
