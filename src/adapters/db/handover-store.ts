import type { HandoverData, HandoverRow, HandoverSource } from '../../application/handover/ports.ts';
import type { Database } from './database.ts';

/** The rows of `kaiheisen export` (personal fields come back decrypted from the client extension). */
const CLOSED_ORDER = ['done', 'cancelled'];
const nameOf = (p: { name: string } | null | undefined) => p?.name ?? null;

export function createHandoverSource(db: Database): HandoverSource {
  const read = db.read;
  return {
    async load(today: string): Promise<HandoverData> {
      const [staff, daily, defaults, roster, overrides, chart] = await Promise.all([
        read.person.findMany({ orderBy: { id: 'asc' } }),
        read.dailyStaffing.findMany({ where: { date: { gte: today } }, include: { person: true }, orderBy: [{ date: 'asc' }, { personId: 'asc' }] }),
        read.defaultStaffing.findMany({ include: { person: true }, orderBy: { personId: 'asc' } }),
        read.afterHoursRosterEntry.findMany({
          where: { OR: [{ validTo: null }, { validTo: { gte: today } }] },
          include: { person: true },
          orderBy: [{ validFrom: 'asc' }, { position: 'asc' }],
        }),
        read.afterHoursOverride.findMany({ where: { date: { gte: today } }, include: { person: true }, orderBy: [{ date: 'asc' }, { id: 'asc' }] }),
        read.contactChartLevel.findMany({ include: { person: true }, orderBy: [{ chart: 'asc' }, { position: 'asc' }] }),
      ]);
      return {
        staff: staff.map(({ id, affiliation, name, nameKana, phone, title, canSupervise, isAdmin, isSecurityOfficer, active }) => ({
          id, affiliation, name, nameKana, phone, title, canSupervise, isAdmin, isSecurityOfficer, active,
        })),
        dailyStaffing: daily.map((d) => ({ date: d.date, personId: d.personId, personName: nameOf(d.person), onDuty: d.onDuty, isSupervisor: d.isSupervisor })),
        defaultStaffing: defaults.map((d) => ({ personId: d.personId, personName: nameOf(d.person), isSupervisor: d.isSupervisor })),
        afterHoursRoster: roster.map((r) => ({ validFrom: r.validFrom, validTo: r.validTo, position: r.position, personId: r.personId, personName: nameOf(r.person), phone: r.person.phone })),
        afterHoursOverrides: overrides.map((o) => ({ date: o.date, personId: o.personId, personName: nameOf(o.person), replacesPersonId: o.replacesPersonId, note: o.note })),
        contactChart: chart.map((c) => ({ chart: c.chart, position: c.position, target: c.target, personId: c.personId, personName: nameOf(c.person), ackTimeoutMinutes: c.ackTimeoutMinutes })),
        ...(await loadWork(db)),
      };
    },
  };
}

async function loadWork(db: Database): Promise<Pick<HandoverData, 'openWorkOrders' | 'results' | 'pendingDoubts' | 'pendingComplaints'>> {
  const read = db.read;
  const [orders, results, doubts, complaints] = await Promise.all([
    read.workOrder.findMany({ where: { status: { notIn: CLOSED_ORDER } }, include: { assignment: true }, orderBy: [{ scheduledDate: 'asc' }, { orderNo: 'asc' }] }),
    read.taskResult.findMany({ include: { workOrder: { select: { orderNo: true, kind: true, scheduledDate: true } } }, orderBy: { recordedAt: 'asc' } }),
    read.doubt.findMany({ where: { state: { not: 'resolved' } }, include: { workOrder: { select: { orderNo: true } } }, orderBy: { raisedAt: 'asc' } }),
    read.complaint.findMany({ where: { state: { not: 'resolved' } }, orderBy: { receivedAt: 'asc' } }),
  ]);
  const orderNos = new Map((await read.workOrder.findMany({ where: { id: { in: complaints.flatMap((c) => (c.workOrderId ? [c.workOrderId] : [])) } }, select: { id: true, orderNo: true } })).map((o) => [o.id, o.orderNo]));
  return {
    openWorkOrders: orders.map(({ assignment, id: _id, contentHash: _h, extra: _e, importedAt: _i, updatedAt: _u, town: _t, ...o }) => ({
      ...(o as HandoverRow), assignedTo: assignment?.personId ?? null, assignedDate: assignment?.date ?? null, visitOrder: assignment?.visitOrder ?? null,
    })),
    results: results.map((r) => ({
      orderNo: r.workOrder.orderNo, kind: r.workOrder.kind, scheduledDate: r.workOrder.scheduledDate, personId: r.personId, outcome: r.outcome,
      notDoneReason: r.notDoneReason, reading: r.reading, meterWorkDone: r.meterWorkDone, resultMeterNumber: r.meterNumber, meterDiameterMm: r.meterDiameterMm,
      leakSuspected: r.leakSuspected, improperUse: r.improperUse, afterHours: r.afterHours, note: r.note, channel: r.channel, recordedAt: r.recordedAt,
    })),
    pendingDoubts: doubts.map((d) => ({ id: d.id, orderNo: d.workOrder?.orderNo ?? null, raisedById: d.raisedById, raisedAt: d.raisedAt, text: d.text, state: d.state, holderId: d.holderId, answer: d.answer })),
    pendingComplaints: complaints.map((c) => ({
      id: c.id, kind: c.kind, via: c.via, receivedAt: c.receivedAt, address: c.address, customerNumber: c.customerNumber, description: c.description,
      orderNo: c.workOrderId ? (orderNos.get(c.workOrderId) ?? null) : null, state: c.state, holderId: c.holderId, findings: c.findings, actionTaken: c.actionTaken,
    })),
  };
}
