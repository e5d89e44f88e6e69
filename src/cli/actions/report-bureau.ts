import { basename, resolve } from 'node:path';
import type { CliDeps } from '../index.ts';
import type { AppContext } from '../../assembly/context.ts';
import { t } from '../../templates.ts';
import { buildAnnualReport } from '../../application/reports/build-annual-report.ts';
import { buildContactChart } from '../../application/reports/build-contact-chart.ts';
import { monthlyReportDepsOf } from '../../assembly/services/reports.ts';
import { contactChartDepsOf, idCardRequestDepsOf } from '../../assembly/services/bureau-documents.ts';
import { auditTrailOf } from '../../assembly/services/operations.ts';
import { checkReportTargets, writeReportFile } from '../../adapters/export/report-target.ts';
import { checkReportPeriod } from '../report-period.ts';
import { runAsBatch } from '../batch-priority.ts';
import { requireOperator } from '../operator.ts';
import type { AnnualOptions, ContactChartOptions, IdCardRequestOptions } from '../report-bureau-options.ts';
import { buildIdCardRequest } from '../../application/reports/build-id-card-request.ts';
import { photoFileName } from '../../application/reports/id-card-request-view.ts';
import { archivePathOf, checkProtectedTarget, protectionOf, writeProtectedFile } from '../protected-output.ts';

/** `report annual`: 別表1 over twelve months, PDF and optionally CSV (counts only: no personal data). */
export async function annualReport(deps: CliDeps, opts: AnnualOptions): Promise<void> {
  runAsBatch();
  const ctx = await deps.context();
  const { actorId } = await requireOperator(deps, ctx, opts, 'printReports');
  checkReportTargets([opts.out, opts.csv], opts.force === true);
  const firstMonth = opts.from ?? (opts.fiscalYear && /^\d{4}$/.test(opts.fiscalYear) ? `${opts.fiscalYear}-04` : undefined);
  if (firstMonth && !(opts.from && opts.fiscalYear)) checkReportPeriod(deps, ctx.clock.now(), { firstMonth });
  const result = await buildAnnualReport(monthlyReportDepsOf(ctx), { fiscalYear: opts.fiscalYear, from: opts.from, actorId, channel: 'cli' });
  writeReportFile(opts.out, result.pdf, opts.force === true);
  deps.out(`${t('bureauDocs.annual.done', { period: result.view.periodLabel, out: opts.out, pages: result.pageCount, bytes: result.pdf.length })}\n`);
  if (opts.csv) {
    writeReportFile(opts.csv, result.csv, opts.force === true);
    deps.out(`${t('bureauDocs.annual.csvDone', { out: opts.csv })}\n`);
  }
  ctx.logger.info('report generated', { kind: 'annual', period: result.view.firstMonth, bytes: result.pdf.length });
}

/** `report contact-chart`: phone numbers inside, so written protected and the export audited. */
export async function contactChartReport(deps: CliDeps, opts: ContactChartOptions): Promise<void> {
  runAsBatch();
  const ctx = await deps.context();
  const { actorId } = await requireOperator(deps, ctx, opts, 'printReports');
  const protection = protectionOf(opts, deps, 'staff');
  checkProtectedTarget(opts.out, protection, opts.force);
  const result = await buildContactChart(contactChartDepsOf(ctx), { date: opts.date, actorId, channel: 'cli' });
  const written = await exportAudited(ctx, actorId, { kind: 'contactChart', reportId: result.reportId }, () =>
    writeProtectedFile(opts.out, result.pdf, protection, ctx.clock.now(), opts.force === true),
  );
  deps.out(`${t('bureauDocs.contactChart.done', { date: result.view.dateLabel, out: written.path, bytes: written.bytes })}\n`);
  ctx.logger.info('report generated', { kind: 'contactChart', period: result.view.date, bytes: result.pdf.length });
  if (!protection.plain) protection.announce(written.path);
}

/**
 * `report id-card-request`: the PDF (photos embedded) and the photo files themselves (the bureau asks for 写真データ)
 * in one AES zip; with --plain, the photos beside the PDF as FILE-<id>.jpg.
 */
export async function idCardRequestReport(deps: CliDeps, opts: IdCardRequestOptions): Promise<void> {
  runAsBatch();
  const ctx = await deps.context();
  const { actorId } = await requireOperator(deps, ctx, opts, 'printReports');
  const protection = protectionOf(opts, deps, 'staffPhotos');
  checkProtectedTarget(opts.out, protection, opts.force);
  const force = opts.force === true;
  const workers = opts.workers?.split(',').map((w) => w.trim()).filter(Boolean);
  const result = await buildIdCardRequest(idCardRequestDepsOf(ctx), { workers, actorId, channel: 'cli' });
  const files = Object.fromEntries(result.photos.map((p) => [photoFileName(p), p.bytes]));
  const written = await exportAudited(ctx, actorId, { kind: 'idCardRequest', reportId: result.reportId, files: result.photos.length + 1 }, () => {
    const at = ctx.clock.now();
    if (protection.plain) {
      const pdf = resolve(opts.out);
      const beside = Object.keys(files).map((name) => `${pdf.replace(/\.pdf$/i, '')}-${name}`);
      checkReportTargets(beside, force);
      const bytes = writeReportFile(pdf, result.pdf, force);
      Object.values(files).forEach((photo, i) => writeReportFile(beside[i] ?? '', photo, force));
      return { path: pdf, format: 'plain', bytes };
    }
    const path = archivePathOf(opts.out);
    const zip = protection.archive({ [basename(resolve(opts.out)).replace(/\.zip$/i, '')]: result.pdf, ...files }, at);
    return { path, format: 'aes-zip', bytes: writeReportFile(path, zip, force) };
  });
  const count = result.view.rows.length;
  deps.out(`${t('bureauDocs.idCardRequest.done', { count, out: written.path, bytes: written.bytes, photos: result.photos.length })}\n`);
  ctx.logger.info('report generated', { kind: 'idCardRequest', workers: count, bytes: result.pdf.length });
  if (!protection.plain) protection.announce(written.path);
}

/** Writes the file(s) and records the export (annex art. 11), without the password. */
export async function exportAudited(
  ctx: AppContext,
  actorId: string | null,
  report: { kind: string; reportId: number; files?: number },
  write: () => { path: string; format: 'aes-zip' | 'plain'; bytes: number },
): Promise<{ path: string; bytes: number }> {
  const at = ctx.clock.now();
  const { path, format, bytes } = write();
  const after = { kind: report.kind, file: path, format, personalData: true, ...(report.files === undefined ? {} : { files: report.files }) };
  await auditTrailOf(ctx).append({ actorId, channel: 'cli', action: 'report.exported', entity: 'Report', entityId: String(report.reportId), after }, at);
  return { path, bytes };
}
