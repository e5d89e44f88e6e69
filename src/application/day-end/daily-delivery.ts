import { tokyoDate, tokyoHhmm } from '../../domain/calendar/local-time.ts';
import { dayEndWorkers, dayOutcomeOf } from '../../domain/reports/daily-aggregate.ts';
import type { DailyRows } from '../../domain/reports/daily-rows.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { reached as isReached } from '../chat/delivery.ts';

import { buildDailyReport, type BuildDailyReportInput, type DailyReportResult } from '../reports/build-daily-report.ts';
import type { DailyReportView } from '../reports/daily-report-view.ts';
import { dailyDateLabels } from '../reports/daily-report-view.ts';
import { dailyCard, type DailyCardStatus } from './daily-card.ts';
import { promptCard } from './day-end-cards.ts';
import type { DayEndDeps } from './ports.ts';
import { firstReminder } from './remind-daily-report.ts';

/** Shared steps of the end-of-day use cases: who is asked, cards to the supervisors, the draft kept current. */
export const SYSTEM_ACTOR = { actorId: null, channel: 'system' } as const;

export const labelOf = (date: string) => dailyDateLabels(date).shortLabel;

/** The workers asked to confirm the date, each with their orders still open. */
export function workersOfDay(rows: DailyRows, date: string): { personId: string; openOrderNos: string[] }[] {
  const workers = dayEndWorkers(rows.onDuty, rows.supervisors, rows.orders.map((o) => o.assigneeId));
  return workers.map((personId) => ({
    personId,
    openOrderNos: rows.orders.filter((o) => o.assigneeId === personId && dayOutcomeOf(o, date) === 'open').map((o) => o.orderNo),
  }));
}

export async function sendPromptCard(deps: DayEndDeps, date: string, personId: string, openOrderNos: string[], confirmedAt: Date | null): Promise<boolean> {
  const view = promptCard({ date, label: labelOf(date), openOrderNos, confirmedAt: confirmedAt ? tokyoHhmm(confirmedAt) : null });
  const report = await deps.gateway.send({ personId }, view);
  if (!isReached(report)) deps.logger.warn('day-end prompt not delivered', { date, to: personId, reason: report.failures.map((f) => f.reason).join('; ') });
  return isReached(report);
}

/** Sends (or updates in place) the report card of every supervisor of the date. Returns who got it. */
export async function sendDailyCards(deps: DayEndDeps, view: DailyReportView, status: DailyCardStatus): Promise<string[]> {
  const { supervisors } = await deps.team.approversOn(view.date);
  const reached: string[] = [];
  for (const personId of supervisors) {
    const report = await deps.gateway.send({ personId }, dailyCard(view, status));
    if (isReached(report)) reached.push(personId);
    else deps.logger.warn('daily report card not delivered', { date: view.date, to: personId, reason: report.failures.map((f) => f.reason).join('; ') });
  }
  if (supervisors.length === 0) deps.logger.warn('daily report has no supervisor to go to', { date: view.date });
  return reached;
}

export async function requireSupervisor(deps: DayEndDeps, personId: string, date: string): Promise<void> {
  const { supervisors } = await deps.team.approversOn(date);
  if (!supervisors.includes(personId)) throw new AppError(ErrorCode.Forbidden, t('dayEnd.onlySupervisor', { date: labelOf(date) }));
}

/**
 * The draft as the bot builds it (compile, amendment, a late record): with the first approval reminder, written in
 * the draft's transaction.
 */
export function buildBotDraft(deps: DayEndDeps, input: Omit<BuildDailyReportInput, 'source' | 'timers'>): Promise<DailyReportResult> {
  return buildDailyReport(deps.report, { ...input, source: 'bot', timers: firstReminder(deps.settings) });
}

/**
 * After a late note, fee or confirmation: a compiled draft is rebuilt and the supervisors' cards updated in place.
 * Returns a remark for the sender when the report has already gone to the bureau.
 */
export async function keepReportCurrent(deps: DayEndDeps, date: string): Promise<string> {
  const stored = await deps.report.reports.getDaily(date);
  if (!stored || stored.view.source !== 'bot') return '';
  if (stored.state !== 'draft') return `\n${t('dayEnd.afterSent', { date: labelOf(date) })}`;
  const rebuilt = await buildBotDraft(deps, { date, actor: SYSTEM_ACTOR });
  if (rebuilt.rebuilt) await sendDailyCards(deps, rebuilt.view, { state: 'draft' });
  return '';
}

export const today = (deps: Pick<DayEndDeps, 'clock'>) => tokyoDate(deps.clock.now());
