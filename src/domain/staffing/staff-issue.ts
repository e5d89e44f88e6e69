/**
 * A rule broken by staff data (staff file, day staffing, roster override). The domain names the
 * rule and its parameters; adapters turn the code into Japanese wording (templates/staff.ja.yaml,
 * key `staff.issue.<code>`) prefixed with the path, e.g. "people[2].id: …".
 */
export type StaffIssueCode =
  | 'duplicateId'
  | 'duplicateIdentity'
  | 'duplicateOsUser'
  | 'duplicateInList'
  | 'unknownPerson'
  | 'inactivePerson'
  | 'untilBeforeFrom'
  | 'outsideDates'
  | 'notContractor'
  | 'cannotSupervise'
  | 'supervisorNotOnDuty'
  | 'noSupervisor'
  | 'noWorkers'
  | 'bureauCannotSupervise'
  | 'phoneRequired'
  | 'rangeReversed'
  | 'rangeOverlap'
  | 'timeoutNotPositive'
  | 'emptyChart';

export type IssuePath = (string | number)[];

export interface StaffIssue {
  path: IssuePath;
  code: StaffIssueCode;
  params?: Record<string, string | number>;
}

export function issue(path: IssuePath, code: StaffIssueCode, params?: Record<string, string | number>): StaffIssue {
  return params ? { path, code, params } : { path, code };
}

/** Puts a prefix in front of every issue's path (a rule checked on a part of a larger document). */
export function under(prefix: IssuePath, issues: StaffIssue[]): StaffIssue[] {
  return issues.map((i) => ({ ...i, path: [...prefix, ...i.path] }));
}

/** people[2].phone: numbers in brackets, names after dots. */
export function formatIssuePath(path: IssuePath): string {
  return path.reduce<string>((text, part) => {
    if (typeof part === 'number') return `${text}[${part}]`;
    return text ? `${text}.${part}` : part;
  }, '');
}
