import type { CsvCell } from '../../domain/reports/csv.ts';
import { formatEraDateTime } from '../../domain/reports/japanese-era.ts';
import type { ReportDocument } from '../../domain/reports/report-document.ts';
import { t, templateText } from '../../templates.ts';
import type { PurgeCounts } from './ports.ts';

/** 消去・廃棄の記録 (annex art. 12(1)(2)): file and medium, method, when, who, what, how many. */
export interface DisposalRecord {
  before: string;
  at: string; // ISO instant
  atTokyo: string; // YYYY-MM-DD HH:MM:SS
  operator: string;
  actorId: string | null;
  database: string;
  host: string;
  method: string;
  counts: PurgeCounts;
  total: number;
  backups: BackupsHeld;
}

/** The backups that existed when the purge ran, so still hold what it deleted (files: absent in older records). */
export interface BackupsHeld {
  dir: string;
  count: number;
  files?: { file: string; madeAt: string }[]; // madeAt: YYYY-MM-DD HH:MM, Tokyo
}

const label = (table: string) => templateText(`retention.purge.tables.${table}.label`);
const rule = (table: string) => templateText(`retention.purge.tables.${table}.rule`);

function headerRows(r: DisposalRecord): [string, string][] {
  return [
    [t('retention.disposal.at'), formatEraDateTime(r.atTokyo)],
    [t('retention.disposal.operator'), r.operator],
    [t('retention.disposal.file'), r.database],
    [t('retention.disposal.medium'), r.host],
    [t('retention.disposal.method'), r.method],
    [t('retention.disposal.before'), t('retention.disposal.beforeValue', { date: r.before })],
    [t('retention.disposal.total'), String(r.total)],
  ];
}

function tableRows(r: DisposalRecord): string[][] {
  return Object.entries(r.counts).map(([table, n]) => [label(table), table, String(n), rule(table)]);
}

/** Which backups still hold the deleted data (none when nothing was deleted), and what to do with them. */
export function backupNote(r: Pick<DisposalRecord, 'backups' | 'total'>): string {
  const files = r.backups.files ?? [];
  if (r.total === 0 || r.backups.count === 0) return t('retention.disposal.backupNone', { dir: r.backups.dir });
  const lines = files.map((b) => t('retention.disposal.backupLine', { file: b.file, madeAt: formatEraDateTime(b.madeAt) }));
  return [t('retention.disposal.backupNote', { count: r.backups.count }), ...lines, t('retention.disposal.backupRule')].join('\n');
}

export function disposalCsv(r: DisposalRecord): CsvCell[][] {
  return [
    [t('retention.disposal.title')],
    ...headerRows(r),
    [t('retention.disposal.note'), backupNote(r)],
    [],
    t('retention.disposal.columns').split(','),
    ...tableRows(r),
  ];
}

export function disposalDocument(r: DisposalRecord): ReportDocument {
  const [category, table, count, basis] = t('retention.disposal.columns').split(',') as [string, string, string, string];
  return {
    title: t('retention.disposal.title'),
    author: 'kaiheisen',
    sections: [
      {
        orientation: 'portrait',
        pageNumbers: true,
        runningHeader: `${t('retention.disposal.title')} ${formatEraDateTime(r.atTokyo)}`,
        blocks: [
          { type: 'title', text: t('retention.disposal.title') },
          { type: 'fields', align: 'left', rows: headerRows(r).map(([l, value]) => ({ label: l, value })) },
          { type: 'spacer', height: 8 },
          {
            type: 'table',
            columns: [
              { label: category, weight: 3, align: 'left' },
              { label: table, weight: 3, align: 'left' },
              { label: count, weight: 1.2, align: 'right' },
              { label: basis, weight: 6, align: 'left' },
            ],
            rows: tableRows(r),
          },
          { type: 'spacer', height: 8 },
          { type: 'paragraph', text: backupNote(r) },
          { type: 'spacer', height: 16 },
          { type: 'paragraph', text: t('retention.disposal.signature') },
        ],
      },
    ],
  };
}
