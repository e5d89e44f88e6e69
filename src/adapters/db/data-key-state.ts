import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import { readKeyFile, type Keyring } from '../crypto/keyring.ts';

/**
 * The data key every instance encrypts with, recorded in the database they share: `keys rotate` records the new
 * key in the transaction that re-encrypts under it, and every writing transaction of every instance compares it
 * with its own current key first. On a difference the instance reads its key source again (the key file or
 * credential, which the operator shares or distributes) and encrypts, indexes and seals with the recorded key from
 * then on, without a restart. Reading rows under a key it does not hold reads the key file again too
 * (FieldCipher.keyById).
 *
 * Stored as the one row of PollerMark (the table of named instants) named `data-key/<keyId>`, its mark the time
 * it became current: a key id and a time are all it needs.
 */
const PREFIX = 'data-key/';

export const CURRENT_KEY_SQL = `SELECT "name" FROM "PollerMark" WHERE "name" LIKE '${PREFIX}%' ORDER BY "mark" DESC LIMIT 1`;
export const CLEAR_CURRENT_KEY_SQL = `DELETE FROM "PollerMark" WHERE "name" LIKE '${PREFIX}%'`;
export const RECORD_CURRENT_KEY_SQL = `INSERT INTO "PollerMark" ("name", "mark", "updatedAt") VALUES (?, ?, ?)`;

export const currentKeyName = (keyId: string): string => `${PREFIX}${keyId}`;
export const keyIdOfName = (name: string | undefined): string | undefined => (name?.startsWith(PREFIX) ? name.slice(PREFIX.length) : undefined);

/**
 * Makes `recorded` (the key the database says is current) the cipher's current key: from the keyring if it holds
 * it, else from the key file read again. A key nobody gave this instance is refused: writing under the old key
 * would leave blind indexes the other instances cannot find. KAIHEISEN_DATA_KEY names its current key itself (its
 * first): it is kept, since a rotation under a changed variable must encrypt with it, not with the recorded one.
 */
export function followCurrentKey(cipher: FieldCipher, recorded: string | undefined): void {
  if (!recorded || recorded === cipher.currentKeyId) return;
  const ring = ringHolding(cipher.keyring, recorded);
  const current = ring.keys.find((k) => k.id === recorded);
  if (!current) throw new AppError(ErrorCode.KeyUnavailable, t('security.keys.unknownKey', { keyId: recorded }));
  if (ring.source.kind === 'file') cipher.replaceKeyring({ ...ring, current });
}

function ringHolding(ring: Keyring, keyId: string): Keyring {
  if (ring.keys.some((k) => k.id === keyId) || ring.source.kind !== 'file') return ring;
  return readKeyFile(ring.source.path);
}

/**
 * How a Database keeps its cipher on the recorded key: every writing transaction looks first (`inTransaction`, on
 * its own connection or transaction client); plain statements outside one at most once a second (`onStatements`).
 */
export class CurrentKeyFollower {
  private followedAt = 0;

  constructor(private readonly cipher: FieldCipher | undefined) {}

  async inTransaction(readName: () => Promise<string | undefined>): Promise<void> {
    if (this.cipher) followCurrentKey(this.cipher, keyIdOfName(await readName()));
  }

  async onStatements(readName: () => Promise<string | undefined>): Promise<void> {
    if (!this.cipher || Date.now() - this.followedAt < 1_000) return;
    this.followedAt = Date.now();
    await this.inTransaction(readName);
  }
}

/** The recorded key's row name, read through plain SQL. */
export const recordedKeyName = (sql: { get<T>(text: string): Promise<T | undefined> }) => async (): Promise<string | undefined> =>
  (await sql.get<{ name: string }>(CURRENT_KEY_SQL))?.name;

/** The same through a Prisma transaction client. */
export const recordedKeyNameInTx = (tx: { $queryRawUnsafe<T>(query: string): Promise<T> }) => async (): Promise<string | undefined> =>
  (await tx.$queryRawUnsafe<{ name: string }[]>(CURRENT_KEY_SQL))[0]?.name;
