import type { PlatformTarget } from '../../application/chat/ports.ts';
import type { MessageView } from '../../application/chat/view.ts';
import type { Database } from './database.ts';
import { DELIVERY_COLUMNS, toDelivery, type DeliveryRow } from './delivery-store.ts';

/** A message the console showed, as the outbox recorded it (a later row with the same ref is its update). */
export interface SentConsoleMessage {
  ref: string;
  target: PlatformTarget;
  view: MessageView;
}

const SENT = `SELECT ${DELIVERY_COLUMNS} FROM "Delivery" WHERE "platform" = 'console' AND "state" = 'sent'
  AND "messageRef" IS NOT NULL ORDER BY "sentAt", "id"`;

/** Every console message the outbox sent, in the order it was sent: what the console shows again after a restart. */
export function sentConsoleMessages(db: Database): Promise<SentConsoleMessage[]> {
  return db.statements(async (sql) =>
    (await sql.all<DeliveryRow>(SENT)).map((row) => {
      const d = toDelivery(db, row);
      return { ref: d.messageRef!, target: d.target, view: d.view };
    }),
  );
}
