import { InvalidArgumentError, type Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { getDayStaffing } from '../../application/staffing/get-day-staffing.ts';
import { setDayStaffing } from '../../application/staffing/set-day-staffing.ts';
import { resetDayStaffing } from '../../application/staffing/reset-day-staffing.ts';
import { getAfterHoursRoster } from '../../application/staffing/get-after-hours-roster.ts';
import { overrideAfterHours } from '../../application/staffing/override-after-hours.ts';
import { clearAfterHoursOverrides } from '../../application/staffing/clear-after-hours-overrides.ts';
import { isIsoDate, tokyoDate } from '../../domain/calendar/local-time.ts';
import { t } from '../../templates.ts';
import { staffDepsOf } from '../../assembly/services/staff.ts';
import { afterHoursReport, dayStaffingReport, peopleById } from '../roster-format.ts';
import { auditDisplay, BY_OPTION, PASSWORD_STDIN_OPTION, requireOperator, type OperatorOptions } from '../operator.ts';

const dateOption = (value: string): string => {
  if (!isIsoDate(value)) throw new InvalidArgumentError(t('staff.invalidDate', { value }));
  return value;
};

const idList = (option: string) => (value: string): string[] => {
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) throw new InvalidArgumentError(t('roster.badIdList', { option }));
  return ids;
};

export function register(program: Command, deps: CliDeps): void {
  const roster = program.command('roster').description('作業者配置表・業務責任者・時間外作業者配置表');
  registerShow(roster, deps);
  registerSet(roster, deps);
  registerReset(roster, deps);
  registerAfterHours(roster, deps);
  registerOverride(roster, deps);
}

function registerShow(roster: Command, deps: CliDeps): void {
  roster
    .command('show')
    .description('その日の作業者配置と業務責任者を表示します (休業日はその旨)')
    .option('--date <date>', '日付 YYYY-MM-DD (省略時は今日)', dateOption)
    .option('--json', 'JSON で出力する')
    .action(async (opts: { date?: string; json?: boolean }) => {
      const ctx = await deps.context();
      const sd = staffDepsOf(ctx);
      const date = opts.date ?? tokyoDate(ctx.clock.now());
      const staffing = await getDayStaffing(sd, date);
      const isWorkDay = sd.calendar.isWorkDay(date);
      if (opts.json) return deps.out(`${JSON.stringify({ ...staffing, isWorkDay })}\n`);
      deps.out(`${dayStaffingReport(staffing, isWorkDay, peopleById(await sd.staff.listPeople())).join('\n')}\n`);
    });
}

function registerSet(roster: Command, deps: CliDeps): void {
  roster
    .command('set')
    .description('その日の作業者と業務責任者を個別に登録します (通常の配置より優先)')
    .requiredOption('--date <date>', '日付 YYYY-MM-DD', dateOption)
    .requiredOption('--workers <ids>', '作業者の ID (カンマ区切り)', idList('--workers'))
    .requiredOption('--supervisor <ids>', '業務責任者の ID (カンマ区切り、作業者の中から)', idList('--supervisor'))
    .option('--force', '休業日でも登録する')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { date: string; workers: string[]; supervisor: string[]; force?: boolean } & OperatorOptions) => {
      const ctx = await deps.context();
      const sd = staffDepsOf(ctx);
      const actor = await requireOperator(deps, ctx, opts, 'changeStaffing');
      const input = { date: opts.date, workers: opts.workers, supervisors: opts.supervisor, force: opts.force, actor };
      const staffing = await setDayStaffing(sd, input);
      const people = peopleById(await sd.staff.listPeople());
      deps.out(`${[t('roster.set.done', { date: opts.date }), ...dayStaffingReport(staffing, sd.calendar.isWorkDay(opts.date), people)].join('\n')}\n`);
    });
}

function registerReset(roster: Command, deps: CliDeps): void {
  roster
    .command('reset')
    .description('個別の配置を取り消して通常の配置に戻します')
    .requiredOption('--date <date>', '日付 YYYY-MM-DD', dateOption)
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { date: string } & OperatorOptions) => {
      const ctx = await deps.context();
      const sd = staffDepsOf(ctx);
      const actor = await requireOperator(deps, ctx, opts, 'changeStaffing');
      const { removed } = await resetDayStaffing(sd, opts.date, actor);
      deps.out(`${t(removed ? 'roster.reset.done' : 'roster.reset.nothing', { date: opts.date })}\n`);
    });
}

function registerAfterHours(roster: Command, deps: CliDeps): void {
  roster
    .command('after-hours')
    .description('その日の夜 (業務時間外) に連絡する順番を表示します (時間外作業者配置表・差し替えを反映)')
    .option('--date <date>', '夜が始まる日 YYYY-MM-DD (省略時は今日)', dateOption)
    .option('--json', 'JSON で出力する')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { date?: string; json?: boolean } & OperatorOptions) => {
      const ctx = await deps.context();
      const date = opts.date ?? tokyoDate(ctx.clock.now());
      const operator = await requireOperator(deps, ctx, opts, 'viewStaffContacts');
      const night = await getAfterHoursRoster(staffDepsOf(ctx), date);
      const shown = { entity: 'Person', entityId: `afterHours:${date}`, fields: ['name', 'phone'], count: night.members.length };
      await auditDisplay(ctx, operator, shown);
      if (!opts.json) return deps.out(`${afterHoursReport(night).join('\n')}\n`);
      const members = night.members.map((p) => ({ id: p.id, name: p.name, phone: p.phone }));
      deps.out(`${JSON.stringify({ date, range: night.range, overrides: night.overrides, members })}\n`);
    });
}

function registerOverride(roster: Command, deps: CliDeps): void {
  roster
    .command('override')
    .description('ある夜だけ連絡順を差し替えます (--person で代わりの人、--clear で取り消し)')
    .requiredOption('--date <date>', '夜が始まる日 YYYY-MM-DD', dateOption)
    .option('--person <id>', '代わりに対応する人の ID')
    .option('--replaces <id>', '代わってもらう人の ID (省略時は先頭に入れる)')
    .option('--note <text>', 'メモ')
    .option('--clear', 'その夜の差し替えをすべて取り消す')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { date: string; person?: string; replaces?: string; note?: string; clear?: boolean } & OperatorOptions, cmd: Command) => {
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
    });
}
