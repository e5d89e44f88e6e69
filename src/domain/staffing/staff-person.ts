/** A person of the staff directory: contractor worker or bureau contact (see GLOSSARY). */
export type Affiliation = 'contractor' | 'bureau';
export const AFFILIATIONS: readonly Affiliation[] = ['contractor', 'bureau'];

/**
 * The ids of the chat platforms a person can be reached on: the modules of the platform registry
 * (src/assembly/platforms/registry.ts, which tsc checks has one module per id; docs/adding-a-platform.md). The type
 * only: the registry is the list. The application calls it `Platform` (src/application/chat/view.ts).
 */
export type ChatPlatform = 'slack' | 'teams' | 'console';

export interface IdCard {
  number: string;
  expiresOn: string; // YYYY-MM-DD
  returnedOn: string | null;
}

export interface StaffPerson {
  id: string;
  affiliation: Affiliation;
  name: string;
  nameKana: string | null;
  phone: string | null;
  title: string | null;
  canSupervise: boolean;
  isAdmin: boolean;
  isSecurityOfficer: boolean;
  idCard: IdCard | null;
  chat: Partial<Record<ChatPlatform, string>>;
  active: boolean;
  from: string | null; // first working day, inclusive (domain/staffing/availability.ts)
  until: string | null; // last working day, inclusive
  /** The OS account that is this person on the CLI (security annex art. 18); absent: none. */
  osUser?: string | null;
}

/** The person's chat identities, platform → id on it, in the order the staff file (or the store) gives them. */
export function identityEntries(person: Pick<StaffPerson, 'chat'>): [ChatPlatform, string][] {
  return (Object.entries(person.chat) as [ChatPlatform, string | undefined][]).filter((e): e is [ChatPlatform, string] => e[1] !== undefined);
}

export type PersonField = Exclude<keyof StaffPerson, 'id'>;

export const PERSON_FIELDS: readonly PersonField[] = [
  'affiliation', 'name', 'nameKana', 'phone', 'title', 'canSupervise',
  'isAdmin', 'isSecurityOfficer', 'idCard', 'chat', 'active', 'from', 'until', 'osUser',
];

/** Personal values never written to the audit log or a log line: shown as "(changed)". */
export const PERSONAL_FIELDS: ReadonlySet<PersonField> = new Set(['name', 'nameKana', 'phone', 'idCard']);

/** Fields whose value differs; chat identities compare per platform, ID cards per field. */
export function changedFields(before: StaffPerson, after: StaffPerson): PersonField[] {
  return PERSON_FIELDS.filter((f) => canonical(before[f]) !== canonical(after[f]));
}

function canonical(value: unknown): string {
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => a.localeCompare(b));
    return JSON.stringify(entries);
  }
  return JSON.stringify(value ?? null);
}

/**
 * The audit view of some fields of a person: personal values are replaced by a marker, so the
 * trail says that a phone changed without containing it.
 */
export function auditView(person: StaffPerson, fields: readonly PersonField[], marker: string): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const f of fields) {
    const value = person[f];
    view[f] = PERSONAL_FIELDS.has(f) ? (value === null ? null : marker) : value;
  }
  return view;
}

/** 090-****-0001: enough to recognise a number, not enough to call it. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  const digits = phone.replace(/\D/g, '');
  return `${digits.slice(0, 3)}-****-${digits.slice(-4)}`;
}
