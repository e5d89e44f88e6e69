import { basename, resolve } from 'node:path';
import type { CliDeps } from '../index.ts';
import type { AppContext } from '../../assembly/context.ts';
import { t } from '../../templates.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { annexDepsOf } from '../../assembly/services/annex.ts';
import { auditTrailOf } from '../../assembly/services/operations.ts';
import { buildPrivacyIncident, buildSecurityOfficers, buildSystemUsers, buildWorkPlaces } from '../../application/annex/build-annex-documents.ts';
import { checkReportTargets, writeReportFile } from '../../adapters/export/report-target.ts';
import { runAsBatch } from '../batch-priority.ts';
import { archivePathOf, protectionOf, writeProtectedFile, type Protection, type ProtectionOptions } from '../protected-output.ts';
import type { ForceOption } from '../protection-options.ts';
import { requireOperator, type OperatorOptions } from '../operator.ts';

type Files = { pdf: Uint8Array; csv?: string };

/** The files written for `out`: the archive, or with --plain the PDF and its CSV beside it. */
function targetsOf(out: string, protection: Protection, withCsv: boolean): string[] {
  if (!protection.plain) return [archivePathOf(out)];
  return withCsv ? [resolve(out), csvPathOf(out)] : [resolve(out)];
}

const csvPathOf = (out: string) => resolve(out, '..', basename(resolve(out)).replace(/\.pdf$/i, '') + '.csv');

/** Writes the document (and its CSV) protected, or plain with --plain; records the export without the password. */
async function writeAudited(ctx: AppContext, actorId: string | null, out: string, files: Files, protection: Protection, force: boolean, after: Record<string, unknown>) {
  const at = ctx.clock.now();
  let written: { path: string; format: string; bytes: number };
  if (files.csv === undefined) written = writeProtectedFile(out, files.pdf, protection, at, force);
  else if (protection.plain) {
    checkReportTargets(targetsOf(out, protection, true), force);
    written = { path: resolve(out), format: 'plain', bytes: writeReportFile(out, files.pdf, force) };
    writeReportFile(csvPathOf(out), files.csv, force);
  } else {
    const path = archivePathOf(out);
    written = { path, format: 'aes-zip', bytes: writeReportFile(path, protection.archive({ [basename(resolve(out))]: files.pdf, [basename(csvPathOf(out))]: files.csv }, at), force) };
  }
  await auditTrailOf(ctx).append({ actorId, channel: 'cli', action: 'report.exported', entity: 'Report', entityId: null, after: { ...after, file: written.path, format: written.format, personalData: true } }, at);
  return written;
}

export async function securityOfficersReport(deps: CliDeps, opts: { out: string } & OperatorOptions & ProtectionOptions & ForceOption): Promise<void> {
  runAsBatch();
  const ctx = await deps.context();
  const { actorId } = await requireOperator(deps, ctx, opts, 'printReports');
  const protection = protectionOf(opts, deps, 'staff');
  checkReportTargets(targetsOf(opts.out, protection, false), opts.force === true);
  const result = await buildSecurityOfficers(annexDepsOf(ctx));
  const written = await writeAudited(ctx, actorId, opts.out, result, protection, opts.force === true, { kind: 'securityOfficers' });
  deps.out(`${t('annex.officers.done', { out: written.path, people: result.count, bytes: written.bytes })}\n`);
  ctx.logger.info('report generated', { kind: 'securityOfficers', bytes: result.pdf.length });
  if (!protection.plain) protection.announce(written.path);
}

export async function workPlacesReport(deps: CliDeps, opts: { out: string } & OperatorOptions & ForceOption): Promise<void> {
  runAsBatch();
  const ctx = await deps.context();
  const { actorId } = await requireOperator(deps, ctx, opts, 'printReports');
  checkReportTargets([opts.out], opts.force === true);
  const result = await buildWorkPlaces(annexDepsOf(ctx));
  const bytes = writeReportFile(opts.out, result.pdf, opts.force === true);
  const at = ctx.clock.now();
  await auditTrailOf(ctx).append({ actorId, channel: 'cli', action: 'report.exported', entity: 'Report', entityId: null, after: { kind: 'workPlaces', file: resolve(opts.out), format: 'plain', personalData: false } }, at);
  deps.out(`${t('annex.workPlaces.done', { out: opts.out, count: result.count, bytes })}\n`);
  ctx.logger.info('report generated', { kind: 'workPlaces', bytes: result.pdf.length });
}

export async function systemUsersReport(deps: CliDeps, opts: { out: string } & OperatorOptions & ProtectionOptions & ForceOption): Promise<void> {
  runAsBatch();
  const ctx = await deps.context();
  const { actorId } = await requireOperator(deps, ctx, opts, 'printReports');
  const protection = protectionOf(opts, deps, 'staff');
  checkReportTargets(targetsOf(opts.out, protection, true), opts.force === true);
  const result = await buildSystemUsers(annexDepsOf(ctx));
  const written = await writeAudited(ctx, actorId, opts.out, result, protection, opts.force === true, { kind: 'systemUsers' });
  deps.out(`${t('annex.systemUsers.done', { out: written.path, count: result.count, bytes: written.bytes })}\n`);
  ctx.logger.info('report generated', { kind: 'systemUsers', bytes: result.pdf.length });
  if (!protection.plain) protection.announce(written.path);
}

const positiveId = (text: string) => (/^\d{1,9}$/.test(text) && Number(text) > 0 ? Number(text) : undefined);

export async function privacyIncidentReport(
  deps: CliDeps,
  opts: { incident: string; records?: string; content?: string; out: string } & OperatorOptions & ProtectionOptions & ForceOption,
): Promise<void> {
  const id = positiveId(opts.incident);
  if (id === undefined) throw new AppError(ErrorCode.InvalidInput, t('annex.privacy.badId', { value: opts.incident }));
  if (opts.records !== undefined && !/^\d{1,9}$/.test(opts.records)) throw new AppError(ErrorCode.InvalidInput, t('annex.privacy.badRecords', { value: opts.records }));
  runAsBatch();
  const ctx = await deps.context();
  const { actorId } = await requireOperator(deps, ctx, opts, 'printReports');
  const protection = protectionOf(opts, deps);
  checkReportTargets(targetsOf(opts.out, protection, false), opts.force === true);
  const facts = { ...(opts.records === undefined ? {} : { records: Number(opts.records) }), ...(opts.content === undefined ? {} : { content: opts.content }) };
  const result = await buildPrivacyIncident(annexDepsOf(ctx), id, facts);
  const written = await writeAudited(ctx, actorId, opts.out, result, protection, opts.force === true, { kind: 'privacyIncident', incidentId: id, blanks: result.blanks });
  deps.out(`${t('annex.privacy.done', { out: written.path, id, blanks: result.blanks, bytes: written.bytes })}\n`);
  ctx.logger.info('report generated', { kind: 'privacyIncident', incidentId: id, bytes: result.pdf.length });
  if (!protection.plain) protection.announce(written.path);
}
