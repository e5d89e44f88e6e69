import type { AuditEntry, Clock } from '../../application/ports.ts';
import type {
  AssignmentRow,
  AssignmentStore,
  AssignmentUnit,
  DayOrderRecord,
  EventMove,
  PersonRecord,
  StaffingRecords,
} from '../../application/assignment/ports.ts';
import { METER_WORKS, TASK_KINDS, type MeterWork, type TaskKind } from '../../domain/work-order/task-kind.ts';
import type { Database, Tx } from './database.ts';
import { writeAudit } from './audit-writer.ts';

/** Prisma implementation of the 振り分け port. Reads no personal columns of WorkOrder. */
export class PrismaAssignmentStore implements AssignmentStore {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  inTransaction<T>(fn: (unit: AssignmentUnit) => Promise<T>): Promise<T> {
    return this.db.write((tx) => fn(new PrismaAssignmentUnit(tx, this.clock)));
  }

  async moveOfEvent(eventId: number): Promise<EventMove | undefined> {
    const row = await this.db.read.assignment.findUnique({
      where: { movedByEventId: eventId },
      select: { date: true, personId: true, movedFromId: true, workOrder: { select: { orderNo: true } } },
    });
    return row ? { orderNo: row.workOrder.orderNo, date: row.date, from: row.movedFromId, to: row.personId } : undefined;
  }
}

const ORDER_SELECT = {
  id: true,
  orderNo: true,
  kind: true,
  meterWork: true,
  town: true,
  mapSheet: true,
  latitude: true,
  longitude: true,
  status: true,
  scheduledDate: true,
  result: { select: { id: true } },
  assignment: { select: { personId: true, date: true, visitOrder: true, pinned: true } },
} as const;

type OrderRow = {
  id: number;
  orderNo: string;
  kind: string;
  meterWork: string | null;
  town: string;
  mapSheet: string | null;
  latitude: number | null;
  longitude: number | null;
  status: string;
  scheduledDate: string;
  result: { id: number } | null;
  assignment: DayOrderRecord['assignment'];
};

const PERSON_SELECT = { id: true, name: true, active: true, workFrom: true, workUntil: true, idCardNumber: true, idCardExpiresOn: true, idCardReturnedOn: true } as const;

type PersonRow = { id: string; name: string; active: boolean; workFrom: string | null; workUntil: string | null; idCardNumber: string | null; idCardExpiresOn: string | null; idCardReturnedOn: string | null };

function personRecord(row: PersonRow): PersonRecord {
  const card = row.idCardNumber !== null && row.idCardExpiresOn !== null ? { number: row.idCardNumber, expiresOn: row.idCardExpiresOn, returnedOn: row.idCardReturnedOn } : null;
  return { id: row.id, name: row.name, active: row.active, from: row.workFrom, until: row.workUntil, idCard: card };
}

class PrismaAssignmentUnit implements AssignmentUnit {
  constructor(
    private readonly tx: Tx,
    private readonly clock: Clock,
  ) {}

  async staffing(date: string): Promise<StaffingRecords> {
    const explicit = await this.tx.dailyStaffing.findMany({ where: { date }, orderBy: { personId: 'asc' } });
    const defaults = await this.tx.defaultStaffing.findMany({ orderBy: { personId: 'asc' } });
    const ids = [...new Set([...explicit, ...defaults].map((r) => r.personId))];
    const people = await this.tx.person.findMany({ where: { id: { in: ids } }, select: PERSON_SELECT });
    return {
      explicit: explicit.map((r) => ({ personId: r.personId, onDuty: r.onDuty, isSupervisor: r.isSupervisor })),
      defaults: defaults.map((r) => ({ personId: r.personId, onDuty: true, isSupervisor: r.isSupervisor })),
      people: people.map(personRecord),
    };
  }

  async person(id: string): Promise<PersonRecord | null> {
    const row = await this.tx.person.findUnique({ where: { id }, select: PERSON_SELECT });
    return row ? personRecord(row) : null;
  }

  async dayOrders(date: string): Promise<DayOrderRecord[]> {
    const rows = await this.tx.workOrder.findMany({
      where: { OR: [{ scheduledDate: date }, { assignment: { date } }] },
      select: ORDER_SELECT,
      orderBy: { orderNo: 'asc' },
    });
    return rows.map(toRecord);
  }

  async orderByNo(orderNo: string): Promise<DayOrderRecord | null> {
    const row = await this.tx.workOrder.findUnique({ where: { orderNo }, select: ORDER_SELECT });
    return row ? toRecord(row) : null;
  }

  async saveAssignments(rows: readonly AssignmentRow[], assignedBy: string | null): Promise<void> {
    const assignedAt = this.clock.now();
    for (const r of rows) {
      const data = { personId: r.personId, date: r.date, visitOrder: r.visitOrder, pinned: r.pinned, assignedBy, assignedAt };
      await this.tx.assignment.upsert({ where: { workOrderId: r.workOrderId }, create: { workOrderId: r.workOrderId, ...data }, update: data });
    }
  }

  async markMoved(workOrderId: number, eventId: number, from: string | null): Promise<void> {
    await this.tx.assignment.update({ where: { workOrderId }, data: { movedByEventId: eventId, movedFromId: from } });
  }

  async removeAssignments(workOrderIds: readonly number[]): Promise<void> {
    if (workOrderIds.length > 0) await this.tx.assignment.deleteMany({ where: { workOrderId: { in: [...workOrderIds] } } });
  }

  async audit(entry: AuditEntry): Promise<void> {
    await writeAudit(this.tx, this.clock.now(), entry);
  }
}

function toRecord(row: OrderRow): DayOrderRecord {
  return {
    workOrderId: row.id,
    orderNo: row.orderNo,
    kind: (TASK_KINDS as readonly string[]).includes(row.kind) ? (row.kind as TaskKind) : 'other',
    meterWork: (METER_WORKS as readonly string[]).includes(row.meterWork ?? '') ? (row.meterWork as MeterWork) : null,
    town: row.town,
    mapSheet: row.mapSheet,
    latitude: row.latitude,
    longitude: row.longitude,
    status: row.status,
    scheduledDate: row.scheduledDate,
    hasResult: row.result !== null,
    assignment: row.assignment,
  };
}
