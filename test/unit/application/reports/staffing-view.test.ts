import { describe, expect, it } from 'vitest';
import { reportHeader } from '../../../../src/application/reports/report-header.ts';
import type { StaffingSnapshot } from '../../../../src/application/reports/staffing-snapshot.ts';
import { nightRoster, staffingView } from '../../../../src/application/reports/staffing-view.ts';

const person = (id: string, active = true) => ({ id, name: `試験 ${id}`, phone: `090-0000-00${id.slice(1)}`, idCardNumber: null, active, from: null, until: null });

function snapshot(partial: Partial<StaffingSnapshot>): StaffingSnapshot {
  return {
    date: '2026-03-27',
    explicit: [],
    defaults: [],
    rosterEntries: [],
    overrides: [],
    people: ['w01', 'w02', 'w03'].map((id) => person(id)),
    ...partial,
  };
}

describe('staffing view', () => {
  it('takes the roster range valid on the date, in position order, with covering people marked', () => {
    const entries = [
      { validFrom: '2026-01-01', validTo: '2026-03-31', position: 2, personId: 'w01' },
      { validFrom: '2026-01-01', validTo: '2026-03-31', position: 1, personId: 'w02' },
      { validFrom: '2026-04-01', validTo: null, position: 1, personId: 'w03' },
    ];
    const covering = [{ personId: 'w03', replacesPersonId: 'w01', note: '代理', createdAt: new Date('2026-03-27T01:00:00Z') }];
    expect(nightRoster('2026-03-27', entries, [], () => true).map((r) => r.personId)).toEqual(['w02', 'w01']);
    expect(nightRoster('2026-03-27', entries, covering, () => true)).toEqual([
      { personId: 'w02', replaced: false, note: '' },
      { personId: 'w03', replaced: true, note: '代理' },
    ]);
    expect(nightRoster('2026-04-01', entries, [], () => true).map((r) => r.personId)).toEqual(['w03']);
  });

  it('marks the supervisor, formats the date in the era with its weekday and leaves inactive people out', () => {
    const view = staffingView(
      snapshot({
        explicit: [
          { personId: 'w01', onDuty: true, isSupervisor: true },
          { personId: 'w02', onDuty: true, isSupervisor: false },
          { personId: 'w09', onDuty: true, isSupervisor: false },
        ],
        people: [person('w01'), person('w02'), person('w09', false)],
      }),
      true,
      reportHeader(null),
      '2026-03-26',
    );
    expect(view.dateLabel).toBe('令和8年3月27日（金）');
    expect(view.supervisors).toEqual([{ name: '試験 w01', phone: '090-0000-0001' }]);
    expect(view.workers.map((w) => [w.name, w.isSupervisor])).toEqual([['試験 w01', true], ['試験 w02', false]]);
    expect(view.header.contractorName).toBe('受注者名が未設定です（職員ファイルの contractor.name）'); // no contractor section: what to set
  });
});
