import { describe, expect, it } from 'vitest';
import { targetKey, validateChartLevels, type ChartLevel } from '../../../../src/domain/staffing/contact-chart.ts';

const people = new Map([
  ['c01', { active: true }],
  ['c02', { active: false }],
]);
const personOf = (id: string) => people.get(id);

describe('contact chart', () => {
  const chart: ChartLevel[] = [
    { target: { kind: 'dutySupervisor' }, ackTimeoutMinutes: 10 },
    { target: { kind: 'person', personId: 'c01' }, ackTimeoutMinutes: 15 },
  ];

  it('accepts worker → supervisor → bureau contact', () => {
    expect(validateChartLevels(chart, personOf)).toEqual([]);
  });

  it('names targets the way the staff file writes them', () => {
    expect(targetKey(chart[0]!.target)).toBe('supervisor');
    expect(targetKey(chart[1]!.target)).toBe('c01');
  });

  it('reports every broken level at once', () => {
    const issues = validateChartLevels(
      [
        { target: { kind: 'dutySupervisor' }, ackTimeoutMinutes: 0 },
        { target: { kind: 'person', personId: 'c09' }, ackTimeoutMinutes: 2.5 },
        { target: { kind: 'person', personId: 'c02' }, ackTimeoutMinutes: 5 },
        { target: { kind: 'dutySupervisor' }, ackTimeoutMinutes: 5000 },
      ],
      personOf,
    );
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      [[0, 'ackTimeoutMinutes'], 'timeoutNotPositive'],
      [[1, 'ackTimeoutMinutes'], 'timeoutNotPositive'],
      [[1, 'target'], 'unknownPerson'],
      [[2, 'target'], 'inactivePerson'],
      [[3, 'target'], 'duplicateInList'],
      [[3, 'ackTimeoutMinutes'], 'timeoutNotPositive'],
    ]);
  });

  it('needs at least one level', () => {
    expect(validateChartLevels([], personOf)).toEqual([{ path: [], code: 'emptyChart' }]);
  });
});
