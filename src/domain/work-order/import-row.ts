import type { WorkOrderFields } from './work-order.ts';

/** The work-order fields an import file can carry (town is derived from the address). */
export const IMPORT_FIELDS = [
  'orderNo',
  'kind',
  'scheduledDate',
  'customerNumber',
  'customerName',
  'customerNameKana',
  'address',
  'mapSheet',
  'tapNumber',
  'meterNumber',
  'diameterMm',
  'previousReading',
  'previousUsage',
  'meterWork',
  'phone',
  'remarks',
  'latitude',
  'longitude',
] as const satisfies readonly (keyof WorkOrderFields)[];
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Without these a row is not a work order; a mapping must name their columns. */
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ['orderNo', 'kind', 'scheduledDate', 'address'];

/** Personal values: never in a log line, shown as a marker in the audit trail (the town of an address is not). */
export const PERSONAL_IMPORT_FIELDS: ReadonlySet<ImportField> = new Set([
  'customerNumber',
  'customerName',
  'customerNameKana',
  'address',
  'phone',
]);

/** Columns of the file that the mapping does not know, by header; null when there are none. */
export type ExtraColumns = Record<string, string> | null;

/** One data record of an import file, its cells already put under field names. */
export interface SourceRow {
  line: number; // physical line where the record starts; the header is line 1
  values: Partial<Record<ImportField, string>>;
  extra: ExtraColumns;
  issues: RowIssue[]; // problems found while reading the record (quotes, cell count)
}

/** A validated work order as imported: the fields plus the unknown columns. */
export interface ImportedWorkOrder extends WorkOrderFields {
  extra: ExtraColumns;
}

export const ROW_ISSUE_CODES = [
  'cellCount',
  'unclosedQuote',
  'textAfterQuote',
  'controlCharacter',
  'required',
  'orderNoDuplicate',
  'kindUnknown',
  'dateInvalid',
  'dateNotReal',
  'diameterInvalid',
  'diameterOutsideContract',
  'diameterRequired',
  'countInvalid',
  'countTooLarge',
  'coordinateInvalid',
  'latitudeRange',
  'longitudeRange',
  'coordinatePair',
  'meterWorkUnknown',
] as const;
export type RowIssueCode = (typeof ROW_ISSUE_CODES)[number];

/** A rule a row breaks; the application words it in Japanese (templates/import.ja.yaml). */
export interface RowIssue {
  code: RowIssueCode;
  field?: ImportField;
  value?: string;
  params?: Record<string, string | number>;
}

export function rowIssue(code: RowIssueCode, field?: ImportField, value?: string, params?: RowIssue['params']): RowIssue {
  const issue: RowIssue = { code };
  if (field !== undefined) issue.field = field;
  if (value !== undefined) issue.value = value;
  if (params !== undefined) issue.params = params;
  return issue;
}
