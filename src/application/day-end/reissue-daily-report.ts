import { tokyoDateTime } from '../../domain/reports/monthly-cases.ts';
import type { DailyReportStage } from '../../domain/results/result-correction.ts';
import { t } from '../../templates.ts';
import { reached } from '../chat/delivery.ts';
import type { MessageView } from '../chat/view.ts';
import { kindText } from '../dispatch/day-views.ts';
import { reissuedView } from '../reports/build-daily-report.ts';
import { dailyReportDocument } from '../reports/daily-report-document.ts';
import type { CorrectionAmendment, CorrectionReports } from '../results/correction-ports.ts';
import { keepReportCurrent, labelOf } from './daily-delivery.ts';
import { dailyCardKey, type DayEndDeps } from './ports.ts';

/** The amendment in the bureau channel (key daily:<date>:amend:<correction id>: sent once, however often replayed). */
function amendmentMessage(date: string, amendment: CorrectionAmendment, name: string): MessageView {
  const { correction } = amendment;
  const header = t('correction.bureau.header', { date: labelOf(date) });
  const lines = [
    t('correction.bureau.order', { orderNo: correction.orderNo, kind: kindText({ kind: amendment.kind, meterWork: null, diameterMm: null }), town: amendment.town }),
    t('correction.line.before', { value: amendment.before }),
    t('correction.line.after', { value: amendment.after }),
    t('correction.bureau.by', { name, role: t(`correction.role.${correction.role}`), at: tokyoDateTime(correction.at) }),
    t('correction.bureau.reissued'),
  ];
  return { key: `${dailyCardKey(date)}:amend:${correction.id}`, summary: header, blocks: [{ type: 'header', text: header }, { type: 'text', text: lines.join('\n') }] };
}

/**
 * The day's report for corrections (訂正): its stage; a draft rebuilt from the corrected results; an approved (or
 * sent) report re-issued: the figures read again, the amendment listed, the PDF marked 訂正, stored with an audit row,
 * then the amendment and the new PDF posted in the bureau channel through the outbox, like the approved report. The
 * replay of the same correction stores nothing again and sends only what the outbox has not delivered yet.
 */
export function correctionReportsOf(deps: DayEndDeps): CorrectionReports {
  return {
    async stageOf(date): Promise<DailyReportStage> {
      return (await deps.report.reports.getDaily(date))?.state ?? 'none';
    },
    async refreshDraft(date) {
      await keepReportCurrent(deps, date);
    },
    async reissueAmended(date, amendment) {
      const stored = await deps.report.reports.getDaily(date);
      if (!stored || stored.state === 'draft') return false;
      const { correction } = amendment;
      const name = (await deps.report.source.names()).get(correction.personId) ?? correction.personId;
      const known = stored.view.amendments ?? [];
      const fresh = !known.some((a) => a.correctionId === correction.id);
      const message = await deps.gateway.send({ channel: 'bureau' }, amendmentMessage(date, amendment, name));
      if (fresh) {
        const entry = { correctionId: correction.id, at: tokyoDateTime(correction.at), name, orderNo: correction.orderNo, before: amendment.before, after: amendment.after };
        const view = await reissuedView(deps.report, stored.view, [...known, entry]);
        const rendered = await deps.report.renderer.render(dailyReportDocument(view));
        await deps.report.reports.reissueDaily(date, view, rendered.bytes, { actorId: correction.personId, channel: 'system' }, deps.clock.now());
        const count = view.amendments!.length;
        await deps.files.postPdf({ bytes: rendered.bytes, filename: `daily-${date}-teisei-${count}.pdf`, title: t('correction.bureau.fileTitle', { date: labelOf(date) }), date });
        deps.logger.info('daily report re-issued after a correction', { date, correctionId: correction.id, amendments: count });
      }
      return reached(message);
    },
  };
}
