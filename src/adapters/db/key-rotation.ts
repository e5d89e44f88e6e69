import BetterSqlite3 from 'better-sqlite3';
import { STORED_COORDINATE_DECIMALS } from '../../domain/work-order/work-order.ts';
import { sqliteOnly } from './sqlite/sqlite-database.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { FieldCipher } from '../crypto/field-cipher.ts';
import { generateDataKey, writeKeyFile, type Keyring } from '../crypto/keyring.ts';
import type { Database, Tx } from './database.ts';
import { keyIdCounts } from './data-key-setup.ts';
import { describeChainProblem, verifyAuditChain } from './audit-verify.ts';
import { BLIND_INDEXES, blindIndexOf, ENCRYPTED_FIELDS } from './field-encryption.ts';

/**
 * `kaiheisen keys status | rotate | retire`. Rotation re-encrypts every encrypted column (and
 * recomputes the blind indexes; old plaintext values get encrypted and indexed, old coordinates
 * rounded) in ONE transaction, through raw SQL so that the values are seen as stored. With a key
 * file: the new key is added to the file first (it can decrypt, not yet current), the data is
 * re-encrypted, then the file makes it current; a crash in between leaves every value readable and
 * a second run finishes the job. The old key stays until `keys retire`.
 */
const CHUNK = 2_000;
const ROTATE_TIMEOUT_MS = 10 * 60_000;

export interface KeyUse {
  id: string;
  createdAt: string | null;
  current: boolean;
  fields: number;
}

export interface KeyStatus {
  keyring: Keyring;
  keys: KeyUse[];
  /** Ids found in the database that the keyring does not hold (values nobody can read). */
  unknownKeys: KeyUse[];
  plaintext: number;
}

export function requireCipher(db: Database): FieldCipher {
  if (!db.cipher) throw new AppError(ErrorCode.ConfigInvalid, t('security.keys.noCipher'));
  return db.cipher;
}

export function keyStatus(db: Database): KeyStatus {
  const ring = requireCipher(db).keyring;
  const raw = new BetterSqlite3(sqliteOnly(db, 'この処理').path, { readonly: true });
  try {
    const used = new Map<string, number>();
    let plaintext = 0;
    for (const [model, fields] of Object.entries(ENCRYPTED_FIELDS)) {
      for (const field of fields) {
        for (const [id, n] of keyIdCounts(raw, model, field)) used.set(id, (used.get(id) ?? 0) + n);
        const row = raw.prepare(`SELECT count(*) AS n FROM "${model}" WHERE "${field}" IS NOT NULL AND "${field}" NOT LIKE 'enc:v1:%'`).get() as { n: number };
        plaintext += row.n;
      }
    }
    const keys = ring.keys.map((k) => ({ id: k.id, createdAt: k.createdAt, current: k.id === ring.current.id, fields: used.get(k.id) ?? 0 }));
    const unknownKeys = [...used].filter(([id]) => !ring.keys.some((k) => k.id === id)).map(([id, fields]) => ({ id, createdAt: null, current: false, fields }));
    return { keyring: ring, keys, unknownKeys, plaintext };
  } finally {
    raw.close();
  }
}

export interface RotationResult {
  newKeyId: string;
  oldKeyId: string;
  fields: number;
}

/** Key file: a new key becomes current. Environment: re-encrypts under the first KAIHEISEN_DATA_KEY. */
export async function rotateKeys(db: Database, now: Date): Promise<RotationResult> {
  const cipher = requireCipher(db);
  const ring = cipher.keyring;
  if (ring.source.kind === 'env') {
    const fields = await reencryptAll(db, cipher, cipher);
    return { newKeyId: ring.current.id, oldKeyId: ring.current.id, fields };
  }
  const path = ring.source.path;
  const fresh = generateDataKey(now);
  const keys = [...ring.keys, fresh];
  writeKeyFile(path, { current: ring.current, keys });
  const next: Keyring = { source: ring.source, current: fresh, keys };
  const reader = new FieldCipher({ ...ring, keys });
  const fields = await reencryptAll(db, reader, new FieldCipher(next));
  writeKeyFile(path, next);
  cipher.replaceKeyring(next);
  return { newKeyId: fresh.id, oldKeyId: ring.current.id, fields };
}

async function reencryptAll(db: Database, reader: FieldCipher, writer: FieldCipher): Promise<number> {
  return db.write(async (tx) => {
    let count = 0;
    for (const model of Object.keys(ENCRYPTED_FIELDS)) count += await reencryptModel(tx, model, reader, writer);
    await roundCoordinates(tx);
    return count;
  }, { timeoutMs: ROTATE_TIMEOUT_MS });
}

/** Orders imported before coordinates were stored rounded get the stored form too (as old plaintext gets encrypted). */
async function roundCoordinates(tx: Tx): Promise<void> {
  const d = STORED_COORDINATE_DECIMALS;
  await tx.$executeRawUnsafe(`UPDATE "WorkOrder" SET "latitude" = round("latitude", ${d}), "longitude" = round("longitude", ${d})
    WHERE "latitude" <> round("latitude", ${d}) OR "longitude" <> round("longitude", ${d})`);
}

async function reencryptModel(tx: Tx, model: string, reader: FieldCipher, writer: FieldCipher): Promise<number> {
  const fields = ENCRYPTED_FIELDS[model] ?? [];
  const indexes = Object.entries(BLIND_INDEXES[model] ?? {});
  const columns = [...fields, ...indexes.map(([, index]) => index)];
  const rows = await tx.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT "id", ${fields.map((f) => `"${f}"`).join(', ')} FROM "${model}"`);
  let count = 0;
  const updates = rows.map((row) => {
    const plain = Object.fromEntries(fields.map((f) => [f, typeof row[f] === 'string' ? reader.decrypt(row[f]) : null]));
    count += fields.filter((f) => plain[f] !== null).length;
    const values = fields.map((f) => (plain[f] === null ? null : writer.encrypt(plain[f] as string)));
    const indexValues = indexes.map(([field]) => (plain[field] === null ? null : blindIndexOf(writer, model, field, plain[field] as string)));
    return [Number(row.id), ...values, ...indexValues];
  });
  const sets = columns.map((c, i) => `"${c}" = j.value ->> ${i + 1}`).join(', ');
  const sql = `UPDATE "${model}" SET ${sets} FROM json_each(?) AS j WHERE "${model}"."id" = j.value ->> 0`;
  for (let i = 0; i < updates.length; i += CHUNK) await tx.$executeRawUnsafe(sql, JSON.stringify(updates.slice(i, i + CHUNK)));
  return count;
}

export interface RetireOptions {
  /** Backups made with the key (see backup-file.ts); retiring it makes them unreadable. */
  backupsUsingKey: number;
  backupsDir: string;
  force: boolean;
}

/** Removes a key no value uses any more. Returns whether the key file changed (false: environment). */
export function retireKey(db: Database, keyId: string, options: RetireOptions): boolean {
  const status = keyStatus(db);
  const use = status.keys.find((k) => k.id === keyId);
  if (!use) throw new AppError(ErrorCode.NotFound, t('security.keys.retireUnknown', { keyId }));
  if (use.current) throw new AppError(ErrorCode.Conflict, t('security.keys.retireCurrent', { keyId }));
  if (use.fields > 0) throw new AppError(ErrorCode.Conflict, t('security.keys.retireInUse', { keyId, count: use.fields }));
  // Rows the key sealed stay pinned by the seal of the retire's own audit row (audit-verify.ts), but only what
  // verifies now can be pinned: a chain already broken is refused, so a forgery cannot be laundered by a retire.
  const chain = verifyAuditChain(sqliteOnly(db, 'この処理').path, db.auditSealer);
  if (chain.problem) throw new AppError(ErrorCode.Conflict, t('auditChain.retireBroken', { keyId, what: describeChainProblem(chain.problem) }));
  if (options.backupsUsingKey > 0 && !options.force) {
    throw new AppError(ErrorCode.Conflict, t('security.keys.retireBackups', { keyId, count: options.backupsUsingKey, dir: options.backupsDir }));
  }
  const ring = status.keyring;
  if (ring.source.kind === 'env') return false;
  const next: Keyring = { ...ring, keys: ring.keys.filter((k) => k.id !== keyId) };
  writeKeyFile(ring.source.path, next);
  requireCipher(db).replaceKeyring(next);
  return true;
}
