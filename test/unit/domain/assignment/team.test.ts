import { describe, expect, it } from 'vitest';
import { selectTeam } from '../../../../src/domain/assignment/team.ts';
import type { DayStaffing } from '../../../../src/domain/staffing/day-staffing.ts';
import type { IdCardState } from '../../../../src/domain/staffing/id-card.ts';

const staffing: DayStaffing = { date: '2026-03-27', source: 'default', onDuty: ['w03', 'w01', 'w02', 'w04', 'w05'], supervisors: ['w01'] };
const cards = (states: Record<string, IdCardState>) => (id: string) => states[id] ?? 'none';

describe('selectTeam (spec 9(3), 10(2))', () => {
  it('leaves out whoever holds an expired, due or returned card; no card on record and a card expiring soon still work', () => {
    const team = selectTeam(staffing, false, cards({ w02: 'expired', w03: 'expiringSoon', w04: 'mustReturn', w05: 'returned' }));
    expect(team).toEqual({
      workers: ['w03'],
      supervisorFallback: false,
      leftOut: [
        { personId: 'w02', cardState: 'expired' },
        { personId: 'w04', cardState: 'mustReturn' },
        { personId: 'w05', cardState: 'returned' },
      ],
    });
    expect(selectTeam(staffing, false, cards({})).workers).toEqual(['w02', 'w03', 'w04', 'w05']);
  });

  it('gives the supervisor orders when nobody else may work, and nobody when the supervisor may not either', () => {
    const expired = cards({ w02: 'expired', w03: 'expired', w04: 'expired', w05: 'expired' });
    expect(selectTeam(staffing, false, expired)).toMatchObject({ workers: ['w01'], supervisorFallback: true });
    expect(selectTeam(staffing, false, (id) => (id === 'w01' ? 'expired' : expired(id)))).toMatchObject({ workers: [], supervisorFallback: false });
    expect(selectTeam(staffing, true, cards({ w02: 'expired' })).workers).toEqual(['w01', 'w03', 'w04', 'w05']);
  });
});
