import type { CliDeps } from './index.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { t } from '../templates.ts';
import { tokyoDate } from '../domain/calendar/local-time.ts';
import { monthsStatus, twelveMonthsFrom } from '../domain/reports/period-status.ts';

/**
 * A month or year wholly in the future is refused (it would print zeros as if final); the current one is allowed
 * with a warning on stderr that its figures are 途中 (so far).
 */
export function checkReportPeriod(deps: Pick<CliDeps, 'err'>, now: Date, period: { month: string } | { firstMonth: string }): void {
  const today = tokyoDate(now);
  const [first, last, label] = 'month' in period ? [period.month, period.month, period.month] : [period.firstMonth, twelveMonthsFrom(period.firstMonth), `${period.firstMonth}〜${twelveMonthsFrom(period.firstMonth)}`];
  const status = monthsStatus(first, last, today);
  if (status === 'future') throw new AppError(ErrorCode.InvalidInput, t('reportOutput.futurePeriod', { period: label, today }));
  if (status === 'underWay') deps.err(`${t('reportOutput.underWay', { period: label, today })}\n`);
}
