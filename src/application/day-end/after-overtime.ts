import { tokyoDate, tokyoHhmm, tokyoInstant } from '../../domain/calendar/local-time.ts';
import { hadOvertimePast, overtimeRunning } from '../../domain/overtime/overtime.ts';
import { dayOutcomeOf, openOrdersOf } from '../../domain/reports/daily-aggregate.ts';
import type { DailyOrderRow } from '../../domain/reports/daily-rows.ts';
import { tokyoDateTime } from '../../domain/reports/monthly-cases.ts';
import { t, templateText } from '../../templates.ts';
import { reached } from '../chat/delivery.ts';
import type { MessageView } from '../chat/view.ts';
import { kindText } from '../dispatch/day-views.ts';
import { reissuedView } from '../reports/build-daily-report.ts';
import { dailyReportDocument } from '../reports/daily-report-document.ts';
import type { StoredDailyReport } from '../reports/daily-report-ports.ts';
import type { DailyAmendment } from '../reports/daily-report-view.ts';
import { compileClaimed, overtimeHolding } from './compile-daily-report.ts';
import { keepReportCurrent, labelOf } from './daily-delivery.ts';
import { afterOvertimeKey, dailyCardKey, lateResultKey, type DayEndDeps } from './ports.ts';

/**
 * The evening after the business end, as a poller (state in the database, so a restart or a second instance picks
 * it up; each step claimed once):
 * - a day whose compile waited for overtime (compile-daily-report.ts) is compiled once no running consent holds an
 *   open order any more (its `until` passed, it was declined, or its orders are done);
 * - a result recorded on a day whose report was compiled already (an order carried at the business end, then done
 *   in overtime the bureau approved later, or typed late that evening) counts on that day: a draft is rebuilt, an
 *   approved or sent report is re-issued marked 訂正, with the amendment in the bureau channel.
 * It looks at today and the previous work day, so an evening the bot was down is caught up the next morning.
 * True when it compiled or re-issued a report (the console's clock lists it as run).
 */
export async function tickAfterOvertime(deps: DayEndDeps, now: Date): Promise<boolean> {
  let did = false;
  for (const date of recentWorkDays(deps, tokyoDate(now))) {
    if (now < tokyoInstant(date, deps.calendar.businessEnd)) continue;
    const stored = await deps.report.reports.getDaily(date);
    if (stored?.view.source === 'bot') did = (await countLateResults(deps, stored)) || did;
    else did = (await compileAfterOvertime(deps, date, now)) || did;
  }
  return did;
}

/**
 * When the overtime that holds back a day's report ends (the compile is due then), after `after`: the consents still
 * running then, approved or pending (overtimeRunning, as the compile itself decides), on a day not compiled yet.
 */
export async function nextAfterOvertimeDue(deps: DayEndDeps, after: Date): Promise<Date | undefined> {
  const ends: Date[] = [];
  for (const date of recentWorkDays(deps, tokyoDate(after))) {
    if (await deps.report.reports.getDaily(date)) continue;
    const requests = await deps.overtime.ofDay(date);
    if (!hadOvertimePast(requests, date, deps.calendar.businessEnd)) continue;
    const running = overtimeRunning(requests, date, after);
    if (running) ends.push(running.endsAt);
  }
  return ends.sort((a, b) => a.getTime() - b.getTime())[0];
}

function recentWorkDays(deps: DayEndDeps, today: string): string[] {
  const previous = deps.calendar.previousWorkDay(today);
  return [...(previous ? [previous] : []), ...(deps.calendar.isWorkDay(today) ? [today] : [])];
}

export async function compileAfterOvertime(deps: DayEndDeps, date: string, now: Date): Promise<boolean> {
  if (!hadOvertimePast(await deps.overtime.ofDay(date), date, deps.calendar.businessEnd)) return false;
  const rows = await deps.report.source.loadDay(date);
  if (await overtimeHolding(deps, date, openOrdersOf(rows.orders, date))) return false;
  if (!(await compileClaimed(deps, afterOvertimeKey(date), date, now))) return false;
  deps.logger.info('daily report compiled after the overtime', { date });
  return true;
}

const FINISHED = new Set(['done', 'absent', 'not_done']);

/** True when a re-issue was made (a draft rebuilt quietly is not reported). */
async function countLateResults(deps: DayEndDeps, stored: StoredDailyReport): Promise<boolean> {
  const { date, view } = stored;
  const listed = new Set([...view.carriedOver, ...view.open].map((l) => l.orderNo));
  if (listed.size === 0 || (await deps.store.resultsRecordedOn([...listed], date)).length === 0) return false;
  const rows = await deps.report.source.loadDay(date, view.carriedOrderNos);
  const late = rows.orders.filter((o) => listed.has(o.orderNo) && FINISHED.has(dayOutcomeOf(o, date)));
  if (late.length === 0) return false;
  if (stored.state === 'draft') {
    await keepReportCurrent(deps, date);
    deps.logger.info('daily draft rebuilt with results recorded after the compile', { date, orders: late.length });
    return false;
  }
  let did = false;
  for (const order of late) did = (await reissueFor(deps, stored, order)) || did;
  return did;
}

/** The re-issue for one late result, claimed once per order (a second instance, a replayed tick send nothing again). */
async function reissueFor(deps: DayEndDeps, stored: StoredDailyReport, order: DailyOrderRow): Promise<boolean> {
  const { date } = stored;
  const now = deps.clock.now();
  if (!(await deps.claims.claim(lateResultKey(date, order.orderNo), now))) return false;
  try {
    const current = (await deps.report.reports.getDaily(date)) ?? stored;
    const result = order.result!;
    const name = (await deps.report.source.names()).get(result.personId) ?? result.personId;
    const entry: DailyAmendment = {
      correctionId: 0,
      lateResult: true,
      at: tokyoDateTime(result.recordedAt),
      name,
      orderNo: order.orderNo,
      before: t('dayEnd.late.before'),
      after: t('dayEnd.late.after', { outcome: templateText(`resultFlow.outcome.${result.outcome}`), time: tokyoHhmm(result.recordedAt) }),
    };
    const amendments = [...(current.view.amendments ?? []), entry];
    const view = await reissuedView(deps.report, current.view, amendments);
    const rendered = await deps.report.renderer.render(dailyReportDocument(view));
    await deps.report.reports.reissueDaily(date, view, rendered.bytes, { actorId: null, channel: 'system' }, now);
    const message = await deps.gateway.send({ channel: 'bureau' }, lateMessage(date, order, entry));
    await deps.files.postPdf({ bytes: rendered.bytes, filename: `daily-${date}-teisei-${amendments.length}.pdf`, title: t('correction.bureau.fileTitle', { date: labelOf(date) }), date });
    deps.logger.info('daily report re-issued for a result recorded after its approval', { date, orderNo: order.orderNo, delivered: reached(message) });
    return true;
  } catch (e) {
    await deps.claims.release(lateResultKey(date, order.orderNo));
    throw e;
  }
}

function lateMessage(date: string, order: DailyOrderRow, entry: DailyAmendment): MessageView {
  const header = t('dayEnd.late.header', { date: labelOf(date) });
  const lines = [
    t('dayEnd.late.order', { orderNo: order.orderNo, kind: kindText({ kind: order.kind, meterWork: null, diameterMm: null }), town: order.town }),
    t('correction.line.before', { value: entry.before }),
    t('correction.line.after', { value: entry.after }),
    t('dayEnd.late.by', { name: entry.name, at: entry.at }),
    t('dayEnd.late.reissued', { date: labelOf(date) }),
  ];
  return { key: `${dailyCardKey(date)}:late:${order.orderNo}`, summary: header, blocks: [{ type: 'header', text: header }, { type: 'text', text: lines.join('\n') }] };
}
