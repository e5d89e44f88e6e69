import { expect } from 'vitest';
import type { Database } from '../../src/adapters/db/database.ts';

/**
 * What the worker's first correction of 20260327-0001 (reading 100 → 120, a seal added) leaves in the database,
 * whichever way it was made (text or the receipt's 訂正 button): the result, its materials once, one history row and
 * one audit row with before and after.
 */
export async function expectWorkerCorrection(db: Database, date: string): Promise<void> {
  const orderNo = `${date.replaceAll('-', '')}-0001`;
  const row = await db.read.taskResult.findFirstOrThrow({ where: { workOrder: { orderNo } }, include: { consumables: true } });
  expect(row).toMatchObject({ reading: 120, readingConfirmed: true, sealFitted: true, valvePinReplaced: true, personId: 'w02' });
  expect(row.consumables.map((c) => c.item).sort()).toEqual(['seal', 'valvePin']);
  const history = await db.read.resultCorrection.findMany();
  expect(history).toHaveLength(1);
  expect(history[0]).toMatchObject({ personId: 'w02', role: 'worker', date, amendsReport: false });
  expect(JSON.parse(history[0]!.changes)).toEqual(expect.arrayContaining([{ field: 'reading', before: 100, after: 120 }, { field: 'sealFitted', before: null, after: true }]));
  const audit = await db.read.auditLog.findMany({ where: { action: 'result.correct' } });
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ actorId: 'w02', entityId: orderNo });
  expect(JSON.parse(audit[0]!.before!)).toMatchObject({ reading: 100, sealFitted: null });
  expect(JSON.parse(audit[0]!.after!)).toMatchObject({ reading: 120, sealFitted: true, role: 'worker', amendsReport: false });
}
