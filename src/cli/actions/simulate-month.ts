import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { databaseUrlProblem } from '../../assembly/context.ts';
import { loadConfig } from '../../config.ts';
import { isIsoDate } from '../../domain/calendar/local-time.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { MonthDatabaseInUse, runMonth } from '../../simulation/month/run-month.ts';
import { t } from '../../templates.ts';

export interface SimulateMonthFlags {
  start: string;
  days: string;
  orders: string;
  workers: string;
  seed: string;
  database?: string;
  progress?: boolean;
}

type Usage = (message: string) => never;

function positive(usage: Usage, name: string, value: string): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) usage(t('simulateMonth.badCount', { name, value }));
  return n;
}

/** The options as numbers and dates; a value that is not one is a usage error (exit 2), before anything is opened. */
function checkedOptions(opts: SimulateMonthFlags, usage: Usage) {
  if (!isIsoDate(opts.start)) usage(t('simulateMonth.badStart', { value: opts.start }));
  const problem = opts.database !== undefined ? databaseUrlProblem(opts.database) : undefined;
  if (problem) usage(t('simulate.badDatabase', { problem }));
  return {
    seed: positive(usage, 'seed', opts.seed),
    start: opts.start,
    days: positive(usage, 'days', opts.days),
    orders: positive(usage, 'orders', opts.orders),
    workers: positive(usage, 'workers', opts.workers),
  };
}

export async function simulateMonth(deps: CliDeps, opts: SimulateMonthFlags, command: Command): Promise<void> {
  const usage: Usage = (message) => command.error(message, { exitCode: 2, code: 'kaiheisen.usage' });
  const checked = checkedOptions(opts, usage);
  const result = await runMonth({
    config: loadConfig({ ...process.env, KAIHEISEN_LOG_LEVEL: 'silent' }),
    ...checked,
    supervisors: 3,
    databaseUrl: opts.database,
    progress: opts.progress ? (line) => deps.out(`${line}\n`) : undefined,
  }).catch((e: unknown) => (e instanceof MonthDatabaseInUse ? usage(e.message) : Promise.reject(e)));
  deps.out(`${JSON.stringify({ ok: result.ok, invariants: result.invariants, ...result.figures })}\n`);
  const failed = result.invariants.filter((i) => !i.ok);
  if (failed.length > 0) throw new AppError(ErrorCode.InvalidInput, t('simulateMonth.failed', { names: failed.map((i) => i.name).join(' / ') }));
}
