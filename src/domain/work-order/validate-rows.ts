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
  const orderNos = rows.map(orderNoOf);
  const duplicates = duplicateLines(rows, orderNos);
  const result: ValidatedRows = { valid: [], rejected: [] };
  rows.forEach((row, i) => {
    const checked = validateRow(row, labels);
    const orderNo = orderNos[i];
    const lines = orderNo ? duplicates.get(orderNo) : undefined;
    const duplicate = lines && rowIssue('orderNoDuplicate', 'orderNo', orderNo!, { lines: lines.filter((l) => l !== row.line).join(', ') });
    if (checked.ok && !duplicate) result.valid.push({ line: row.line, order: checked.order });
    else result.rejected.push({ line: row.line, issues: [...(duplicate ? [duplicate] : []), ...(checked.ok ? [] : checked.issues)] });
  });
  return result;
}

function orderNoOf(row: SourceRow): string | null {
  const raw = row.values.orderNo;
  return raw === undefined ? null : textOrNull(toHalfWidthAscii(raw));
}

/** The lines of each order number used more than once. */
function duplicateLines(rows: readonly SourceRow[], orderNos: readonly (string | null)[]): Map<string, number[]> {
  const linesByOrderNo = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const orderNo = orderNos[i];
    if (!orderNo) return;
    const lines = linesByOrderNo.get(orderNo);
    if (lines) lines.push(row.line);
    else linesByOrderNo.set(orderNo, [row.line]);
  });
  for (const [orderNo, lines] of linesByOrderNo) if (lines.length < 2) linesByOrderNo.delete(orderNo);
  return linesByOrderNo;
}
