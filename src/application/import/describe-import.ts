import { hasTemplate, t, templateText } from '../../templates.ts';
import type { ImportField, RowIssue } from '../../domain/work-order/import-row.ts';
import type { PlanItem, PlannedConflict } from '../../domain/work-order/import-plan.ts';
import type { RejectedRow } from '../../domain/work-order/validate-rows.ts';
import type { RejectedEntry } from './ports.ts';

type Headers = Partial<Record<ImportField, string>>;

/** One Japanese sentence per rule broken, joined; columns are named as in the file. */
export function describeRejectedRow(row: RejectedRow, headers: Headers): RejectedEntry {
  return { line: row.line, reason: row.issues.map((i) => describeIssue(i, headers)).join('。') };
}

export function describeIssue(issue: RowIssue, headers: Headers): string {
  const column = issue.field ? (headers[issue.field] ?? issue.field) : '';
  return templateText(`import.reason.${issue.code}`, { column, value: issue.value ?? '', ...issue.params });
}

export function describeConflict(conflict: PlannedConflict<PlanItem>): RejectedEntry {
  const key = `import.status.${conflict.status}`;
  const status = hasTemplate(key) ? templateText(key) : conflict.status;
  return { line: conflict.line, reason: t(`import.conflict.${conflict.reason}`, { orderNo: conflict.order.orderNo, status }) };
}
