import type { StaffPerson } from '../../../../src/domain/staffing/staff-person.ts';

/** A synthetic person for the staffing unit tests. */
export function person(id: string, over: Partial<StaffPerson> = {}): StaffPerson {
  return {
    id,
    affiliation: 'contractor',
    name: `架空 ${id}`,
    nameKana: null,
    phone: '090-0000-0000',
    title: null,
    canSupervise: false,
    isAdmin: false,
    isSecurityOfficer: false,
    idCard: null,
    chat: { console: id },
    active: true,
    from: null,
    until: null,
    ...over,
  };
}
