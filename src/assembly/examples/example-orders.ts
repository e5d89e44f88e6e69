import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { importLabelsOf, type ColumnMapping } from '../../adapters/csv/column-mapping.ts';
import { parseCsv, type CsvRecord } from '../../adapters/csv/csv-parser.ts';
import { decodeText } from '../../adapters/csv/decode.ts';
import { mapColumns } from '../../adapters/csv/map-columns.ts';
import type { ImportSource } from '../../application/import/ports.ts';
import { addDays, isIsoDate } from '../../domain/calendar/local-time.ts';

const compact = (date: string) => date.replaceAll('-', '');

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The example export moved to `date`: each row's 作業予定日 shifts by the days between the file's first date and
 * `date`, and an 作業番号 that starts with the row's old date (20260327-0001) gets the new one. Only those two cells
 * change; the file on disk is never touched.
 */
export function moveRecordsToDate(records: CsvRecord[], mapping: ColumnMapping, date: string): CsvRecord[] {
  const [header, ...rows] = records;
  if (!header) return records;
  const names = header.cells.map((c) => c.trim());
  const dateCol = names.indexOf(mapping.columns.scheduledDate ?? '');
  const noCol = names.indexOf(mapping.columns.orderNo ?? '');
  const dates = rows.map((r) => r.cells[dateCol]?.trim() ?? '').filter(isIsoDate).sort();
  if (dateCol < 0 || dates.length === 0) return records;
  const shift = daysBetween(dates[0]!, date);
  const moved = rows.map((row) => {
    const old = row.cells[dateCol]?.trim() ?? '';
    if (!isIsoDate(old)) return row;
    const next = addDays(old, shift);
    const cells = [...row.cells];
    cells[dateCol] = next;
    const no = noCol >= 0 ? cells[noCol] ?? '' : '';
    if (no.startsWith(compact(old))) cells[noCol] = compact(next) + no.slice(compact(old).length);
    return { ...row, cells };
  });
  return [header, ...moved];
}

/** Reads the example work orders for the import use case, dated `date` (see moveRecordsToDate). */
export function readExampleOrders(path: string, mapping: ColumnMapping, date: string): ImportSource {
  const decoded = decodeText(readFileSync(path));
  if (!decoded.ok) throw new Error(`example work orders unreadable (${decoded.reason}): ${path}`);
  const table = mapColumns(moveRecordsToDate(parseCsv(decoded.text), mapping, date), mapping, path);
  return { ...table, name: basename(path), encoding: decoded.encoding, labels: importLabelsOf(mapping) };
}
