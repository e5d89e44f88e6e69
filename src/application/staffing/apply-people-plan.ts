import type { IdentityPlan } from '../../domain/staffing/identity-sync.ts';
import type { PeoplePlan } from '../../domain/staffing/staff-directory.ts';
import { auditView, PERSON_FIELDS } from '../../domain/staffing/staff-person.ts';
import type { Actor, StaffWriter } from './ports.ts';

export const SET_MARKER = '(set)';
export const CHANGED_MARKER = '(changed)';

/**
 * Writes the people part of a staff-file load and its audit rows. Personal values (name, kana,
 * phone, ID card) never reach the audit log: they appear as "(set)" / "(changed)".
 */
export async function applyPeoplePlan(w: StaffWriter, people: PeoplePlan, identities: IdentityPlan, at: Date, actor: Actor): Promise<void> {
  const audit = (action: string, entityId: string, before: unknown, after: unknown) =>
    w.audit({ ...actor, action, entity: 'Person', entityId, before, after });
  for (const person of people.added) {
    await w.createPerson(person);
    await audit('person.add', person.id, null, auditView(person, PERSON_FIELDS, SET_MARKER));
  }
  for (const { before, after, fields } of people.updated) {
    await w.updatePerson(after, fields.includes('active') ? at : null);
    await audit('person.update', after.id, auditView(before, fields, CHANGED_MARKER), auditView(after, fields, CHANGED_MARKER));
  }
  for (const person of people.deactivated) {
    await w.updatePerson({ ...person, active: false }, at);
    await audit('person.deactivate', person.id, { active: true }, { active: false });
  }
  const inFile = new Set([...people.added.map((p) => p.id), ...people.updated.map((u) => u.after.id), ...people.unchanged]);
  for (const row of identities.remove) {
    await w.removeIdentity(row);
    if (!inFile.has(row.personId)) {
      await w.audit({ ...actor, action: 'chatIdentity.release', entity: 'ChatIdentity', entityId: row.personId, before: row, after: null });
    }
  }
  for (const row of identities.add) await w.addIdentity(row);
}
