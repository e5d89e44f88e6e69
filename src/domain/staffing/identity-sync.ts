import { identityEntries, type ChatPlatform, type StaffPerson } from './staff-person.ts';

/** One row of "this chat account is that person". */
export interface ChatIdentityRow {
  platform: ChatPlatform;
  personId: string;
  externalId: string;
}

export interface IdentityPlan {
  remove: ChatIdentityRow[]; // applied first: frees accounts that move to someone else
  add: ChatIdentityRow[];
}

export function identitiesOf(people: readonly StaffPerson[]): ChatIdentityRow[] {
  return people.flatMap((p) => identityEntries(p).map(([platform, externalId]) => ({ platform, personId: p.id, externalId })));
}

const key = (r: ChatIdentityRow) => `${r.platform}\u0000${r.personId}\u0000${r.externalId}`;
const account = (r: Pick<ChatIdentityRow, 'platform' | 'externalId'>) => `${r.platform}\u0000${r.externalId}`;

/**
 * The file is the truth for the people it lists. People missing from it keep their identities
 * (the trail stays readable) unless the file gives the same account to someone else.
 */
export function planIdentities(current: readonly StaffPerson[], incoming: readonly StaffPerson[]): IdentityPlan {
  const desired = identitiesOf(incoming);
  const desiredKeys = new Set(desired.map(key));
  const claimed = new Set(desired.map(account));
  const inFile = new Set(incoming.map((p) => p.id));
  const existing = identitiesOf(current);
  const existingKeys = new Set(existing.map(key));
  const remove = existing.filter((r) => (inFile.has(r.personId) ? !desiredKeys.has(key(r)) : claimed.has(account(r))));
  const add = desired.filter((r) => !existingKeys.has(key(r)));
  return { remove, add };
}
