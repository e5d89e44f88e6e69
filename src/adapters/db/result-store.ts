import type { NewResult, RecordedResult, RecordOutcome, ResultOrderInfo, ResultStore, StoredFile } from '../../application/results/ports.ts';
import type { OutdoorTapState, ResultOutcome } from '../../domain/results/result-draft.ts';
import type { MeterWork, TaskKind } from '../../domain/work-order/task-kind.ts';
import { consumablesUsed } from '../../domain/consumables/consumable-items.ts';
import { tokyoDate } from '../../domain/calendar/local-time.ts';
import type { Database, Tx } from './database.ts';
import type { Prisma } from './generated/client.ts';
import { isToDo } from '../../domain/work-order/work-order.ts';
import { CLOSED_STEP } from './pending-reply-store.ts';
import { customerOfOrder } from './free-text-masking.ts';

/** Only what the results flow may show: no customer name, kana, phone or customer number is read. */
const ORDER_SELECT = {
  orderNo: true,
  kind: true,
  meterWork: true,
  diameterMm: true,
  meterNumber: true,
  previousReading: true,
  previousUsage: true,
  address: true,
  town: true,
  scheduledDate: true,
  status: true,
  assignment: { select: { personId: true, date: true } },
  result: { select: { id: true } },
} as const;

type OrderRow = Prisma.WorkOrderGetPayload<{ select: typeof ORDER_SELECT }>;
type ResultRow = Prisma.TaskResultGetPayload<{ include: typeof RESULT_INCLUDE }>;

const toOrder = ({ assignment, result, ...r }: OrderRow): ResultOrderInfo => ({
  ...r,
  kind: r.kind as TaskKind,
  meterWork: r.meterWork as MeterWork | null,
  assignment: assignment ? { personId: assignment.personId, date: assignment.date } : null,
  hasResult: result !== null,
});

export function toRecorded(row: ResultRow, photoCount: number): RecordedResult {
  const { workOrder, id: _id, workOrderId: _w, updatedAt: _u, sourceEventId: _s, ...fields } = row;
  return {
    ...fields,
    orderNo: workOrder.orderNo,
    outcome: fields.outcome as ResultOutcome,
    meterWorkDone: fields.meterWorkDone as MeterWork | null,
    outdoorTap: fields.outdoorTap as OutdoorTapState | null,
    photoCount,
  };
}

/** The photos are counted apart: Prisma's _count of a relation groups the whole Attachment table on every read. */
export const RESULT_INCLUDE = { workOrder: { select: { orderNo: true } } } as const;

async function withPhotoCount(client: Pick<Tx, 'attachment'>, row: ResultRow | null): Promise<RecordedResult | undefined> {
  return row ? toRecorded(row, await client.attachment.count({ where: { resultId: row.id } })) : undefined;
}

export async function readRecorded(client: Tx, orderNo: string): Promise<RecordedResult | undefined> {
  return withPhotoCount(client, await client.taskResult.findFirst({ where: { workOrder: { orderNo } }, include: RESULT_INCLUDE }));
}

/** The columns of TaskResult that describe the work (what a correction rewrites). */
export function resultFields(d: NewResult['draft']) {
  return {
    outcome: d.outcome,
    notDoneReason: d.notDoneReason ?? null,
    reading: d.reading ?? null,
    readingConfirmed: d.readingConfirmed === true,
    customerPresent: d.customerPresent ?? null,
    customerConsent: d.customerConsent ?? null,
    meterWorkDone: d.meterWorkDone ?? null,
    meterNumber: d.meterNumber ?? null,
    meterDiameterMm: d.meterDiameterMm ?? null,
    meterDiffersFromRecord: d.meterDiffersFromRecord === true,
    valvePinReplaced: d.valvePinReplaced ?? null,
    sealFitted: d.sealFitted ?? null,
    valvePinCount: d.valvePinCount ?? null,
    copperWireCount: d.copperWireCount ?? null,
    sealCount: d.sealCount ?? null,
    valveFoundClosed: d.valveFoundClosed ?? null,
    pilotChecked: d.pilotChecked ?? null,
    pilotStillTurning: d.pilotStillTurning ?? null,
    valveClosedForPilot: d.valveClosedForPilot ?? null,
    noticeSlipLeft: d.noticeSlipLeft ?? null,
    phoneContacted: d.phoneContacted ?? null,
    phoneContactOutcome: d.phoneContactOutcome ?? null,
    outdoorTap: d.outdoorTap ?? null,
    readingLowerThanPrevious: d.readingLowerThanPrevious === true,
    usageFarAbovePrevious: d.usageFarAbovePrevious === true,
    readingDiffersFromPrevious: d.readingDiffersFromPrevious === true,
    readingDifferenceNote: d.readingDifferenceNote ?? null,
    leakSuspected: d.leakSuspected === true,
    equipmentDefect: d.equipmentDefect === true,
    customerToldOfDefect: d.customerToldOfDefect ?? null,
    improperUse: d.improperUse === true,
    improperUseNotified: d.improperUseNotified ?? null,
    note: d.note ?? null,
  };
}

function resultData(input: NewResult, workOrderId: number): Prisma.TaskResultUncheckedCreateInput {
  return {
    workOrderId,
    personId: input.personId,
    ...resultFields(input.draft),
    afterHours: input.afterHours,
    afterHoursConsentId: input.afterHoursConsentId,
    channel: input.channel,
    recordedAt: input.recordedAt,
    sourceEventId: input.sourceEventId ?? null,
  };
}

/** Each platform file once per result (a replayed message adds nothing). Returns how many were new. */
export async function addFiles(tx: Tx, resultId: number, files: StoredFile[], at: Date): Promise<number> {
  const kept = await tx.attachment.findMany({ where: { resultId }, select: { platform: true, fileRef: true } });
  const seen = new Set(kept.map((a) => `${a.platform}\u0000${a.fileRef}`));
  let added = 0;
  for (const f of files) {
    const key = `${f.platform}\u0000${f.ref}`;
    if (seen.has(key)) continue;
    seen.add(key);
    await tx.attachment.create({ data: { resultId, platform: f.platform, fileRef: f.ref, fileName: f.name ?? null, mimeType: f.mimeType ?? null, createdAt: at } });
    added += 1;
  }
  return added;
}

/**
 * Meters fitted, replaced or removed (monthly report by diameter) and the pins, copper wire and seals used, on the date the result
 * was recorded (a correction writes them again from the corrected result: every report counts them once).
 */
export async function addMaterials(tx: Tx, resultId: number, input: Pick<NewResult, 'draft' | 'personId' | 'recordedAt'>, orderDiameter: number | null): Promise<void> {
  const d = input.draft;
  const date = tokyoDate(input.recordedAt);
  const diameterMm = d.meterDiameterMm ?? orderDiameter;
  if (d.meterWorkDone && diameterMm !== null && diameterMm !== undefined) {
    await tx.meterMovement.create({ data: { resultId, date, kind: d.meterWorkDone, meterNumber: d.meterNumber ?? null, diameterMm } });
  }
  for (const { item, quantity } of consumablesUsed(d)) await tx.consumableUse.create({ data: { resultId, personId: input.personId, date, item, quantity } });
}

function auditAfter(input: NewResult): string {
  const d = input.draft;
  const flags = (['readingLowerThanPrevious', 'usageFarAbovePrevious', 'readingDiffersFromPrevious', 'meterDiffersFromRecord', 'equipmentDefect', 'pilotStillTurning', 'leakSuspected', 'improperUse'] as const).filter((f) => d[f] === true);
  const findings = { customerToldOfDefect: d.customerToldOfDefect ?? null, improperUseNotified: d.improperUseNotified ?? null };
  return JSON.stringify({ outcome: d.outcome, reading: d.reading ?? null, meterWorkDone: d.meterWorkDone ?? null, flags, ...findings, afterHours: input.afterHours, photos: input.files.length });
}

/**
 * The conversation that produced the result ends with it: closed, keeping what it said for a replay of the event.
 * Any other outcome (or a form) drops the person's conversation about the order.
 */
export async function settleConversation(
  tx: Tx,
  input: Pick<NewResult, 'personId' | 'orderNo' | 'conversation' | 'recordedAt' | 'sourceEventId'>,
  workOrderId: number,
  recorded: boolean,
): Promise<void> {
  if (!recorded || !input.conversation) {
    await tx.pendingReply.deleteMany({ where: { personId: input.personId, workOrderId } });
    return;
  }
  const data = {
    workOrderId,
    step: CLOSED_STEP,
    draft: JSON.stringify({ orderNo: input.orderNo }),
    expiresAt: input.recordedAt,
    sourceEventId: input.sourceEventId ?? null,
    askedAfterEventId: null,
    said: input.conversation.said,
  };
  await tx.pendingReply.upsert({ where: { personId: input.personId }, create: { personId: input.personId, ...data }, update: data });
}

const ORDER_CHECK = {
  id: true,
  status: true,
  diameterMm: true,
  assignment: { select: { personId: true } },
  result: { select: { id: true, sourceEventId: true } },
} as const;

type CheckedOrder = Prisma.WorkOrderGetPayload<{ select: typeof ORDER_CHECK }>;

/** Why the order takes no result now; undefined when it does. */
async function refusalOf(tx: Tx, input: NewResult, order: CheckedOrder): Promise<RecordOutcome | undefined> {
  if (order.result) {
    // Recorded by this very event before a crash: the replay is the same recording, not a second one.
    const same = input.sourceEventId != null && order.result.sourceEventId === input.sourceEventId;
    return { status: same ? 'recorded' : 'exists', result: (await readRecorded(tx, input.orderNo))! };
  }
  if (order.assignment?.personId !== input.personId) return { status: 'notAssignee', assigneeId: order.assignment?.personId ?? null };
  if (!isToDo(order.status)) return { status: 'notOpen', orderStatus: order.status };
  return undefined;
}

async function recordIn(tx: Tx, input: NewResult): Promise<RecordOutcome> {
  const order = await tx.workOrder.findUnique({ where: { orderNo: input.orderNo }, select: ORDER_CHECK });
  if (!order) return { status: 'unknownOrder' };
  const refused = await refusalOf(tx, input, order);
  if (refused) {
    if (refused.status !== 'recorded') await settleConversation(tx, input, order.id, false);
    return refused;
  }
  const row = await tx.taskResult.create({ data: resultData(input, order.id) });
  await tx.workOrder.update({ where: { id: order.id }, data: { status: input.draft.outcome } });
  await addMaterials(tx, row.id, input, order.diameterMm);
  await addFiles(tx, row.id, input.files, input.recordedAt);
  await tx.auditLog.create({
    data: { at: input.recordedAt, actorId: input.personId, channel: input.channel, action: 'result.record', entity: 'TaskResult', entityId: input.orderNo, before: JSON.stringify({ status: order.status }), after: auditAfter(input) },
  });
  await settleConversation(tx, input, order.id, true);
  return { status: 'recorded', result: (await readRecorded(tx, input.orderNo))! };
}

const isUniqueViolation = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: string }).code === 'P2002';

/** TaskResult and everything recorded with it, in one transaction of the write funnel. */
export function createResultStore(db: Database): ResultStore {
  return {
    async byNo(orderNo) {
      const row = await db.read.workOrder.findUnique({ where: { orderNo }, select: ORDER_SELECT });
      return row ? toOrder(row) : undefined;
    },
    async ofDay(date, only = {}) {
      const where: Prisma.WorkOrderWhereInput = {
        OR: [{ assignment: { date } }, { scheduledDate: date }],
        ...(only.orderNoEndsWith !== undefined ? { orderNo: { endsWith: only.orderNoEndsWith } } : {}),
        ...(only.assigneeId !== undefined ? { assignment: { personId: only.assigneeId } } : {}),
      };
      const rows = await db.read.workOrder.findMany({ where, select: ORDER_SELECT, orderBy: { orderNo: 'asc' } });
      return rows.map(toOrder);
    },
    recorded: (orderNo) => readRecorded(db.read, orderNo),
    customerOf: (orderNo) => customerOfOrder(db.read, orderNo),
    async bySourceEvent(eventId) {
      return withPhotoCount(db.read, await db.read.taskResult.findUnique({ where: { sourceEventId: eventId }, include: RESULT_INCLUDE }));
    },
    async record(input) {
      try {
        return await db.write((tx) => recordIn(tx, input));
      } catch (e) {
        // Another instance recorded the same order between our read and our insert.
        if (!isUniqueViolation(e)) throw e;
        const existing = await readRecorded(db.read, input.orderNo);
        if (!existing) throw e;
        return { status: 'exists', result: existing };
      }
    },
    addPhotos: (orderNo, files, actor, at) =>
      db.write(async (tx) => {
        const result = await tx.taskResult.findFirst({ where: { workOrder: { orderNo } }, select: { id: true } });
        if (!result) return 0;
        const added = await addFiles(tx, result.id, files, at);
        if (added > 0) {
          await tx.auditLog.create({
            data: { at, actorId: actor.personId, channel: actor.channel, action: 'result.addPhotos', entity: 'TaskResult', entityId: orderNo, after: JSON.stringify({ count: added }) },
          });
        }
        return tx.attachment.count({ where: { resultId: result.id } });
      }),
  };
}
