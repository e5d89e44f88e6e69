import { addDays, isIsoDate, tokyoDate, tokyoInstant } from '../../domain/calendar/local-time.ts';
import { toCsv } from '../../domain/reports/csv.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { tokyoTimestamp } from '../../domain/calendar/local-time.ts';
import type { AuditEntry } from '../ports.ts';
import { disposalCsv, disposalDocument, type BackupsHeld, type DisposalRecord } from './disposal-record.ts';
import type { PurgeCounts, PurgeCutoff, PurgeDeps } from './ports.ts';

export interface PurgeInput {
  before: string;
  dryRun: boolean;
  actor: Pick<AuditEntry, 'actorId' | 'channel'>;
  /** 担当者 as printed on the record (a person's name, or the OS account). */
  operator: string;
  /** ファイル名・媒体名 of the record: the database file and the machine. */
  database: string;
  host: string;
  /** Backups made earlier still hold what is deleted now: the record says so. */
  backups: BackupsHeld;
}

export interface PurgeResult {
  dryRun: boolean;
  before: string;
  counts: PurgeCounts;
  total: number;
  reportId?: number;
  files?: { csv: string; pdf: string };
  checkpointed?: boolean;
}

function cutoffOf(before: string, now: Date): PurgeCutoff {
  if (!isIsoDate(before)) throw new AppError(ErrorCode.InvalidInput, t('retention.purge.badDate', { value: before }));
  const latest = addDays(tokyoDate(now), 1);
  if (before > latest) throw new AppError(ErrorCode.InvalidInput, t('retention.purge.future', { value: before, latest }));
  return { date: before, instant: tokyoInstant(before) };
}

const totalOf = (counts: PurgeCounts) => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * `kaiheisen purge --before D`: removes what is older than the retention (annex art. 12, 21-2) in one
 * transaction, then VACUUM (and on SQLite a WAL checkpoint, so the bytes are overwritten), and keeps a disposal
 * record (Report kind 'disposal', plus CSV and PDF files) that the bureau can be given in writing.
 */
export async function purgeRecords(deps: PurgeDeps, input: PurgeInput): Promise<PurgeResult> {
  const now = deps.clock.now();
  const cutoff = cutoffOf(input.before, now);
  if (input.dryRun) {
    const counts = await deps.store.count(cutoff);
    return { dryRun: true, before: input.before, counts, total: totalOf(counts) };
  }
  let record: DisposalRecord | undefined;
  const { counts, reportId } = await deps.store.purge(cutoff, (found) => {
    record = recordOf(input, now, found, deps.store.erasure);
    const content = JSON.stringify(record);
    return { period: `${record.atTokyo.replace(' ', 'T')}`, at: now, content, audit: { ...input.actor, action: 'retention.purged', after: JSON.stringify({ before: input.before, total: record.total, counts: found }) } };
  });
  const { checkpointed } = await deps.store.compact();
  const done = record as DisposalRecord;
  const rendered = await deps.renderer.render(disposalDocument(done));
  await deps.store.attachPdf(reportId, rendered.bytes);
  const files = await deps.files.write(`disposal-${done.atTokyo.replace(/[-: ]/g, '').slice(0, 14)}`, toCsv(disposalCsv(done)), rendered.bytes);
  deps.logger.info('records purged', { before: input.before, total: done.total, reportId, checkpointed });
  return { dryRun: false, before: input.before, counts, total: done.total, reportId, files, checkpointed };
}

function recordOf(input: PurgeInput, now: Date, counts: PurgeCounts, erasure: PurgeDeps['store']['erasure']): DisposalRecord {
  return {
    before: input.before,
    at: now.toISOString(),
    atTokyo: tokyoTimestamp(now),
    operator: input.operator,
    actorId: input.actor.actorId,
    database: input.database,
    host: input.host,
    method: t(erasure === 'overwritten' ? 'retention.disposal.methodText' : 'retention.disposal.methodTextPostgres'),
    counts,
    total: totalOf(counts),
    backups: input.backups,
  };
}
