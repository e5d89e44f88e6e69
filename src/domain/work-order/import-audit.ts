import { IMPORT_FIELDS, type ImportedWorkOrder, PERSONAL_IMPORT_FIELDS } from './import-row.ts';

/** Shown in the audit trail instead of a personal value that changed. */
export const CHANGED_MARKER = '(changed)';

type AuditedField = (typeof IMPORT_FIELDS)[number] | 'town' | 'extra';
const AUDITED_FIELDS: readonly AuditedField[] = [...IMPORT_FIELDS, 'town', 'extra'];
const PERSONAL: ReadonlySet<string> = PERSONAL_IMPORT_FIELDS;

export interface ImportAuditChange {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/**
 * Before and after of the fields that differ. Customer number, name, kana and phone never enter
 * the audit trail: a changed value shows as "(changed)" (an empty one as null).
 */
export function importAuditChange(before: ImportedWorkOrder, after: ImportedWorkOrder): ImportAuditChange {
  const change: ImportAuditChange = { before: {}, after: {} };
  for (const field of AUDITED_FIELDS) {
    if (canonical(before[field]) === canonical(after[field])) continue;
    change.before[field] = auditValue(field, before[field]);
    change.after[field] = auditValue(field, after[field]);
  }
  return change;
}

function auditValue(field: AuditedField, value: unknown): unknown {
  if (!PERSONAL.has(field) || value === null) return value;
  return CHANGED_MARKER;
}

/** Unknown columns compare by header, whatever their order in the file. */
function canonical(value: unknown): string {
  if (value && typeof value === 'object') return JSON.stringify(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)));
  return JSON.stringify(value ?? null);
}
