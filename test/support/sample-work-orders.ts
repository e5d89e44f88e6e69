import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from '../../src/adapters/db/database.ts';
import { meterWorkFromLabel, taskKindFromLabel } from '../../src/domain/work-order/task-kind.ts';
import { townOf } from '../../src/domain/work-order/work-order.ts';

/**
 * Loads the shared sample day (40 fictitious orders, bureau export layout, UTF-8) straight into the
 * database with Prisma. A test fixture only: the real importer lives in the import feature.
 */
export const SAMPLE_ORDERS_CSV = fileURLToPath(
  new URL('../../examples/work-orders-2026-03-27.csv', import.meta.url),
);
export const SAMPLE_DATE = '2026-03-27';

const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : Number(s));
const text = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : s.trim());

export function readSampleOrders(path = SAMPLE_ORDERS_CSV) {
  const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0]!.split(',');
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    const col = (name: string) => cells[header.indexOf(name)];
    const address = col('住所')!;
    return {
      orderNo: col('作業番号')!,
      kind: taskKindFromLabel(col('作業種別')!) ?? 'other',
      scheduledDate: col('作業予定日')!,
      customerNumber: text(col('お客さま番号')),
      customerName: text(col('使用者名')),
      customerNameKana: text(col('使用者名カナ')),
      address,
      town: townOf(address),
      mapSheet: text(col('地図版')),
      tapNumber: text(col('水栓番号')),
      meterNumber: text(col('メーター番号')),
      diameterMm: num(col('口径')),
      previousReading: num(col('前回指針')),
      previousUsage: num(col('前回使用量')),
      meterWork: meterWorkFromLabel(col('メーター作業') ?? '') ?? null,
      phone: text(col('連絡先電話番号')),
      remarks: text(col('備考')),
      latitude: num(col('緯度')),
      longitude: num(col('経度')),
      contentHash: createHash('sha256').update(line).digest('hex'),
    };
  });
}

export type SampleOrder = ReturnType<typeof readSampleOrders>[number];

export async function insertOrders(db: Database, orders: readonly SampleOrder[]): Promise<void> {
  await db.write((tx) => tx.workOrder.createMany({ data: [...orders] }));
}

export interface StaffSpec {
  id: string;
  name?: string;
  supervisor?: boolean;
}

/** People and their default staffing (everyone listed is on duty every work day). */
export async function insertDefaultStaff(db: Database, staff: readonly StaffSpec[]): Promise<void> {
  await db.write(async (tx) => {
    for (const s of staff) {
      await tx.person.create({
        data: { id: s.id, affiliation: 'contractor', name: s.name ?? `作業者${s.id}`, canSupervise: s.supervisor === true },
      });
      await tx.defaultStaffing.create({ data: { personId: s.id, isSupervisor: s.supervisor === true } });
    }
  });
}
