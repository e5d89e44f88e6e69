import type { AppContext } from '../main.ts';
import { sha256Hex } from '../adapters/crypto/content-hash.ts';
import { PrismaAssignmentStore } from '../adapters/db/assignment-store.ts';
import { createDayOrdersReader } from '../adapters/db/day-orders-store.ts';
import { createStaffStore } from '../adapters/db/staff-store.ts';
import { createWorkOrderImportStore } from '../adapters/db/work-order-store.ts';
import type { AssignmentDeps } from '../application/assignment/ports.ts';
import type { DayTeamReader } from '../application/dispatch/ports.ts';
import type { ImportDeps } from '../application/import/ports.ts';
import { getDayStaffing } from '../application/staffing/get-day-staffing.ts';

/** The use cases' deps built from the context, for the CLI commands and the running bot alike. */
export function assignmentDepsOf(ctx: AppContext): AssignmentDeps {
  const { calendar } = ctx;
  return { store: new PrismaAssignmentStore(ctx.db, ctx.clock), isWorkDay: (d) => calendar.isWorkDay(d), depot: ctx.config.depot };
}

export function importDepsOf(ctx: AppContext): ImportDeps {
  return { store: createWorkOrderImportStore(ctx.db), hash: sha256Hex, clock: ctx.clock, logger: ctx.logger };
}

export function staffDepsOf(ctx: AppContext) {
  return { staff: createStaffStore(ctx.db, ctx.clock), clock: ctx.clock, calendar: ctx.calendar };
}

/** Who works on a date (作業者配置表 through the staffing use case) and their display names. */
export function dayTeamOf(ctx: AppContext): DayTeamReader {
  const deps = staffDepsOf(ctx);
  return {
    staffing: (date) => getDayStaffing(deps, date),
    displayNames: async () => new Map((await deps.staff.listPeople()).map((p) => [p.id, p.name])),
  };
}

export const dayOrdersOf = (ctx: AppContext) => createDayOrdersReader(ctx.db);
