import type { AppContext } from '../context.ts';
import { createStaffStore } from '../../adapters/db/staff-store.ts';
import type { DayTeamReader } from '../../application/dispatch/ports.ts';
import type { EscalationDirectory } from '../../application/escalation/ports.ts';
import type { ResultsDirectory } from '../../application/results/ports.ts';
import { getContactChart } from '../../application/staffing/get-contact-chart.ts';
import { getDayStaffing } from '../../application/staffing/get-day-staffing.ts';

/** The staff register, for the CLI commands and the running bot alike. */
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

/** People, the day's supervisors and the contact chart, as the escalation reads them. */
export function escalationDirectoryOf(ctx: AppContext): EscalationDirectory {
  const { staff } = staffDepsOf(ctx);
  const calendar = ctx.calendar;
  return {
    people: async () => new Map((await staff.listPeople()).map((p) => [p.id, { id: p.id, name: p.name, affiliation: p.affiliation, active: p.active }])),
    supervisorsOn: async (date) => (await getDayStaffing({ staff, calendar }, date)).supervisors,
    chart: (name) => getContactChart({ staff }, name),
  };
}

export function resultsDirectoryOf(ctx: AppContext): ResultsDirectory {
  const directory = escalationDirectoryOf(ctx);
  return {
    names: async () => new Map([...(await directory.people()).values()].map((p) => [p.id, p.name])),
    supervisorsOn: (date) => directory.supervisorsOn(date),
  };
}
