import { IMPORT_FIELDS, type ImportedWorkOrder, type RowIssue, type SourceRow, rowIssue } from './import-row.ts';
import {
  hasControlCharacter,
  parseCalendarDate,
  parseCount,
  parseDecimal,
  textOrNull,
  toHalfWidthAscii,
} from './normalize-value.ts';
import { isContractDiameter, type MeterWork, meterWorkFromLabel, type TaskKind, taskKindFromLabel } from './task-kind.ts';
import { townOf } from './work-order.ts';

/** How the file names 作業種別 and メーター作業 (a mapping may add labels of another utility). */
export interface ImportLabels {
  kindFromLabel(label: string): TaskKind | undefined;
  meterWorkFromLabel(label: string): MeterWork | undefined;
}

export const DEFAULT_IMPORT_LABELS: ImportLabels = { kindFromLabel: taskKindFromLabel, meterWorkFromLabel };

export type RowResult = { ok: true; order: ImportedWorkOrder } | { ok: false; issues: RowIssue[] };

type Values = SourceRow['values'];

/** Checks one row and returns the normalised work order, or every rule the row breaks. */
export function validateRow(row: SourceRow, labels: ImportLabels = DEFAULT_IMPORT_LABELS): RowResult {
  if (row.issues.length > 0) return { ok: false, issues: [...row.issues] };
  const unreadable = controlCharacterIssues(row);
  if (unreadable.length > 0) return { ok: false, issues: unreadable };
  const issues: RowIssue[] = [];
  const v = row.values;
  const orderNo = requiredText(v, 'orderNo', issues);
  const kind = kindOf(v, labels, issues);
  const scheduledDate = dateOf(v, issues);
  const address = requiredText(v, 'address', issues);
  const meterWork = meterWorkOf(v, labels, issues);
  const diameterMm = diameterOf(v, meterWork, issues);
  const previousReading = countOf(v, 'previousReading', issues);
  const previousUsage = countOf(v, 'previousUsage', issues);
  const [latitude, longitude] = coordinatesOf(v, issues);
  if (issues.length > 0 || kind === undefined) return { ok: false, issues };
  return {
    ok: true,
    order: {
      orderNo, kind, scheduledDate, address, town: townOf(address), meterWork, diameterMm,
      previousReading, previousUsage, latitude, longitude,
      customerNumber: codeOf(v.customerNumber), customerName: textOrNull(v.customerName),
      customerNameKana: textOrNull(v.customerNameKana), mapSheet: textOrNull(v.mapSheet),
      tapNumber: codeOf(v.tapNumber), meterNumber: codeOf(v.meterNumber), phone: codeOf(v.phone),
      remarks: textOrNull(v.remarks), extra: row.extra,
    },
  };
}

/** Numbers and codes (作業番号, お客さま番号, 電話番号...) are kept in half-width characters. */
function codeOf(raw: string | undefined): string | null {
  return raw === undefined ? null : textOrNull(toHalfWidthAscii(raw));
}

function requiredText(v: Values, field: 'orderNo' | 'address', issues: RowIssue[]): string {
  const text = field === 'orderNo' ? codeOf(v.orderNo) : textOrNull(v.address);
  if (text === null) issues.push(rowIssue('required', field));
  return text ?? '';
}

function controlCharacterIssues(row: SourceRow): RowIssue[] {
  let all = ''; // one test for the whole row: control characters are rare
  for (const field of IMPORT_FIELDS) all += row.values[field] ?? '';
  for (const column in row.extra) all += row.extra[column];
  if (!hasControlCharacter(all)) return [];
  const issues: RowIssue[] = [];
  for (const field of IMPORT_FIELDS) {
    if (hasControlCharacter(row.values[field] ?? '')) issues.push(rowIssue('controlCharacter', field));
  }
  for (const column in row.extra) {
    if (hasControlCharacter(row.extra[column]!)) issues.push(rowIssue('controlCharacter', undefined, undefined, { column }));
  }
  return issues;
}

function kindOf(v: Values, labels: ImportLabels, issues: RowIssue[]): TaskKind | undefined {
  const label = textOrNull(v.kind);
  if (label === null) {
    issues.push(rowIssue('required', 'kind'));
    return undefined;
  }
  const kind = labels.kindFromLabel(label);
  if (kind === undefined) issues.push(rowIssue('kindUnknown', 'kind', label));
  return kind;
}

function dateOf(v: Values, issues: RowIssue[]): string {
  const raw = textOrNull(v.scheduledDate);
  if (raw === null) {
    issues.push(rowIssue('required', 'scheduledDate'));
    return '';
  }
  const parsed = parseCalendarDate(raw);
  if (parsed.ok) return parsed.date;
  issues.push(rowIssue(parsed.notReal ? 'dateNotReal' : 'dateInvalid', 'scheduledDate', raw));
  return '';
}

function meterWorkOf(v: Values, labels: ImportLabels, issues: RowIssue[]): MeterWork | null {
  const label = textOrNull(v.meterWork);
  if (label === null) return null;
  const work = labels.meterWorkFromLabel(label);
  if (work === undefined) issues.push(rowIssue('meterWorkUnknown', 'meterWork', label));
  return work ?? null;
}

/** 口径: φ13, 13 or 13mm; the contract covers φ13 to φ40 (spec: メーター作業の対象口径は φ40 まで). */
function diameterOf(v: Values, meterWork: MeterWork | null, issues: RowIssue[]): number | null {
  const raw = textOrNull(v.diameterMm);
  if (raw === null) {
    if (meterWork !== null) issues.push(rowIssue('diameterRequired', 'diameterMm', v.meterWork?.trim()));
    return null;
  }
  const m = /^[φΦ]?\s*(\d+)\s*(mm)?$/i.exec(toHalfWidthAscii(raw).trim());
  const mm = m ? Number(m[1]) : NaN;
  if (isContractDiameter(mm)) return mm;
  issues.push(mm > 40 ? rowIssue('diameterOutsideContract', 'diameterMm', raw, { mm }) : rowIssue('diameterInvalid', 'diameterMm', raw));
  return null;
}

function countOf(v: Values, field: 'previousReading' | 'previousUsage', issues: RowIssue[]): number | null {
  const raw = textOrNull(v[field]);
  if (raw === null) return null;
  const parsed = parseCount(raw);
  if (parsed.ok) return parsed.value;
  issues.push(rowIssue(parsed.tooLarge ? 'countTooLarge' : 'countInvalid', field, raw));
  return null;
}

/** Latitude and longitude: optional, but both or neither, and within range. */
function coordinatesOf(v: Values, issues: RowIssue[]): [number | null, number | null] {
  const lat = coordinateOf(v, 'latitude', 90, issues);
  const lon = coordinateOf(v, 'longitude', 180, issues);
  if (lat === undefined || lon === undefined) return [null, null];
  if ((lat === null) !== (lon === null)) {
    issues.push(rowIssue('coordinatePair', lat === null ? 'latitude' : 'longitude'));
    return [null, null];
  }
  return [lat, lon];
}

/** null: empty; undefined: present but wrong (an issue is recorded). */
function coordinateOf(v: Values, field: 'latitude' | 'longitude', limit: number, issues: RowIssue[]): number | null | undefined {
  const raw = textOrNull(v[field]);
  if (raw === null) return null;
  const value = parseDecimal(raw);
  if (value !== undefined && Math.abs(value) <= limit) return value;
  const code = value === undefined ? 'coordinateInvalid' : field === 'latitude' ? 'latitudeRange' : 'longitudeRange';
  issues.push(rowIssue(code, field, raw));
  return undefined;
}
