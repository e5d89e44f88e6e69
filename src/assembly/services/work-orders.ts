import type { AppContext } from '../context.ts';
import { sha256Hex } from '../../adapters/crypto/content-hash.ts';
import { PrismaAssignmentStore } from '../../adapters/db/assignment-store.ts';
import { createDayOrdersReader } from '../../adapters/db/day-orders-store.ts';
import { createWorkOrderImportStore } from '../../adapters/db/work-order-store.ts';
import type { AssignmentDeps } from '../../application/assignment/ports.ts';
import type { ImportDeps } from '../../application/import/ports.ts';

/** 作業データ: the import, the assignment and the day's orders, for the CLI commands and the running bot alike. */
export function assignmentDepsOf(ctx: AppContext): AssignmentDeps {
  const { calendar } = ctx;
  return {
    store: new PrismaAssignmentStore(ctx.db, ctx.clock),
    isWorkDay: (d) => calendar.isWorkDay(d),
    depot: ctx.config.depot,
    searchGuard: () => wallClockGuard(SEARCH_CAP_MS),
  };
}

/**
 * The improvement search's budget is counted in work (the same plan for the same day); this cap only stops it on a
 * machine far slower than the ones measured (bench/assign-quality: 2,000 orders in ~2 s), at the cost of that sameness.
 */
const SEARCH_CAP_MS = 10_000;

function wallClockGuard(ms: number): () => boolean {
  const end = performance.now() + ms;
  return () => performance.now() > end;
}

export function importDepsOf(ctx: AppContext): ImportDeps {
  return { store: createWorkOrderImportStore(ctx.db), hash: sha256Hex, clock: ctx.clock, logger: ctx.logger };
}

export const dayOrdersOf = (ctx: AppContext) => createDayOrdersReader(ctx.db);
