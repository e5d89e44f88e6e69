import type { CaseEffects, CaseEventInput, CaseLog, CaseType, NewAttachment } from '../../application/cases/ports.ts';
import type { TimerSpec } from '../../application/timers/ports.ts';
import type { Database, Tx } from './database.ts';
import { writeAudit } from './audit-writer.ts';

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** `sourceEventId`: the inbound chat event that decided them (a replay of it finds the change applied). */
export async function insertCaseEvents(tx: Tx, caseType: CaseType, caseId: number, at: Date, events: CaseEventInput[], sourceEventId?: number): Promise<void> {
  if (events.length === 0) return;
  await tx.caseEvent.createMany({
    data: events.map((e) => ({ caseType, caseId, at, actorId: e.actorId, action: e.action, detail: json(e.detail), sourceEventId: sourceEventId ?? null })),
  });
}

/** The inbound chat events whose changes a case holds (its CaseEvents carry them), oldest first. */
export async function sourceEventsOf(client: Pick<Tx, 'caseEvent'>, caseType: CaseType, caseId: number): Promise<number[]> {
  const rows = await client.caseEvent.findMany({
    where: { caseType, caseId, sourceEventId: { not: null } },
    orderBy: { id: 'asc' },
    select: { sourceEventId: true },
  });
  return [...new Set(rows.map((r) => r.sourceEventId!))];
}

/** The same rule as the timer store's schedule: a dedupe key already present keeps the first timer. */
export async function scheduleInTx(tx: Tx, spec: TimerSpec): Promise<void> {
  if (spec.dedupeKey && (await tx.durableTimer.findUnique({ where: { dedupeKey: spec.dedupeKey }, select: { id: true } }))) return;
  await tx.durableTimer.create({
    data: { kind: spec.kind, dueAt: spec.dueAt, payload: JSON.stringify(spec.payload), dedupeKey: spec.dedupeKey ?? null },
  });
}

/** Cancels the pending (or claimed) timers whose dedupe key starts with the prefix, inside the caller's transaction. */
export async function cancelInTx(tx: Tx, prefix: string): Promise<void> {
  await tx.durableTimer.updateMany({ where: { state: { in: ['pending', 'claimed'] }, dedupeKey: { startsWith: prefix } }, data: { state: 'cancelled' } });
}

/** The audit log names the changed record by its model, as every other audit entry does. */
const AUDIT_ENTITY: Record<CaseType, string> = { doubt: 'Doubt', incident: 'Incident', overtime: 'OvertimeRequest', complaint: 'Complaint' };

/** Events, audit row, cancelled and new timers of one case change, inside the change's transaction (cancel first). */
export async function applyCaseEffects(tx: Tx, caseType: CaseType, caseId: number, at: Date, effects: CaseEffects | undefined): Promise<void> {
  if (!effects) return;
  await insertCaseEvents(tx, caseType, caseId, at, effects.events ?? [], effects.sourceEventId);
  if (effects.audit) {
    const a = effects.audit;
    await writeAudit(tx, at, { ...a, entity: AUDIT_ENTITY[caseType], entityId: String(caseId) });
  }
  for (const prefix of effects.cancelPrefixes ?? []) await cancelInTx(tx, prefix);
  for (const key of effects.cancelKeys ?? []) {
    await tx.durableTimer.updateMany({ where: { state: { in: ['pending', 'claimed'] }, dedupeKey: key }, data: { state: 'cancelled' } });
  }
  for (const spec of effects.schedule ?? []) await scheduleInTx(tx, spec);
}

export const attachmentRows = (attachments: NewAttachment[]) =>
  attachments.map((a) => ({ platform: a.platform, fileRef: a.file.ref, fileName: a.file.name ?? null, mimeType: a.file.mimeType ?? null }));

/** People a case's card was sent to, from its 'notified' events, in order. */
export async function notifiedOf(client: Tx, caseType: CaseType, caseId: number): Promise<string[]> {
  const rows = await client.caseEvent.findMany({ where: { caseType, caseId, action: 'notified' }, orderBy: { id: 'asc' }, select: { detail: true } });
  const ids = rows.flatMap((r) => ((r.detail ? JSON.parse(r.detail) : {}) as { recipients?: string[] }).recipients ?? []);
  return [...new Set(ids)];
}

export function createCaseLog(db: Database): CaseLog {
  return {
    append: (caseType, caseId, at, events) => db.write((tx) => insertCaseEvents(tx, caseType, caseId, at, events)),
  };
}
