import type { CaseChange } from '../../application/cases/ports.ts';
import type { OvertimePatch, OvertimeRecord, OvertimeState, OvertimeStore } from '../../application/overtime/overtime-record.ts';
import { applyCaseEffects, notifiedOf, sourceEventsOf } from './case-effects.ts';
import type { Database, Tx } from './database.ts';

type Row = {
  id: number;
  date: string;
  requestedById: string;
  orderNos: string;
  reason: string;
  until: string;
  state: string;
  decidedById: string | null;
  decidedAt: Date | null;
  createdAt: Date;
  sourceEventId: number | null;
};

async function toRecord(client: Tx, row: Row): Promise<OvertimeRecord> {
  const state: OvertimeState = row.state === 'approved' || row.state === 'declined' ? row.state : 'pending';
  const [notified, sourceEvents] = await Promise.all([notifiedOf(client, 'overtime', row.id), sourceEventsOf(client, 'overtime', row.id)]);
  return { ...row, state, orderNos: JSON.parse(row.orderNos) as string[], notified, sourceEvents };
}

async function read(client: Tx, id: number): Promise<OvertimeRecord | undefined> {
  const row = await client.overtimeRequest.findUnique({ where: { id } });
  return row ? toRecord(client, row) : undefined;
}

async function applyChange<T>(tx: Tx, request: OvertimeRecord, at: Date, change: CaseChange<OvertimePatch, T>): Promise<{ record: OvertimeRecord; result: T }> {
  if (change.patch && Object.keys(change.patch).length > 0) await tx.overtimeRequest.update({ where: { id: request.id }, data: change.patch });
  await applyCaseEffects(tx, 'overtime', request.id, at, change.effects);
  return { record: (await read(tx, request.id))!, result: change.result };
}

/** 時間外作業の了承依頼 and their decisions; every change in one transaction of the funnel. */
export function createOvertimeStore(db: Database): OvertimeStore {
  return {
    create: (input, start) =>
      db.write(async (tx) => {
        // The request form is replayed after a crash: the request it asked stands.
        const asked = input.sourceEventId == null ? null : await tx.overtimeRequest.findUnique({ where: { sourceEventId: input.sourceEventId } });
        if (asked) return toRecord(tx, asked);
        const { date, requestedById, reason, until, createdAt } = input;
        const row = await tx.overtimeRequest.create({
          data: { date, requestedById, orderNos: JSON.stringify(input.orderNos), reason, until, createdAt, sourceEventId: input.sourceEventId ?? null },
        });
        const created = await toRecord(tx, row);
        return (await applyChange(tx, created, input.createdAt, start(created))).record;
      }),
    get: (id) => read(db.read, id),
    async bySourceEvent(eventId) {
      const row = await db.read.overtimeRequest.findUnique({ where: { sourceEventId: eventId } });
      return row ? toRecord(db.read, row) : undefined;
    },
    change: (id, at, decide) =>
      db.write(async (tx) => {
        const request = await read(tx, id);
        return request ? applyChange(tx, request, at, decide(request)) : undefined;
      }),
    async ofDay(date) {
      const rows = await db.read.overtimeRequest.findMany({ where: { date }, orderBy: { id: 'asc' } });
      return Promise.all(rows.map((r) => toRecord(db.read, r)));
    },
  };
}
