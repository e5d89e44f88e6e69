import { describe, expect, it } from 'vitest';
import { approversOf } from '../../../../src/domain/staffing/day-staffing.ts';

const open = { from: null, until: null };
const people = [
  { id: 'w01', active: true, affiliation: 'contractor', canSupervise: true, ...open },
  { id: 'w02', active: true, affiliation: 'contractor', canSupervise: false, ...open },
  { id: 'w04', active: false, affiliation: 'contractor', canSupervise: true, ...open },
  { id: 'c01', active: true, affiliation: 'bureau', canSupervise: true, ...open },
  { id: 'w05', active: true, affiliation: 'contractor', canSupervise: true, from: null, until: '2026-03-16' },
  { id: 'w06', active: true, affiliation: 'contractor', canSupervise: true, from: '2026-03-20', until: null },
];

describe("a day's report approvers", () => {
  it("are the day's 業務責任者 when the staffing names some", () => {
    expect(approversOf({ date: '2026-03-17', onDuty: ['w01', 'w02'], supervisors: ['w02'] }, people)).toEqual({ onDuty: ['w01', 'w02'], supervisors: ['w02'] });
  });

  it('fall back to the contractor staff who may supervise on the day, never the bureau, someone inactive or outside their dates', () => {
    expect(approversOf({ date: '2026-03-17', onDuty: ['w02'], supervisors: [] }, people)).toEqual({ onDuty: ['w02'], supervisors: ['w01'] });
    expect(approversOf({ date: '2026-03-16', onDuty: ['w02'], supervisors: [] }, people).supervisors).toEqual(['w01', 'w05']);
    expect(approversOf({ date: '2026-03-20', onDuty: ['w02'], supervisors: [] }, people).supervisors).toEqual(['w01', 'w06']);
  });
});
