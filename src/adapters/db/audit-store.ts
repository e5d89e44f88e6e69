import type { AuditEntry } from '../../application/ports.ts';
import type { AuditQuery, AuditRecord, AuditTrail } from '../../application/audit/ports.ts';
import type { Database } from './database.ts';

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** AuditLog rows for review, with the actor's name when the actor is a person of the staff file. */
export function createAuditTrail(db: Database): AuditTrail {
  return {
    async list(query: AuditQuery): Promise<AuditRecord[]> {
      const rows = await db.read.auditLog.findMany({
        where: { at: { gte: query.from, lt: query.to }, ...(query.actorId ? { actorId: query.actorId } : {}) },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
      });
      const ids = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => id !== null))];
      const people = await db.read.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
      const names = new Map(people.map((p) => [p.id, p.name]));
      return rows.map((r) => ({ ...r, actorName: r.actorId ? (names.get(r.actorId) ?? null) : null }));
    },
    async append(entry: AuditEntry, at: Date): Promise<void> {
      await db.write((tx) =>
        tx.auditLog.create({
          data: { at, actorId: entry.actorId, channel: entry.channel, action: entry.action, entity: entry.entity, entityId: entry.entityId ?? null, before: json(entry.before), after: json(entry.after) },
        }),
      );
    },
  };
}
