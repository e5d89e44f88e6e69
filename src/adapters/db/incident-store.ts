import type { CaseChange } from '../../application/cases/ports.ts';
import type { IncidentKind, IncidentPatch, IncidentRecord, IncidentStore } from '../../application/incidents/incident-record.ts';
import type { TerminalKind } from '../../domain/incidents/terminal-text.ts';
import { applyCaseEffects, attachmentRows, sourceEventsOf } from './case-effects.ts';
import type { Database, Tx } from './database.ts';

const kindOf = (kind: string): IncidentKind => (kind === 'terminalDamaged' || kind === 'terminalLost' ? kind : 'accident');
const terminalOf = (terminal: string | null): TerminalKind | null => (terminal === 'billing' || terminal === 'mobile' ? terminal : null);

async function readIncident(client: Tx, id: number): Promise<IncidentRecord | undefined> {
  const row = await client.incident.findUnique({
    where: { id },
    include: { acks: { orderBy: { id: 'asc' } }, _count: { select: { attachments: true } } },
  });
  if (!row) return undefined;
  const order = row.workOrderId ? await client.workOrder.findUnique({ where: { id: row.workOrderId }, select: { orderNo: true } }) : null;
  return {
    id: row.id,
    reportedById: row.reportedById,
    orderNo: order?.orderNo ?? null,
    description: row.description,
    place: row.place,
    thirdPartyDamage: row.thirdPartyDamage,
    state: row.state === 'resolved' ? 'resolved' : 'open',
    occurredAt: row.occurredAt,
    resolvedAt: row.resolvedAt,
    resolvedById: row.resolvedById,
    resolution: row.resolution,
    acks: row.acks.map((a) => ({ personId: a.personId, notifiedAt: a.notifiedAt, acknowledgedAt: a.acknowledgedAt })),
    attachmentCount: row._count.attachments,
    sourceEventId: row.sourceEventId,
    kind: kindOf(row.kind),
    ...(row.kind === 'accident' ? {} : { terminalFacts: { terminal: terminalOf(row.terminal), customerData: row.customerData, locked: row.locked } }),
    sourceEvents: await sourceEventsOf(client, 'incident', row.id),
  };
}

async function applyChange<T>(tx: Tx, incident: IncidentRecord, at: Date, change: CaseChange<IncidentPatch, T>): Promise<{ record: IncidentRecord; result: T }> {
  const { acknowledge, ...patch } = change.patch ?? {};
  if (Object.keys(patch).length > 0) await tx.incident.update({ where: { id: incident.id }, data: patch });
  if (acknowledge) {
    await tx.incidentAck.update({
      where: { incidentId_personId: { incidentId: incident.id, personId: acknowledge.personId } },
      data: { acknowledgedAt: acknowledge.at },
    });
  }
  await applyCaseEffects(tx, 'incident', incident.id, at, change.effects);
  return { record: (await readIncident(tx, incident.id))!, result: change.result };
}

/** Incidents with who was notified and who acknowledged when (IncidentAck); every change in one transaction. */
export function createIncidentStore(db: Database): IncidentStore {
  return {
    create: (input, start) =>
      db.write(async (tx) => {
        // The event that reported it is replayed after a crash: the incident it reported stands.
        const reported = input.sourceEventId == null ? null : await tx.incident.findUnique({ where: { sourceEventId: input.sourceEventId }, select: { id: true } });
        if (reported) return (await readIncident(tx, reported.id))!;
        const order = input.orderNo ? await tx.workOrder.findUnique({ where: { orderNo: input.orderNo }, select: { id: true } }) : null;
        const row = await tx.incident.create({
          data: {
            reportedById: input.reportedById,
            workOrderId: order?.id ?? null,
            description: input.description,
            place: input.place,
            thirdPartyDamage: input.thirdPartyDamage,
            occurredAt: input.occurredAt,
            sourceEventId: input.sourceEventId ?? null,
            kind: input.kind ?? 'accident',
            terminal: input.terminalFacts?.terminal ?? null,
            customerData: input.terminalFacts?.customerData ?? null,
            locked: input.terminalFacts?.locked ?? null,
            acks: { create: input.recipients.map((personId) => ({ personId, notifiedAt: input.occurredAt })) },
            attachments: { create: attachmentRows(input.attachments) },
          },
        });
        const created = (await readIncident(tx, row.id))!;
        return (await applyChange(tx, created, input.occurredAt, start(created))).record;
      }),
    get: (id) => readIncident(db.read, id),
    async bySourceEvent(eventId) {
      const row = await db.read.incident.findUnique({ where: { sourceEventId: eventId }, select: { id: true } });
      return row ? readIncident(db.read, row.id) : undefined;
    },
    change: (id, at, decide) =>
      db.write(async (tx) => {
        const incident = await readIncident(tx, id);
        return incident ? applyChange(tx, incident, at, decide(incident)) : undefined;
      }),
  };
}
