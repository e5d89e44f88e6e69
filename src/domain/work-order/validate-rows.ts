import { type ImportedWorkOrder, type RowIssue, type SourceRow, rowIssue } from './import-row.ts';
import { textOrNull, toHalfWidthAscii } from './normalize-value.ts';
import { DEFAULT_IMPORT_LABELS, type ImportLabels, validateRow } from './validate-row.ts';

export interface ValidRow {
  line: number;
  order: ImportedWorkOrder;
}

export interface RejectedRow {
  line: number;
  issues: RowIssue[];
}

export interface ValidatedRows {
  valid: ValidRow[];
  rejected: RejectedRow[];
}

/**
 * Checks every row of a file. A work order number used by more than one row rejects all of
 * them: the file does not say which one is right.
 */
export function validateRows(rows: readonly SourceRow[], labels: ImportLabels = DEFAULT_IMPORT_LABELS): ValidatedRows {
  const duplicates = duplicateLines(rows);
  const result: ValidatedRows = { valid: [], rejected: [] };
  for (const row of rows) {
    const checked = checkRow(row, duplicates, labels);
    if ('order' in checked) result.valid.push(checked);
    else result.rejected.push(checked);
  }
  return result;
}

/**
 * One row of a file whose duplicate order numbers are known (duplicateLines of all its rows): the rows can
 * then be checked one at a time, e.g. while a large file is read a second time.
 */
export function checkRow(row: SourceRow, duplicates: ReadonlyMap<string, readonly number[]>, labels: ImportLabels = DEFAULT_IMPORT_LABELS): ValidRow | RejectedRow {
  const checked = validateRow(row, labels);
  const orderNo = orderNoOf(row);
  const lines = orderNo ? duplicates.get(orderNo) : undefined;
  const duplicate = lines && rowIssue('orderNoDuplicate', 'orderNo', orderNo!, { lines: lines.filter((l) => l !== row.line).join(', ') });
  if (checked.ok && !duplicate) return { line: row.line, order: checked.order };
  return { line: row.line, issues: [...(duplicate ? [duplicate] : []), ...(checked.ok ? [] : checked.issues)] };
}

function orderNoOf(row: SourceRow): string | null {
  const raw = row.values.orderNo;
  return raw === undefined ? null : textOrNull(toHalfWidthAscii(raw));
}

/** The lines of each order number used more than once (rows may be any iterable: it is read once). */
export function duplicateLines(rows: Iterable<SourceRow>): Map<string, number[]> {
  const firstLine = new Map<string, number>();
  const linesByOrderNo = new Map<string, number[]>();
  for (const row of rows) {
    const orderNo = orderNoOf(row);
    if (!orderNo) continue;
    const first = firstLine.get(orderNo);
    const lines = linesByOrderNo.get(orderNo);
    if (first === undefined) firstLine.set(orderNo, row.line);
    else if (lines) lines.push(row.line);
    else linesByOrderNo.set(orderNo, [first, row.line]);
  }
  return linesByOrderNo;
}
