import type { CliDeps } from '../index.ts';
import { loadConfig } from '../../config.ts';
import { isIsoDate } from '../../domain/calendar/local-time.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { runMonth } from '../../simulation/month/run-month.ts';

function positive(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new AppError(ErrorCode.InvalidInput, `--${name} には 1 以上の整数を指定してください: ${value}`);
  return n;
}

export async function simulateMonth(deps: CliDeps, opts: { start: string; days: string; orders: string; workers: string; seed: string; database?: string; progress?: boolean }): Promise<void> {
  if (!isIsoDate(opts.start)) throw new AppError(ErrorCode.InvalidInput, `--start は YYYY-MM-DD で指定してください: ${opts.start}`);
  const result = await runMonth({
    config: loadConfig({ ...process.env, KAIHEISEN_LOG_LEVEL: 'silent' }),
    seed: positive('seed', opts.seed),
    start: opts.start,
    days: positive('days', opts.days),
    orders: positive('orders', opts.orders),
    workers: positive('workers', opts.workers),
    supervisors: 3,
    databaseUrl: opts.database,
    progress: opts.progress ? (line) => deps.out(`${line}\n`) : undefined,
  });
  deps.out(`${JSON.stringify({ ok: result.ok, invariants: result.invariants, ...result.figures })}\n`);
  const failed = result.invariants.filter((i) => !i.ok);
  if (failed.length > 0) throw new AppError(ErrorCode.InvalidInput, `検証に失敗しました: ${failed.map((i) => i.name).join(' / ')}`);
}
