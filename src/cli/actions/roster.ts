import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { getDayStaffing } from '../../application/staffing/get-day-staffing.ts';
import { setDayStaffing } from '../../application/staffing/set-day-staffing.ts';
import { resetDayStaffing } from '../../application/staffing/reset-day-staffing.ts';
import { getAfterHoursRoster } from '../../application/staffing/get-after-hours-roster.ts';
import { overrideAfterHours } from '../../application/staffing/override-after-hours.ts';
import { clearAfterHoursOverrides } from '../../application/staffing/clear-after-hours-overrides.ts';
import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { t } from '../../templates.ts';
import { staffDepsOf } from '../../assembly/services/staff.ts';
import { afterHoursReport, dayStaffingReport, peopleById } from '../roster-format.ts';
import { auditDisplay, requireOperator, type OperatorOptions } from '../operator.ts';

export async function showRoster(deps: CliDeps, opts: { date?: string; json?: boolean }): Promise<void> {
  const ctx = await deps.context();
  const sd = staffDepsOf(ctx);
  const date = opts.date ?? tokyoDate(ctx.clock.now());
  const staffing = await getDayStaffing(sd, date);
  const isWorkDay = sd.calendar.isWorkDay(date);
  if (opts.json) return deps.out(`${JSON.stringify({ ...staffing, isWorkDay })}\n`);
  deps.out(`${dayStaffingReport(staffing, isWorkDay, peopleById(await sd.staff.listPeople())).join('\n')}\n`);
}

export async function setRoster(deps: CliDeps, opts: { date: string; workers: string[]; supervisor: string[]; force?: boolean } & OperatorOptions): Promise<void> {
  const ctx = await deps.context();
  const sd = staffDepsOf(ctx);
  const actor = await requireOperator(deps, ctx, opts, 'changeStaffing');
  const input = { date: opts.date, workers: opts.workers, supervisors: opts.supervisor, force: opts.force, actor };
  const staffing = await setDayStaffing(sd, input);
  const people = peopleById(await sd.staff.listPeople());
  deps.out(`${[t('roster.set.done', { date: opts.date }), ...dayStaffingReport(staffing, sd.calendar.isWorkDay(opts.date), people)].join('\n')}\n`);
}

export async function resetRoster(deps: CliDeps, opts: { date: string } & OperatorOptions): Promise<void> {
  const ctx = await deps.context();
  const sd = staffDepsOf(ctx);
  const actor = await requireOperator(deps, ctx, opts, 'changeStaffing');
  const { removed } = await resetDayStaffing(sd, opts.date, actor);
  deps.out(`${t(removed ? 'roster.reset.done' : 'roster.reset.nothing', { date: opts.date })}\n`);
}

export async function showAfterHours(deps: CliDeps, opts: { date?: string; json?: boolean } & OperatorOptions): Promise<void> {
  const ctx = await deps.context();
  const date = opts.date ?? tokyoDate(ctx.clock.now());
  const operator = await requireOperator(deps, ctx, opts, 'viewStaffContacts');
  const night = await getAfterHoursRoster(staffDepsOf(ctx), date);
  const shown = { entity: 'Person', entityId: `afterHours:${date}`, fields: ['name', 'phone'], count: night.members.length };
  await auditDisplay(ctx, operator, shown);
  if (!opts.json) return deps.out(`${afterHoursReport(night).join('\n')}\n`);
  const members = night.members.map((p) => ({ id: p.id, name: p.name, phone: p.phone }));
  deps.out(`${JSON.stringify({ date, range: night.range, overrides: night.overrides, members })}\n`);
}

export async function overrideNight(deps: CliDeps, opts: { date: string; person?: string; replaces?: string; note?: string; clear?: boolean } & OperatorOptions, cmd: Command): Promise<void> {
  if (Boolean(opts.person) === Boolean(opts.clear)) cmd.error(t('roster.override.usage'));
  const ctx = await deps.context();
  const sd = staffDepsOf(ctx);
  const actor = await requireOperator(deps, ctx, opts, 'changeStaffing');
  if (opts.clear) {
    const { removed, night } = await clearAfterHoursOverrides(sd, opts.date, actor);
    const head = removed > 0 ? t('roster.override.cleared', { date: opts.date, count: removed }) : t('roster.override.nothing', { date: opts.date });
    return deps.out(`${[head, ...afterHoursReport(night)].join('\n')}\n`);
  }
  const input = { date: opts.date, personId: opts.person!, replacesPersonId: opts.replaces ?? null, note: opts.note ?? null, actor };
  const night = await overrideAfterHours(sd, input);
  deps.out(`${[t('roster.override.done', { date: opts.date }), ...afterHoursReport(night)].join('\n')}\n`);
}
