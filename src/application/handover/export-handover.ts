import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { toCsv, type CsvCell } from '../../domain/reports/csv.ts';
import { t, templateText } from '../../templates.ts';
import { tokyoTimestamp } from '../../domain/calendar/local-time.ts';
import { formatEraDateTime } from '../../domain/reports/japanese-era.ts';
import type { AuditEntry } from '../ports.ts';
import { HANDOVER_FILES, type HandoverFileSpec } from './handover-files.ts';
import type { Cell, HandoverData, HandoverDeps, HandoverFormat } from './ports.ts';

export interface ExportInput {
  actor: Pick<AuditEntry, 'actorId' | 'channel'>;
  operator: string;
}

export interface ExportResult {
  /** The archive (aes-zip) or the folder (plain). */
  dir: string;
  format: HandoverFormat;
  files: { file: string; rows: number }[];
}

function cellOf(value: Cell | undefined): CsvCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return tokyoTimestamp(value);
  return value;
}

function csvOf(spec: HandoverFileSpec, data: HandoverData): string {
  const header = spec.columns.map((c) => templateText(`handover.columns.${c}.h`));
  return toCsv([header, ...data[spec.key].map((row) => spec.columns.map((c) => cellOf(row[c])))]);
}

function readmeOf(data: HandoverData, at: Date, operator: string): string {
  const lines = [t('handover.readme.title'), t('handover.readme.created', { at: formatEraDateTime(tokyoTimestamp(at)), operator }), '', t('handover.readme.format'), t('handover.readme.privacy'), t('handover.readme.excluded'), ''];
  for (const spec of HANDOVER_FILES) {
    lines.push(t('handover.readme.file', { file: spec.file, rows: data[spec.key].length, title: t(`handover.files.${spec.key}.title`) }));
    lines.push(t('handover.readme.about', { description: t(`handover.files.${spec.key}.description`) }));
    for (const c of spec.columns) lines.push(t('handover.readme.column', { header: templateText(`handover.columns.${c}.h`), description: templateText(`handover.columns.${c}.d`) }));
    lines.push('');
  }
  return `\uFEFF${lines.join('\r\n')}`;
}

/**
 * 委託業務の引継ぎ (spec 14): what the next contractor needs, as documented CSV files and a README
 * in Japanese. Personal data is included (the work cannot go on without it); the export is
 * recorded in the audit trail with the files, row counts and format, never the values (nor a password: the
 * output encrypts, this use case never sees one).
 */
export async function exportHandover(deps: HandoverDeps, input: ExportInput): Promise<ExportResult> {
  const at = deps.clock.now();
  const data = await deps.source.load(tokyoDate(at));
  const files: Record<string, string> = { 'README.txt': readmeOf(data, at, input.operator) };
  for (const spec of HANDOVER_FILES) files[spec.file] = csvOf(spec, data);
  const { location: dir, format } = await deps.output.write(files);
  const counts = HANDOVER_FILES.map((spec) => ({ file: spec.file, rows: data[spec.key].length }));
  await deps.trail.append({ ...input.actor, action: 'handover.exported', entity: 'Handover', entityId: dir, after: { files: counts, personalData: true, format, operator: input.operator } }, at);
  deps.logger.warn('handover exported with personal data', { dir, format, files: counts.length, rows: counts.reduce((a, c) => a + c.rows, 0) });
  return { dir, format, files: counts };
}
