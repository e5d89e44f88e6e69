import { issue, type StaffIssue } from './staff-issue.ts';
import { duplicatesIn } from './after-hours-roster.ts';
import { datesLabel, isAvailableOn } from './availability.ts';
import type { Affiliation } from './staff-person.ts';

/** What the staffing rules need to know about a person. */
export interface StaffingPersonInfo {
  affiliation: Affiliation;
  canSupervise: boolean;
  active: boolean;
  from: string | null;
  until: string | null;
  phone: string | null;
}

export type PersonLookup = (id: string) => StaffingPersonInfo | undefined;

/**
 * The person exists, is active and works for the contractor (bureau contacts are never on duty); with `date` (a
 * day's staffing), the date is within their dates.
 */
export function checkContractorWorker(id: string, path: (string | number)[], personOf: PersonLookup, date?: string): StaffIssue[] {
  const person = personOf(id);
  if (!person) return [issue(path, 'unknownPerson', { id })];
  if (!person.active) return [issue(path, 'inactivePerson', { id })];
  if (date !== undefined && !isAvailableOn(person, date)) return [issue(path, 'outsideDates', { id, date, dates: datesLabel(person) })];
  if (person.affiliation !== 'contractor') return [issue(path, 'notContractor', { id })];
  return [];
}

/**
 * 作業者配置表 and 業務責任者選任届 of a day (or the default staffing): workers are active
 * contractors, each supervisor is on duty and may supervise, and a staffed day has at least one
 * supervisor (spec 10(1)); a day's workers work within their dates. Paths: ['workers', i] and ['supervisors', i].
 */
export function checkStaffingSelection(
  workers: readonly string[],
  supervisors: readonly string[],
  personOf: PersonLookup,
  options: { allowEmpty: boolean; date?: string },
): StaffIssue[] {
  if (workers.length === 0) {
    return options.allowEmpty && supervisors.length === 0 ? [] : [issue(['workers'], 'noWorkers')];
  }
  const issues = [
    ...workers.flatMap((id, i) => checkContractorWorker(id, ['workers', i], personOf, options.date)),
    ...duplicatesIn(workers, ['workers']),
    ...duplicatesIn(supervisors, ['supervisors']),
    ...supervisors.flatMap((id, i) => checkSupervisor(id, i, workers, personOf)),
  ];
  if (supervisors.length === 0) issues.push(issue(['supervisors'], 'noSupervisor'));
  return issues;
}

function checkSupervisor(id: string, index: number, workers: readonly string[], personOf: PersonLookup): StaffIssue[] {
  const path = ['supervisors', index];
  const person = personOf(id);
  if (!person) return [issue(path, 'unknownPerson', { id })];
  if (!workers.includes(id)) return [issue(path, 'supervisorNotOnDuty', { id })];
  if (!person.canSupervise) return [issue(path, 'cannotSupervise', { id })];
  return [];
}

/** After-hours roster members: active contractors with a phone number (連絡先一覧表). */
export function checkRosterMember(id: string, path: (string | number)[], personOf: PersonLookup): StaffIssue[] {
  const problems = checkContractorWorker(id, path, personOf);
  if (problems.length > 0) return problems;
  return personOf(id)?.phone ? [] : [issue(path, 'phoneRequired', { id })];
}
