import type { SupplyStore } from '../../application/consumables/ports.ts';
import { stockKeyId, type LowStockChange, type StockMovement } from '../../domain/consumables/stock.ts';
import { REPEAT_WINDOW_MINUTES, type SupplyItem, type SupplyLine } from '../../domain/consumables/supply-command.ts';
import type { KindedUse } from '../../domain/reports/consumables-month.ts';
import type { TaskKind } from '../../domain/work-order/task-kind.ts';
import type { Database } from './database.ts';

const KIND_OF_RESULT = { select: { workOrder: { select: { kind: true } } } } as const;
const kindOf = (result: { workOrder: { kind: string } } | null): TaskKind => (result?.workOrder.kind as TaskKind | undefined) ?? 'other';

/** SupplyReceipt (支給), the uses of consumables and meters (ConsumableUse, MeterMovement) and StockLevelState. */
export function createSupplyStore(db: Database): SupplyStore {
  return {
    receive(supply, actor, sourceEventId) {
      return db.write(async (tx) => {
        // The same line by the same person shortly before (a repeat, or a second delivery): the latest such receipt.
        const earlier = (personId: string, line: SupplyLine, at: Date, beforeId?: number) =>
          tx.supplyReceipt.findFirst({
            where: { personId, ...line, at: { gte: new Date(at.getTime() - REPEAT_WINDOW_MINUTES * 60_000), lte: at }, ...(beforeId === undefined ? {} : { id: { lt: beforeId } }) },
            orderBy: { id: 'desc' },
            select: { at: true },
          });
        const kept = sourceEventId === undefined ? null : await tx.supplyReceipt.findUnique({ where: { sourceEventId } });
        if (kept) {
          const line = { item: kept.item as SupplyItem, diameterMm: kept.diameterMm, quantity: kept.quantity };
          return { status: 'replayed' as const, line, repeatOf: (await earlier(kept.personId, line, kept.at, kept.id))?.at ?? null };
        }
        const line = { item: supply.item, diameterMm: supply.diameterMm, quantity: supply.quantity };
        const repeatOf = (await earlier(actor.actorId, line, supply.at))?.at ?? null;
        const row = await tx.supplyReceipt.create({ data: { ...line, date: supply.date, personId: actor.actorId, at: supply.at, sourceEventId: sourceEventId ?? null } });
        await tx.auditLog.create({
          data: { at: supply.at, actorId: actor.actorId, channel: actor.channel, action: 'supply.receive', entity: 'SupplyReceipt', entityId: String(row.id), before: null, after: JSON.stringify({ ...line, date: supply.date }) },
        });
        return { status: 'recorded' as const, line, repeatOf };
      });
    },

    async movements(before) {
      const date = before === undefined ? undefined : { lt: before };
      const [receipts, uses, meters] = await Promise.all([
        db.read.supplyReceipt.findMany({ where: { date }, select: { date: true, item: true, diameterMm: true, quantity: true }, orderBy: { id: 'asc' } }),
        db.read.consumableUse.findMany({ where: { date }, select: { date: true, item: true, quantity: true, result: KIND_OF_RESULT }, orderBy: { id: 'asc' } }),
        db.read.meterMovement.findMany({ where: { date, kind: { in: ['install', 'replace'] } }, select: { date: true, diameterMm: true, result: KIND_OF_RESULT }, orderBy: { id: 'asc' } }),
      ]);
      const supplied: StockMovement[] = receipts.map((r) => ({ ...r, item: r.item as SupplyItem }));
      const used: KindedUse[] = [
        ...uses.map((u) => ({ date: u.date, item: u.item as SupplyItem, diameterMm: 0, quantity: u.quantity, kind: kindOf(u.result) })),
        ...meters.map((m) => ({ date: m.date, item: 'meter' as const, diameterMm: m.diameterMm, quantity: 1, kind: kindOf(m.result) })),
      ];
      return { supplied, used };
    },

    async lowStates() {
      const rows = await db.read.stockLevelState.findMany();
      return new Map(rows.map((r) => [stockKeyId({ item: r.item as SupplyItem, diameterMm: r.diameterMm }), r.low]));
    },

    applyLowChanges(changes: LowStockChange[], at: Date) {
      return db.write(async (tx) => {
        const applied: LowStockChange[] = [];
        for (const change of changes) {
          const key = { item: change.line.item, diameterMm: change.line.diameterMm };
          const kept = await tx.stockLevelState.findUnique({ where: { item_diameterMm: key } });
          if ((kept?.low ?? false) === change.low) continue;
          await tx.stockLevelState.upsert({ where: { item_diameterMm: key }, create: { ...key, low: change.low, changedAt: at }, update: { low: change.low, changedAt: at } });
          applied.push(change);
        }
        return applied;
      });
    },
  };
}
