import { CUSTOMER_SELECT } from './free-text-masking.ts';
import { ReplayedDelivery, StepTaken, type ComplaintChange, type ComplaintRecord, type ComplaintStore, type NewComplaint } from '../../application/complaints/ports.ts';
import type { Database, Tx } from './database.ts';
import { COMPLAINT_INCLUDE, findRecentOpenOrder, linkedOrderById, toComplaintRecord, type Deliveries } from './complaint-store-mapping.ts';
import { applyCaseEffects, sourceEventsOf } from './case-effects.ts';

type Client = Pick<Tx, 'complaint' | 'caseEvent' | 'workOrder'>;

const isUniqueViolation = (e: unknown) =>
  (e as { code?: string }).code === 'P2002' || /UNIQUE constraint failed/i.test(String((e as Error).message));
const mentions = (e: unknown, what: string) => new RegExp(what, 'i').test(`${String((e as Error).message)} ${JSON.stringify((e as { meta?: unknown }).meta ?? '')}`);

/** Who got the card and which page messages went out, from the 'cardSent' events; the inbound events it holds. */
async function deliveriesOf(client: Client, id: number): Promise<Deliveries> {
  const rows = await client.caseEvent.findMany({ where: { caseType: 'complaint', caseId: id, action: 'cardSent' }, orderBy: { id: 'asc' } });
  const sent = rows.map((r) => JSON.parse(r.detail ?? '{}') as { to?: string; pageId?: number });
  const recipients = [...new Set(sent.filter((d) => d.to && d.pageId === undefined).map((d) => d.to!))];
  const seen = new Set<number>();
  const pageMessages = sent.flatMap((d) => (d.to && typeof d.pageId === 'number' && !seen.has(d.pageId) && seen.add(d.pageId) ? [{ pageId: d.pageId, personId: d.to }] : []));
  return { recipients, pageMessages, sourceEvents: await sourceEventsOf(client, 'complaint', id) };
}

async function readComplaint(client: Client, id: number): Promise<ComplaintRecord | undefined> {
  const row = await client.complaint.findUnique({ where: { id }, include: COMPLAINT_INCLUDE });
  return row ? toComplaintRecord(row, await linkedOrderById(client, row.workOrderId), await deliveriesOf(client, id)) : undefined;
}

/** The row patch, the pages and their outcomes, then the effects every case change writes (one transaction). */
async function applyChange<T>(tx: Tx, id: number, at: Date, change: ComplaintChange<T>): Promise<{ record: ComplaintRecord; result: T }> {
  const { newPages = [], pageOutcomes = [], ...fields } = change.patch ?? {};
  if (Object.keys(fields).length > 0) await tx.complaint.update({ where: { id }, data: fields });
  for (const p of newPages) await tx.page.create({ data: { complaintId: id, ...p, sentAt: at } });
  for (const o of pageOutcomes) {
    await tx.page.update({ where: { id: o.pageId }, data: { outcome: o.outcome, ...(o.acknowledgedAt ? { acknowledgedAt: o.acknowledgedAt } : {}) } });
  }
  await applyCaseEffects(tx, 'complaint', id, at, change.effects);
  return { record: (await readComplaint(tx, id))!, result: change.result };
}

async function createInTx(tx: Tx, input: NewComplaint, start: (r: ComplaintRecord) => ComplaintChange<void>): Promise<ComplaintRecord> {
  const { inbound, ...fields } = input;
  if (inbound && (await tx.inboundEvent.findUnique({ where: { platform_eventKey: inbound } }))) throw new ReplayedDelivery();
  const row = await tx.complaint.create({ data: fields });
  if (inbound) {
    await tx.inboundEvent.create({
      data: { ...inbound, payload: JSON.stringify({ complaintId: row.id }), state: 'done', receivedAt: input.receivedAt, processedAt: input.receivedAt },
    });
  }
  return (await applyChange(tx, row.id, input.receivedAt, start((await readComplaint(tx, row.id))!))).record;
}

/**
 * Complaints with their pages and events. Every decision re-reads the complaint inside the write funnel and writes
 * its patch, pages, events, audit row and timers in that one transaction. The order lookup compares the customer
 * number here, so it can move to a blind index when the column is encrypted.
 */
export function createComplaintStore(db: Database): ComplaintStore {
  return {
    findRecentOpenOrder: (query) => findRecentOpenOrder(db.read, query),
    async customersOf(complaintId) {
      const row = await db.read.complaint.findUnique({ where: { id: complaintId }, select: { customerNumber: true, workOrderId: true } });
      if (!row) return [];
      const order = row.workOrderId === null ? null : await db.read.workOrder.findUnique({ where: { id: row.workOrderId }, select: CUSTOMER_SELECT });
      return [...(row.customerNumber ? [{ customerNumber: row.customerNumber }] : []), ...(order ? [order] : [])];
    },
    async create(input, start) {
      try {
        return await db.write((tx) => createInTx(tx, input, start));
      } catch (e) {
        if (input.inbound && isUniqueViolation(e) && mentions(e, 'eventKey|InboundEvent')) throw new ReplayedDelivery();
        throw e;
      }
    },
    get: (id) => readComplaint(db.read, id),
    async byExternalId(externalId) {
      const row = await db.read.complaint.findUnique({ where: { externalId }, select: { id: true } });
      return row ? readComplaint(db.read, row.id) : undefined;
    },
    async bySourceEvent(eventId) {
      const row = await db.read.complaint.findUnique({ where: { sourceEventId: eventId }, select: { id: true } });
      return row ? readComplaint(db.read, row.id) : undefined;
    },
    async change(id, at, decide) {
      try {
        return await db.write(async (tx) => {
          const record = await readComplaint(tx, id);
          return record ? applyChange(tx, id, at, decide(record)) : undefined;
        });
      } catch (e) {
        if (isUniqueViolation(e) && mentions(e, 'round|Page')) throw new StepTaken();
        throw e;
      }
    },
    async listReceived(from, to) {
      const rows = await db.read.complaint.findMany({ where: { receivedAt: { gte: from, lt: to } }, include: COMPLAINT_INCLUDE, orderBy: { receivedAt: 'asc' } });
      return Promise.all(rows.map(async (r) => toComplaintRecord(r, await linkedOrderById(db.read, r.workOrderId), await deliveriesOf(db.read, r.id))));
    },
    async inboundSeen(platform, eventKey) {
      return !!(await db.read.inboundEvent.findUnique({ where: { platform_eventKey: { platform, eventKey } }, select: { id: true } }));
    },
  };
}
