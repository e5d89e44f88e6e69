import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { type ImportField, rowIssue, type RowIssue, type SourceRow } from '../../domain/work-order/import-row.ts';
import type { ColumnMapping } from './column-mapping.ts';
import type { CsvRecord } from './csv-parser.ts';

/** The data rows of a file under field names, and the header of each mapped field. */
export interface MappedTable {
  headers: Partial<Record<ImportField, string>>;
  rows: SourceRow[];
}

export interface Layout {
  width: number;
  fields: [ImportField, number][]; // field → column index
  extra: [string, number][]; // unknown header → column index
}

/** Finds the mapped columns by header name (any order); unknown columns go to `extra`. */
export function mapColumns(records: readonly CsvRecord[], mapping: ColumnMapping, file: string): MappedTable {
  const [header, ...data] = records;
  const layout = headerLayout(header, mapping, file);
  return { headers: mapping.columns, rows: data.map((record) => sourceRow(record, layout)) };
}

/** Where each field's column is, from the header record; a missing, broken or incomplete header is an error. */
export function headerLayout(header: CsvRecord | undefined, mapping: ColumnMapping, file: string): Layout {
  if (!header) throw new AppError(ErrorCode.InvalidInput, t('import.fileEmpty', { file }));
  if (header.error) throw new AppError(ErrorCode.InvalidInput, t('import.headerBroken', { file }));
  return layoutOf(header.cells.map((c) => c.trim()), mapping);
}

function layoutOf(names: string[], mapping: ColumnMapping): Layout {
  const mapped = Object.entries(mapping.columns) as [ImportField, string][];
  const missing = mapped.filter(([, name]) => !names.includes(name)).map(([, name]) => `「${name}」`);
  if (missing.length > 0) throw new AppError(ErrorCode.ColumnMissing, t('import.columnMissing', { headers: missing.join('、') }));
  const twice = mapped.filter(([, name]) => names.indexOf(name) !== names.lastIndexOf(name)).map(([, name]) => `「${name}」`);
  if (twice.length > 0) throw new AppError(ErrorCode.InvalidInput, t('import.headerTwice', { headers: twice.join('、') }));
  const known = new Set(mapped.map(([, name]) => name));
  const extra: [string, number][] = [];
  names.forEach((name, i) => {
    if (!known.has(name)) extra.push([uniqueKey(name || t('import.unnamedColumn', { n: i + 1 }), extra), i]);
  });
  return { width: names.length, fields: mapped.map(([field, name]) => [field, names.indexOf(name)]), extra };
}

/** A header used twice among the unknown columns keeps both values: 備考2, 備考2 (2). */
function uniqueKey(name: string, taken: readonly [string, number][]): string {
  let key = name;
  for (let n = 2; taken.some(([k]) => k === key); n++) key = `${name} (${n})`;
  return key;
}

/** A data record under field names. */
export function sourceRow(record: CsvRecord, layout: Layout): SourceRow {
  const values: SourceRow['values'] = {};
  for (const [field, index] of layout.fields) values[field] = record.cells[index] ?? '';
  if (values.orderNo) values.orderNo = detached(values.orderNo);
  return { line: record.line, values, extra: extraOf(record, layout), issues: recordIssues(record, layout) };
}

/**
 * A copy of a cell that does not keep the text it was cut from alive (V8 shares the characters of a substring of
 * 13 or more with its source). The import keeps every order number of a file while it reads the file piece by
 * piece; without the copy each kept number would keep its whole piece of text in memory.
 */
function detached(cell: string): string {
  return ` ${cell}`.slice(1);
}

function extraOf(record: CsvRecord, layout: Layout): Record<string, string> | null {
  let extra: Record<string, string> | null = null;
  for (const [key, index] of layout.extra) {
    const value = record.cells[index]?.trim() ?? '';
    if (value !== '') (extra ??= {})[key] = value;
  }
  return extra;
}

function recordIssues(record: CsvRecord, layout: Layout): RowIssue[] {
  if (record.error) return [rowIssue(record.error)];
  if (record.cells.length === layout.width) return [];
  return [rowIssue('cellCount', undefined, undefined, { count: record.cells.length, expected: layout.width })];
}
