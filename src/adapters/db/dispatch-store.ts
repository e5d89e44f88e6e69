import type { DayOrderIndex, OrderContact, OrderContactsReader } from '../../application/dispatch/supervision-ports.ts';
import type { Database } from './database.ts';
import { auditPersonalDataDisplay } from '../../application/audit/personal-data-display.ts';

/** The numbers of a day's orders (scheduled on it or assigned on it). No personal column is read. */
export function createDayOrderIndex(db: Database): DayOrderIndex {
  return {
    async orderNosOn(date) {
      const rows = await db.read.workOrder.findMany({
        where: { OR: [{ scheduledDate: date }, { assignment: { date } }] },
        select: { orderNo: true },
        orderBy: { orderNo: 'asc' },
      });
      return rows.map((r) => r.orderNo);
    },
  };
}

/**
 * The personal fields of orders (decrypted by the field-encryption extension). Only called when the chat policy
 * lets the assignee see one of them in their own messages; never logged.
 */
export function createOrderContacts(db: Database): OrderContactsReader {
  return {
    async contactsOf(orderNos) {
      if (orderNos.length === 0) return new Map();
      const rows = await db.read.workOrder.findMany({
        where: { orderNo: { in: [...orderNos] } },
        select: { orderNo: true, customerName: true, customerNameKana: true, phone: true, customerNumber: true },
      });
      // Shown in chat under a looser policy: recorded like every display of personal data (第21条-2), fields only.
      await db.write((tx) =>
        auditPersonalDataDisplay(tx, {
          actorId: null,
          channel: 'chat',
          entity: 'WorkOrder',
          entityId: rows.map((r) => r.orderNo).join(',').slice(0, 500),
          fields: ['customerName', 'customerNameKana', 'phone', 'customerNumber'],
          count: rows.length,
        }),
      );
      return new Map(rows.map(({ orderNo, ...contact }): [string, OrderContact] => [orderNo, contact]));
    },
  };
}
