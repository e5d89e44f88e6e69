import { z } from 'zod';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { IMPORT_FIELDS, type ImportField, REQUIRED_IMPORT_FIELDS } from '../../domain/work-order/import-row.ts';
import {
  meterWorkFromLabel,
  METER_WORKS,
  type MeterWork,
  TASK_KINDS,
  type TaskKind,
  taskKindFromLabel,
} from '../../domain/work-order/task-kind.ts';
import type { ImportLabels } from '../../domain/work-order/validate-row.ts';

/**
 * Which column header carries which work-order field, and extra labels for 作業種別 and
 * メーター作業 (added to the built-in ones). Every column the mapping names must be in the file.
 */
export interface ColumnMapping {
  columns: Partial<Record<ImportField, string>>;
  kindLabels: Record<string, TaskKind>;
  meterWorkLabels: Record<string, MeterWork>;
}

/** The export of the Kanazawa bureau's billing system (the samples in ../shared/samples). */
export const KANAZAWA_MAPPING: ColumnMapping = {
  columns: {
    orderNo: '作業番号',
    kind: '作業種別',
    scheduledDate: '作業予定日',
    customerNumber: 'お客さま番号',
    customerName: '使用者名',
    customerNameKana: '使用者名カナ',
    address: '住所',
    mapSheet: '地図版',
    tapNumber: '水栓番号',
    meterNumber: 'メーター番号',
    diameterMm: '口径',
    previousReading: '前回指針',
    previousUsage: '前回使用量',
    meterWork: 'メーター作業',
    phone: '連絡先電話番号',
    remarks: '備考',
    latitude: '緯度',
    longitude: '経度',
  },
  kindLabels: {},
  meterWorkLabels: {},
};

const header = z.string().trim().min(1);
const mappingSchema = z
  .object({
    columns: z.partialRecord(z.enum(IMPORT_FIELDS), header),
    kindLabels: z.record(z.string().min(1), z.enum(TASK_KINDS)).default({}),
    meterWorkLabels: z.record(z.string().min(1), z.enum(METER_WORKS)).default({}),
  })
  .strict();

/** Checks a parsed mapping document (YAML or JSON); `source` names it in the error message. */
export function columnMappingFrom(doc: unknown, source: string): ColumnMapping {
  const parsed = mappingSchema.safeParse(doc);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(全体)'}: ${i.message}`).join('; ');
    throw invalid(source, problems);
  }
  const mapping = parsed.data;
  const missing = REQUIRED_IMPORT_FIELDS.filter((f) => !mapping.columns[f]);
  if (missing.length > 0) throw invalid(source, t('import.mapping.requiredFields', { fields: missing.join(', ') }));
  const headers = Object.values(mapping.columns);
  const twice = headers.filter((h, i) => headers.indexOf(h) !== i);
  if (twice.length > 0) throw invalid(source, t('import.mapping.headerTwice', { headers: [...new Set(twice)].join(', ') }));
  return mapping;
}

function invalid(source: string, problems: string): AppError {
  return new AppError(ErrorCode.ConfigInvalid, t('import.mapping.invalid', { file: source, problems }));
}

/** The mapping's labels first, then the built-in ones (開栓, 閉栓, 休止, 名変, ...; 取付, 取替, 引上). */
export function importLabelsOf(mapping: ColumnMapping): ImportLabels {
  return {
    kindFromLabel: (label) => mapping.kindLabels[label.trim()] ?? taskKindFromLabel(label),
    meterWorkFromLabel: (label) => mapping.meterWorkLabels[label.trim()] ?? meterWorkFromLabel(label),
  };
}
