import { tokyoHhmm } from '../../domain/calendar/local-time.ts';
import type { PersonActor } from '../../domain/access/actor.ts';
import { tokyoDateTime } from '../../domain/reports/monthly-cases.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';

import { approvedView } from '../reports/build-daily-report.ts';
import type { StoredDailyReport } from '../reports/daily-report-ports.ts';
import { dailyReportDocument } from '../reports/daily-report-document.ts';
import type { DailyReportView } from '../reports/daily-report-view.ts';
import { reached } from '../chat/delivery.ts';
import { bureauMessage } from './daily-card.ts';
import { labelOf, requireSupervisor, sendDailyCards } from './daily-delivery.ts';
import { dailyRemindPrefix, type DayEndDeps, type FileDelivery } from './ports.ts';

/**
 * 承認 (spec 15(4)イ, 11(6)): one action of a supervisor of the date. draft → approved (the approval printed on the
 * PDF; the pending approval reminder cancelled in the same transaction) → the summary and the PDF go to the bureau
 * channel → sent. Every supervisor's card is updated in place. When the bureau channel cannot be reached the report
 * stays approved and the card offers 再送 (the same action again).
 */
export async function approveDailyReport(deps: DayEndDeps, actor: PersonActor, date: string): Promise<string> {
  await requireSupervisor(deps, actor.actorId, date);
  let stored = await deps.report.reports.getDaily(date);
  if (!stored) throw new AppError(ErrorCode.NotFound, t('dayEnd.notFound', { date: labelOf(date) }));
  if (stored.state === 'draft') stored = await approve(deps, actor, stored);
  if (stored.state === 'sent') return alreadySent(stored.view);
  const { ok, deliveries } = await sendToBureau(deps, stored.view, stored.pdf!);
  const now = deps.clock.now();
  if (ok && (await deps.report.reports.markDailySent(date, { actorId: actor.actorId, channel: actor.channel }, now, deliveries))) {
    deps.logger.info('daily report sent to the bureau channel', { date, platforms: deliveries.filter((d) => d.ok).map((d) => d.platform).join(',') });
    await sendDailyCards(deps, stored.view, { state: 'sent', sentAt: tokyoHhmm(now) });
    return t('dayEnd.approve.done', { date: labelOf(date) });
  }
  deps.logger.warn('daily report approved but not delivered to the bureau channel', { date });
  await sendDailyCards(deps, stored.view, { state: 'approved', sendFailed: true });
  return t('dayEnd.approve.sendFailed', { date: labelOf(date) });
}

async function approve(deps: DayEndDeps, actor: PersonActor, draft: StoredDailyReport): Promise<StoredDailyReport> {
  const now = deps.clock.now();
  const names = await deps.report.source.names();
  const auditHead = await deps.report.reports.auditHead();
  const view = approvedView(draft.view, { personId: actor.actorId, name: names.get(actor.actorId) ?? actor.actorId, at: tokyoDateTime(now), auditHead });
  const rendered = await deps.report.renderer.render(dailyReportDocument(view));
  const reminders = { cancelPrefixes: [dailyRemindPrefix(draft.date)] };
  if (await deps.report.reports.approveDaily(draft.date, view, rendered.bytes, { actorId: actor.actorId, channel: actor.channel }, now, reminders)) {
    deps.logger.info('daily report approved', { date: draft.date, personId: actor.actorId });
    return { ...draft, state: 'approved', view, pdf: rendered.bytes };
  }
  // Another supervisor approved it in between: carry on with what is stored (send it if that one could not).
  const current = await deps.report.reports.getDaily(draft.date);
  if (!current) throw new AppError(ErrorCode.NotFound, t('dayEnd.notFound', { date: labelOf(draft.date) }));
  return current;
}

function alreadySent(view: DailyReportView): string {
  return t('dayEnd.approve.already', { date: view.shortLabel, name: view.approval?.name ?? '', time: view.approval?.at.slice(11) ?? '' });
}

async function sendToBureau(deps: DayEndDeps, view: DailyReportView, pdf: Uint8Array): Promise<{ ok: boolean; deliveries: FileDelivery[] }> {
  const message = await deps.gateway.send({ channel: 'bureau' }, bureauMessage(view));
  const files = await deps.files.postPdf({
    bytes: pdf,
    filename: `daily-${view.date}.pdf`,
    title: t('dayEnd.bureau.fileTitle', { date: view.shortLabel }),
    date: view.date,
  });
  const deliveries: FileDelivery[] = [
    ...message.delivered.map((d) => ({ platform: d.platform, ok: true, detail: 'message' })),
    // Kept in the outbox after a 5xx / network failure: it goes out as soon as the platform takes it.
    ...(message.queued ?? []).map((d) => ({ platform: d.platform, ok: true, detail: 'message queued' })),
    ...message.failures.map((f) => ({ platform: f.platform ?? 'console', ok: false, detail: f.reason })),
    ...files,
  ];
  return { ok: reached(message), deliveries };
}
