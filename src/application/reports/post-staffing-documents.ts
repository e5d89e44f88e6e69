import { t } from '../../templates.ts';
import type { Logger } from '../ports.ts';
import { buildStaffingDocuments, type BuildStaffingDocumentsDeps } from './build-staffing-documents.ts';
import { deliverToAll, type FileDeliveryOutcome, type ReportFiles } from './report-delivery.ts';

export interface PostStaffingDocumentsDeps {
  build: BuildStaffingDocumentsDeps;
  files: ReportFiles;
  logger: Logger;
}

/**
 * With the morning post (POST_STAFFING_DOCUMENTS=true): the date's 業務責任者選任届, 作業者配置表 and
 * 時間外作業者配置表 in one PDF (stored in Report like `report staffing`) to the bureau channel.
 */
export async function postStaffingDocuments(deps: PostStaffingDocumentsDeps, date: string): Promise<FileDeliveryOutcome[]> {
  const result = await buildStaffingDocuments(deps.build, { date, actorId: null, channel: 'system' });
  const label = result.view.dateLabel;
  const outcome = await deliverToAll(deps, [{ channel: 'bureau' }], [
    {
      bytes: result.pdf,
      filename: `staffing-${date}.pdf`,
      title: t('reports.posted.staffingPdfTitle', { date: label }),
      savedNote: (path) => t('reports.posted.staffingPdfSaved', { date: label, path }),
      commandNote: t('reports.posted.staffingTeams', { date: label, isoDate: date }),
    },
  ]);
  deps.logger.info('staffing documents posted', { date, reportId: result.reportId });
  return outcome;
}
