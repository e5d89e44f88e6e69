import type { AuditEntry } from '../ports.ts';
import type { StaffPerson } from '../../domain/staffing/staff-person.ts';

/** The stored password hashes of CLI operators (security annex art. 18). Never the passwords. */
export interface CredentialStore {
  hashOf(personId: string): Promise<string | null>;
  /** Whether anybody has a password yet (the bootstrap rule of set-operator-password.ts). */
  any(): Promise<boolean>;
  /** Stores the hash and writes the audit row in one transaction. */
  set(personId: string, hash: string, audit: AuditEntry, at: Date): Promise<void>;
  audit(entry: AuditEntry, at: Date): Promise<void>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
}

export interface OperatorDeps {
  people(): Promise<StaffPerson[]>;
  credentials: CredentialStore;
  hasher: PasswordHasher;
  now(): Date;
}

/** What the CLI process knows of its caller: the OS account, a claimed id, and a way to get the password. */
export interface OperatorClaim {
  osUser: string;
  /** `--by`, else KAIHEISEN_OPERATOR. */
  claimedId: string | undefined;
  /** Asked only when needed (stdin, KAIHEISEN_OPERATOR_PASSWORD or a prompt); null when there is none. */
  password(): Promise<string | null>;
}
