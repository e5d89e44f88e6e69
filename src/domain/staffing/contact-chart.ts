import { issue, type StaffIssue } from './staff-issue.ts';

/**
 * 連絡系統図: who is called, in which order, when a doubt or an incident arises (spec 13).
 * Each level names the duty supervisor of the day or one person, and how long to wait for an
 * acknowledgement before the next level is called. The target has the shape of ChainTarget in
 * src/domain/escalation/chain.ts, which resolves a chart into people when a case starts.
 */
export type ChartName = 'doubt' | 'incident';
export const CHART_NAMES: readonly ChartName[] = ['doubt', 'incident'];

export type ChartTarget = { kind: 'dutySupervisor' } | { kind: 'person'; personId: string };

export interface ChartLevel {
  target: ChartTarget;
  ackTimeoutMinutes: number;
}

export type ContactCharts = Record<ChartName, ChartLevel[]>;

export const MAX_ACK_TIMEOUT_MINUTES = 24 * 60;

export interface ChartPersonInfo {
  active: boolean;
}

/** Broken rules of one chart; paths are relative to the chart's list of levels. */
export function validateChartLevels(
  levels: ChartLevel[],
  personOf: (id: string) => ChartPersonInfo | undefined,
): StaffIssue[] {
  if (levels.length === 0) return [issue([], 'emptyChart')];
  const issues: StaffIssue[] = [];
  const seen = new Set<string>();
  levels.forEach((level, i) => {
    const key = targetKey(level.target);
    if (seen.has(key)) issues.push(issue([i, 'target'], 'duplicateInList', { value: key }));
    seen.add(key);
    if (!Number.isInteger(level.ackTimeoutMinutes) || level.ackTimeoutMinutes <= 0 || level.ackTimeoutMinutes > MAX_ACK_TIMEOUT_MINUTES) {
      issues.push(issue([i, 'ackTimeoutMinutes'], 'timeoutNotPositive', { max: MAX_ACK_TIMEOUT_MINUTES }));
    }
    if (level.target.kind === 'person') issues.push(...checkPerson(level.target.personId, i, personOf));
  });
  return issues;
}

function checkPerson(id: string, index: number, personOf: (id: string) => ChartPersonInfo | undefined): StaffIssue[] {
  const person = personOf(id);
  if (!person) return [issue([index, 'target'], 'unknownPerson', { id })];
  if (!person.active) return [issue([index, 'target'], 'inactivePerson', { id })];
  return [];
}

/** 'supervisor' for the duty supervisor, otherwise the person id (the staff-file spelling). */
export function targetKey(target: ChartTarget): string {
  return target.kind === 'dutySupervisor' ? 'supervisor' : target.personId;
}
