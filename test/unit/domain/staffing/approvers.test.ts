import { describe, expect, it } from 'vitest';
import { approversOf } from '../../../../src/domain/staffing/day-staffing.ts';

const people = [
  { id: 'w01', active: true, affiliation: 'contractor', canSupervise: true },
  { id: 'w02', active: true, affiliation: 'contractor', canSupervise: false },
  { id: 'w04', active: false, affiliation: 'contractor', canSupervise: true },
  { id: 'c01', active: true, affiliation: 'bureau', canSupervise: true },
];

describe("a day's report approvers", () => {
  it("are the day's 業務責任者 when the staffing names some", () => {
    expect(approversOf({ onDuty: ['w01', 'w02'], supervisors: ['w02'] }, people)).toEqual({ onDuty: ['w01', 'w02'], supervisors: ['w02'] });
  });

  it('fall back to the active contractor staff who may supervise, never the bureau or someone inactive', () => {
    expect(approversOf({ onDuty: ['w02'], supervisors: [] }, people)).toEqual({ onDuty: ['w02'], supervisors: ['w01'] });
  });
});
