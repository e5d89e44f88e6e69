import { createSupplyStore } from '../../adapters/db/supply-store.ts';
import type { SuppliesDeps } from '../../application/consumables/ports.ts';
import type { ChatGateway } from '../../application/chat/delivery.ts';
import { lowStockThresholds } from '../../domain/consumables/stock.ts';
import type { AppContext } from '../context.ts';
import { staffDepsOf, staffDirectoryOf } from './staff.ts';

/** Supplies and stock (支給, 在庫, the low-stock warning), for the running bot and the CLI alike. */
export function suppliesDepsOf(ctx: AppContext, gateway: Pick<ChatGateway, 'send'>): SuppliesDeps {
  const directory = staffDirectoryOf(ctx);
  const staff = staffDepsOf(ctx).staff;
  return {
    supplies: createSupplyStore(ctx.db),
    staff,
    supervisorsOn: (date) => directory.supervisorsOn(date),
    gateway,
    thresholds: async () => lowStockThresholds(await staff.lowStockSetting()),
    clock: ctx.clock,
    logger: ctx.logger,
  };
}
