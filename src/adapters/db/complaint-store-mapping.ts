import {
  COMPLAINT_STATES,
  PAGE_OUTCOMES,
  type ComplaintRecord,
  type ComplaintState,
  type ComplaintVia,
  type LinkedOrder,
  type OrderQuery,
  type PageOutcome,
} from '../../application/complaints/ports.ts';
import { addressKey, isComplaintKind } from '../../domain/complaints/complaint-command.ts';
import type { Prisma } from './generated/client.ts';
import type { Tx } from './database.ts';

const ORDER_SELECT = {
  id: true,
  orderNo: true,
  scheduledDate: true,
  address: true,
  town: true,
  result: { select: { personId: true } },
  assignment: { select: { personId: true } },
} as const;

export const COMPLAINT_INCLUDE = {
  pages: { orderBy: { id: 'asc' } },
} as const satisfies Prisma.ComplaintInclude;

type OrderRow = Prisma.WorkOrderGetPayload<{ select: typeof ORDER_SELECT }>;
type ComplaintRow = Prisma.ComplaintGetPayload<{ include: typeof COMPLAINT_INCLUDE }>;

/** The linked order (Complaint.workOrderId has no relation in the schema: read by id). */
export async function linkedOrderById(client: Pick<Tx, 'workOrder'>, id: number | null): Promise<LinkedOrder | null> {
  if (id === null) return null;
  const row = await client.workOrder.findUnique({ where: { id }, select: ORDER_SELECT });
  return row ? toLinkedOrder(row) : null;
}

function toLinkedOrder(o: OrderRow): LinkedOrder {
  return {
    id: o.id,
    orderNo: o.orderNo,
    scheduledDate: o.scheduledDate,
    address: o.address,
    town: o.town,
    workerId: o.result?.personId ?? o.assignment?.personId ?? null,
  };
}

const stateOf = (s: string): ComplaintState => ((COMPLAINT_STATES as readonly string[]).includes(s) ? (s as ComplaintState) : 'open');
const outcomeOf = (s: string): PageOutcome => ((PAGE_OUTCOMES as readonly string[]).includes(s) ? (s as PageOutcome) : 'sent');

export type Deliveries = Pick<ComplaintRecord, 'recipients' | 'pageMessages' | 'sourceEvents'>;

/** The row as the use cases see it: the customer number only as "given or not". */
export function toComplaintRecord(row: ComplaintRow, order: LinkedOrder | null, deliveries: Deliveries): ComplaintRecord {
  return {
    id: row.id,
    kind: isComplaintKind(row.kind) ? row.kind : 'other',
    via: row.via as ComplaintVia,
    receivedAt: row.receivedAt,
    address: row.address,
    hasCustomerNumber: !!row.customerNumber,
    description: row.description,
    order,
    state: stateOf(row.state),
    holderId: row.holderId,
    acknowledgedAt: row.acknowledgedAt,
    resolvedAt: row.resolvedAt,
    resolvedById: row.resolvedById,
    findings: row.findings,
    actionTaken: row.actionTaken,
    pagingNight: row.pagingNight,
    externalId: row.externalId,
    sourceEventId: row.sourceEventId,
    pages: row.pages.map((p) => ({ ...p, outcome: outcomeOf(p.outcome) })),
    ...deliveries,
  };
}

const digits = (s: string) => s.normalize('NFKC').replace(/\D/gu, '');

/**
 * The most recent 開栓 order of the window whose address (compared by addressKey) or customer number matches. With an
 * address only, the address is looked up through its blind index (addressIndex, of the addressKey form); rows without
 * an index (written before addresses were encrypted, until `kaiheisen keys rotate`) are read and compared as read.
 * With a customer number the window is read and compared here, on the values as decrypted.
 */
export async function findRecentOpenOrder(client: Pick<Tx, 'workOrder'>, q: OrderQuery): Promise<LinkedOrder | undefined> {
  if (!q.address && !q.customerNumber) return undefined;
  const key = q.address ? addressKey(q.address) : null;
  const number = q.customerNumber ? digits(q.customerNumber) : null;
  const window: Prisma.WorkOrderWhereInput = { kind: 'open', scheduledDate: { gte: q.fromDate, lte: q.toDate }, status: { not: 'cancelled' } };
  const rows = await client.workOrder.findMany({
    where: number === null ? { ...window, OR: [{ address: q.address! }, { addressIndex: null }] } : window,
    select: { ...ORDER_SELECT, customerNumber: true },
    orderBy: [{ scheduledDate: 'desc' }, { id: 'desc' }],
  });
  const found = rows.find(
    (r) => (key !== null && addressKey(r.address) === key) || (number !== null && !!r.customerNumber && digits(r.customerNumber) === number),
  );
  if (!found) return undefined;
  const { customerNumber: _personal, ...order } = found;
  return toLinkedOrder(order);
}
