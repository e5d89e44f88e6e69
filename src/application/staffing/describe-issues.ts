import { formatIssuePath, type StaffIssue } from '../../domain/staffing/staff-issue.ts';
import { t } from '../../templates.ts';

/** The Japanese wording of a broken rule, without its path. */
export function issueMessage(issue: StaffIssue): string {
  return t(`staff.issue.${issue.code}`, issue.params ?? {});
}

/** "people[2].id: ID w02 が重複しています" */
export function describeIssue(issue: StaffIssue): string {
  const path = formatIssuePath(issue.path);
  return path ? `${path}: ${issueMessage(issue)}` : issueMessage(issue);
}
