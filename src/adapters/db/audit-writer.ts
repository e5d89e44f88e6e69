import type { AuditEntry } from '../../application/ports.ts';
import type { Tx } from './database.ts';

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/** One AuditLog row inside the caller's transaction (the table is append-only: see the audit migration). */
export async function writeAudit(tx: Tx, at: Date, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      at,
      actorId: entry.actorId,
      channel: entry.channel,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      before: json(entry.before),
      after: json(entry.after),
    },
  });
}
