import { InvalidArgumentError, type Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { isIsoDate } from '../../domain/calendar/local-time.ts';
import { t } from '../../templates.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION, type OperatorOptions } from '../operator-options.ts';

const run = () => import('../actions/roster.ts');

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
    .action(async (opts: { date?: string; json?: boolean }) => (await run()).showRoster(deps, opts));
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
    .action(async (opts: { date: string; workers: string[]; supervisor: string[]; force?: boolean } & OperatorOptions) => (await run()).setRoster(deps, opts));
}

function registerReset(roster: Command, deps: CliDeps): void {
  roster
    .command('reset')
    .description('個別の配置を取り消して通常の配置に戻します')
    .requiredOption('--date <date>', '日付 YYYY-MM-DD', dateOption)
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { date: string } & OperatorOptions) => (await run()).resetRoster(deps, opts));
}

function registerAfterHours(roster: Command, deps: CliDeps): void {
  roster
    .command('after-hours')
    .description('その日の夜 (業務時間外) に連絡する順番を表示します (時間外作業者配置表・差し替えを反映)')
    .option('--date <date>', '夜が始まる日 YYYY-MM-DD (省略時は今日)', dateOption)
    .option('--json', 'JSON で出力する')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { date?: string; json?: boolean } & OperatorOptions) => (await run()).showAfterHours(deps, opts));
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
    .action(async (opts: { date: string; person?: string; replaces?: string; note?: string; clear?: boolean } & OperatorOptions, cmd: Command) => (await run()).overrideNight(deps, opts, cmd));
}
