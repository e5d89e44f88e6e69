import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import type { CliDeps } from '../index.ts';
import { t, templateText } from '../../templates.ts';
import { purgeRecords, type PurgeResult } from '../../application/retention/purge-records.ts';
import type { DisposalFiles } from '../../application/retention/ports.ts';
import { writePrivateFile } from '../../adapters/private-files.ts';
import { backupsHoldingData, disposalDirOf } from '../../assembly/services/database-files.ts';
import type { BackupsHeld } from '../../application/retention/disposal-record.ts';
import { formatEraDateTime } from '../../domain/reports/japanese-era.ts';
import { retentionDepsOf } from '../../assembly/services/operations.ts';
import { operatorLabel, requireOperator, type OperatorOptions } from '../operator.ts';

export interface PurgeOptions extends OperatorOptions {
  before: string;
  dryRun?: boolean;
  out?: string;
  json?: boolean;
}

/** Disposal records go to a folder only the owner can read (they name files and counts, not people). */
function disposalFiles(dir: string): DisposalFiles {
  return {
    async write(baseName, csv, pdf) {
      const files = { csv: join(dir, `${baseName}.csv`), pdf: join(dir, `${baseName}.pdf`) };
      writePrivateFile(files.csv, csv);
      writePrivateFile(files.pdf, pdf);
      return files;
    },
  };
}

export async function purge(deps: CliDeps, opts: PurgeOptions): Promise<void> {
  const ctx = await deps.context();
  const operator = await requireOperator(deps, ctx, opts, 'purgeRecords');
  const backups = await backupsHoldingData(ctx);
  // Before anything is deleted: a purge must not fail for want of a folder for its record.
  const disposalDir = opts.dryRun ? '' : resolve(opts.out ?? disposalDirOf(ctx));
  const result = await purgeRecords(
    retentionDepsOf(ctx, disposalFiles(disposalDir)),
    {
      before: opts.before,
      dryRun: opts.dryRun === true,
      actor: operator,
      // 担当者 of the disposal record: the authenticated person, by the directory's name.
      operator: await operatorLabel(ctx, operator),
      database: ctx.db.location,
      host: hostname(),
      backups,
    },
  );
  deps.out(opts.json ? `${JSON.stringify(result)}\n` : textOf(result, backups));
}

function textOf(r: PurgeResult, backups: BackupsHeld): string {
  const lines = [
    r.dryRun ? t('retention.purge.dryRunHeader', { before: r.before, total: r.total }) : t('retention.purge.doneHeader', { before: r.before, total: r.total, reportId: r.reportId ?? 0 }),
    ...Object.entries(r.counts).filter(([, n]) => n > 0).map(([table, count]) => t('retention.purge.line', { label: templateText(`retention.purge.tables.${table}.label`), table, count })),
  ];
  if (r.files) lines.push(t('retention.purge.files', r.files));
  if (r.checkpointed === false) lines.push(t('retention.purge.notCheckpointed', { before: r.before }));
  if (!r.dryRun && r.total > 0 && backups.count > 0) {
    lines.push(t('retention.purge.backupWarning', { count: backups.count }));
    for (const b of backups.files ?? []) lines.push(`  ${t('retention.disposal.backupLine', { file: b.file, madeAt: formatEraDateTime(b.madeAt) })}`);
  }
  return `${lines.join('\n')}\n`;
}
