import type { CorrectionStore, CorrectOutcome, NewCorrection, StoredCorrection } from '../../application/results/correction-ports.ts';
import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { auditedChanges, diffResults, type CorrectionRole, type FieldChange } from '../../domain/results/result-correction.ts';
import type { Database, Tx } from './database.ts';
import { addFiles, addMaterials, readRecorded, resultFields, settleConversation } from './result-store.ts';

type CorrectionRow = { id: number; date: string; personId: string; role: string; at: Date; changes: string; amendsReport: boolean; result: { workOrder: { orderNo: string } } };

const CORRECTION_SELECT = {
  id: true, date: true, personId: true, role: true, at: true, changes: true, amendsReport: true,
  result: { select: { workOrder: { select: { orderNo: true } } } },
} as const;

const toStored = (row: CorrectionRow): StoredCorrection => ({
  id: row.id,
  orderNo: row.result.workOrder.orderNo,
  date: row.date,
  personId: row.personId,
  role: row.role as CorrectionRole,
  at: row.at,
  changes: JSON.parse(row.changes) as FieldChange[],
  amendsReport: row.amendsReport,
});

async function correctIn(tx: Tx, input: NewCorrection): Promise<CorrectOutcome> {
  if (input.sourceEventId != null) {
    const made = await tx.resultCorrection.findUnique({ where: { sourceEventId: input.sourceEventId }, select: CORRECTION_SELECT });
    if (made) return { status: 'corrected', correction: toStored(made), result: (await readRecorded(tx, made.result.workOrder.orderNo))!, replayed: true };
  }
  const row = await tx.taskResult.findFirst({ where: { workOrder: { orderNo: input.orderNo } }, select: { id: true, workOrderId: true, personId: true, recordedAt: true, workOrder: { select: { diameterMm: true } } } });
  const before = row ? await readRecorded(tx, input.orderNo) : undefined;
  if (!row || !before) return { status: 'notRecorded' };
  const changes = diffResults(before, input.draft);
  const conversation = { personId: input.personId, orderNo: input.orderNo, conversation: input.conversation, recordedAt: input.at, sourceEventId: input.sourceEventId ?? null };
  if (changes.length === 0 && input.files.length === 0) {
    await settleConversation(tx, conversation, row.workOrderId, false);
    return { status: 'unchanged', result: before };
  }
  await tx.taskResult.update({ where: { id: row.id }, data: resultFields(input.draft) });
  await tx.workOrder.update({ where: { id: row.workOrderId }, data: { status: input.draft.outcome } });
  // The meters and the pins and seals follow the corrected result, on the day it was recorded.
  await tx.meterMovement.deleteMany({ where: { resultId: row.id } });
  await tx.consumableUse.deleteMany({ where: { resultId: row.id } });
  await addMaterials(tx, row.id, { draft: input.draft, personId: row.personId, recordedAt: row.recordedAt }, row.workOrder.diameterMm);
  await addFiles(tx, row.id, input.files, input.at);
  const date = tokyoDate(row.recordedAt);
  const saved = await tx.resultCorrection.create({
    data: {
      resultId: row.id, date, personId: input.personId, role: input.role, channel: input.channel, at: input.at,
      changes: JSON.stringify(changes), amendsReport: input.amendsReport, sourceEventId: input.sourceEventId ?? null,
    },
    select: CORRECTION_SELECT,
  });
  const audited = auditedChanges(changes);
  await tx.auditLog.create({
    data: {
      at: input.at, actorId: input.personId, channel: input.channel, action: 'result.correct', entity: 'TaskResult', entityId: input.orderNo,
      before: JSON.stringify(audited.before),
      after: JSON.stringify({ ...audited.after, role: input.role, amendsReport: input.amendsReport, correctionId: saved.id, photos: input.files.length }),
    },
  });
  await settleConversation(tx, conversation, row.workOrderId, true);
  return { status: 'corrected', correction: toStored(saved), result: (await readRecorded(tx, input.orderNo))!, replayed: false };
}

/** ResultCorrection rows and the corrected TaskResult, in one transaction of the write funnel. */
export function createCorrectionStore(db: Database): CorrectionStore {
  return {
    correct: (input) => db.write((tx) => correctIn(tx, input)),
    async history(orderNo) {
      const rows = await db.read.resultCorrection.findMany({ where: { result: { workOrder: { orderNo } } }, select: CORRECTION_SELECT, orderBy: { id: 'asc' } });
      return rows.map(toStored);
    },
    async bySourceEvent(eventId) {
      const row = await db.read.resultCorrection.findUnique({ where: { sourceEventId: eventId }, select: CORRECTION_SELECT });
      return row ? toStored(row) : undefined;
    },
  };
}
