import { afterEach, describe, expect, it } from 'vitest';
import { PrismaReportStore } from '../../../src/adapters/db/report-store.ts';
import { createComplaintStore } from '../../../src/adapters/db/complaint-store.ts';
import { encryptedTempDatabase } from '../../support/test-cipher.ts';
import type { TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase;
afterEach(async () => temp?.dispose());

/** The order's customer as the billing export gives it: the name, its reading in half-width kana, the number. */
async function seedOrderWithResult(reason: string): Promise<number> {
  return temp.db.write(async (tx) => {
    await tx.person.create({ data: { id: 'w02', affiliation: 'contractor', name: '仮野 次郎' } });
    const order = await tx.workOrder.create({
      data: {
        orderNo: '20260327-0001', kind: 'open', scheduledDate: '2026-03-27', address: '金沢市片町1番地', town: '片町',
        customerName: '架空 花子', customerNameKana: 'ｶｸｳ ﾊﾅｺ', customerNumber: '9900012345', contentHash: 'x',
      },
    });
    await tx.taskResult.create({ data: { workOrderId: order.id, personId: 'w02', outcome: 'not_done', notDoneReason: reason, channel: 'console', recordedAt: new Date('2026-03-27T02:00:00Z') } });
    return order.id;
  });
}

describe('a customer name typed in kana, in the stores that read customers with their own queries', () => {
  it('is masked in the monthly report rows (raw SQL) and found for a complaint linked to the order', async () => {
    temp = await encryptedTempDatabase();
    const orderId = await seedOrderWithResult('カクウハナコさんが不在で入れない');
    const rows = await new PrismaReportStore(temp.db).loadMonthlyRows('2026-03');
    expect(rows.results[0]?.notDoneReason).toBe('[氏名]さんが不在で入れない');

    const complaint = await temp.db.write((tx) =>
      tx.complaint.create({ data: { kind: 'noWater', description: 'x', receivedAt: new Date('2026-03-27T02:00:00Z'), via: 'chat', workOrderId: orderId } }),
    );
    const customers = await createComplaintStore(temp.db).customersOf!(complaint.id);
    expect(customers).toEqual([expect.objectContaining({ customerName: '架空 花子', customerNameKana: 'ｶｸｳ ﾊﾅｺ' })]);
  });
});
