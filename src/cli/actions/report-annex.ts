import { basename, resolve } from 'node:path';
import type { CliDeps } from '../index.ts';
import type { AppContext } from '../../assembly/context.ts';
import { t } from '../../templates.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { annexDepsOf } from '../../assembly/services/annex.ts';
import { auditTrailOf } from '../../assembly/services/operations.ts';
import { buildPrivacyIncident, buildSecurityOfficers, buildSystemUsers, buildWorkPlaces } from '../../application/annex/build-annex-documents.ts';
import { writePrivateFile } from '../../adapters/private-files.ts';
import { writeNewFileAtomically } from '../../adapters/export/atomic-files.ts';
import { runAsBatch } from '../batch-priority.ts';
import { archivePathOf, protectionOf, writeProtectedFile, type Protection, type ProtectionOptions } from '../protected-output.ts';
import { requireOperator, type OperatorOptions } from '../operator.ts';

type Files = { pdf: Uint8Array; csv?: string };

/** Writes the document (and its CSV) protected, or plain with --plain; records the export without the password. */
async function writeAudited(ctx: AppContext, actorId: string | null, out: string, files: Files, protection: Protection, after: Record<string, unknown>): Promise<string> {
  const at = ctx.clock.now();
  const csvName = basename(resolve(out)).replace(/\.pdf$/i, '') + '.csv';
  let path: string;
  let format: string;
  if (files.csv === undefined) ({ path, format } = writeProtectedFile(out, files.pdf, protection, at));
  else if (protection.plain) {
    path = resolve(out);
    writeNewFileAtomically(path, files.pdf);
    writeNewFileAtomically(resolve(out, '..', csvName), Buffer.from(files.csv, 'utf8'));
    format = 'plain';
  } else {
    path = archivePathOf(out);
    protection.writeArchive(path, { [basename(resolve(out))]: files.pdf, [csvName]: files.csv }, at);
    format = 'aes-zip';
  }
  await auditTrailOf(ctx).append({ actorId, channel: 'cli', action: 'report.exported', entity: 'Report', entityId: null, after: { ...after, file: path, format, personalData: true } }, at);
  return path;
}

export async function securityOfficersReport(deps: CliDeps, opts: { out: string } & OperatorOptions & ProtectionOptions): Promise<void> {
  runAsBatch();
  const protection = protectionOf(opts, deps);
  const ctx = await deps.context();
  const { actorId } = await requireOperator(deps, ctx, opts, 'printReports');
  const result = await buildSecurityOfficers(annexDepsOf(ctx));
  const written = await writeAudited(ctx, actorId, opts.out, result, protection, { kind: 'securityOfficers' });
  deps.out(`${t('annex.officers.done', { out: written, people: result.count })}\n`);
  ctx.logger.info('report generated', { kind: 'securityOfficers', bytes: result.pdf.length });
  if (!protection.plain) protection.announce(written);
}

export async function workPlacesReport(deps: CliDeps, opts: { out: string } & OperatorOptions): Promise<void> {
  runAsBatch();
  const ctx = await deps.context();
  const { actorId } = await requireOperator(deps, ctx, opts, 'printReports');
  const result = await buildWorkPlaces(annexDepsOf(ctx));
  writePrivateFile(opts.out, result.pdf);
  const at = ctx.clock.now();
  await auditTrailOf(ctx).append({ actorId, channel: 'cli', action: 'report.exported', entity: 'Report', entityId: null, after: { kind: 'workPlaces', file: resolve(opts.out), format: 'plain', personalData: false } }, at);
  deps.out(`${t('annex.workPlaces.done', { out: opts.out, count: result.count })}\n`);
  ctx.logger.info('report generated', { kind: 'workPlaces', bytes: result.pdf.length });
}

export async function systemUsersReport(deps: CliDeps, opts: { out: string } & OperatorOptions & ProtectionOptions): Promise<void> {
  runAsBatch();
  const protection = protectionOf(opts, deps);
  const ctx = await deps.context();
  const { actorId } = await requireOperator(deps, ctx, opts, 'printReports');
  const result = await buildSystemUsers(annexDepsOf(ctx));
  const written = await writeAudited(ctx, actorId, opts.out, result, protection, { kind: 'systemUsers' });
  deps.out(`${t('annex.systemUsers.done', { out: written, count: result.count })}\n`);
  ctx.logger.info('report generated', { kind: 'systemUsers', bytes: result.pdf.length });
  if (!protection.plain) protection.announce(written);
}

const positiveId = (text: string) => (/^\d{1,9}$/.test(text) && Number(text) > 0 ? Number(text) : undefined);

export async function privacyIncidentReport(
  deps: CliDeps,
  opts: { incident: string; records?: string; content?: string; out: string } & OperatorOptions & ProtectionOptions,
): Promise<void> {
  const id = positiveId(opts.incident);
  if (id === undefined) throw new AppError(ErrorCode.InvalidInput, t('annex.privacy.badId', { value: opts.incident }));
  if (opts.records !== undefined && !/^\d{1,9}$/.test(opts.records)) throw new AppError(ErrorCode.InvalidInput, t('annex.privacy.badRecords', { value: opts.records }));
  runAsBatch();
  const protection = protectionOf(opts, deps);
  const ctx = await deps.context();
  const { actorId } = await requireOperator(deps, ctx, opts, 'printReports');
  const facts = { ...(opts.records === undefined ? {} : { records: Number(opts.records) }), ...(opts.content === undefined ? {} : { content: opts.content }) };
  const result = await buildPrivacyIncident(annexDepsOf(ctx), id, facts);
  const written = await writeAudited(ctx, actorId, opts.out, result, protection, { kind: 'privacyIncident', incidentId: id, blanks: result.blanks });
  deps.out(`${t('annex.privacy.done', { out: written, id, blanks: result.blanks })}\n`);
  ctx.logger.info('report generated', { kind: 'privacyIncident', incidentId: id, bytes: result.pdf.length });
  if (!protection.plain) protection.announce(written);
}
