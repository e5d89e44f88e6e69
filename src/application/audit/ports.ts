import type { AuditEntry } from '../ports.ts';

/** One stored AuditLog row, as read back for review. */
export interface AuditRecord {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  channel: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
}

export interface AuditQuery {
  from: Date; // inclusive
  to: Date; // exclusive
  actorId?: string;
}

/** The audit trail: read for review, appended to (never changed: the table is append-only). */
export interface AuditTrail {
  list(query: AuditQuery): Promise<AuditRecord[]>;
  append(entry: AuditEntry, at: Date): Promise<void>;
}

/** What a use case's transaction offers to write one audit row (a Prisma transaction client fits). */
export interface AuditRowWriter {
  auditLog: {
    create(args: {
      data: { at?: Date; actorId: string | null; channel: string; action: string; entity: string; entityId: string | null; before?: string | null; after: string | null };
    }): Promise<unknown>;
  };
}
