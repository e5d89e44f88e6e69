import { STORED_COORDINATE_DECIMALS } from '../../domain/work-order/work-order.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { FieldCipher } from '../crypto/field-cipher.ts';
import { generateDataKey, writeKeyFile, type Keyring } from '../crypto/keyring.ts';
import { timestamp, type Database, type Dialect, type Tx } from './database.ts';
import { keyIdCountsSql } from './data-key-setup.ts';
import { CLEAR_CURRENT_KEY_SQL, currentKeyName, RECORD_CURRENT_KEY_SQL } from './data-key-state.ts';
import { rawPlaceholders } from './audit-chain.ts';
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

export async function keyStatus(db: Database): Promise<KeyStatus> {
  const ring = requireCipher(db).keyring;
  const { used, plaintext } = await db.statements(async (sql) => {
    const used = new Map<string, number>();
    let plaintext = 0;
    for (const [model, fields] of Object.entries(ENCRYPTED_FIELDS)) {
      for (const field of fields) {
        for (const r of await sql.all<{ keyId: string; n: unknown }>(keyIdCountsSql(model, field, sql.dialect))) used.set(r.keyId, (used.get(r.keyId) ?? 0) + Number(r.n));
        const row = await sql.get<{ n: unknown }>(`SELECT count(*) AS n FROM "${model}" WHERE "${field}" IS NOT NULL AND "${field}" NOT LIKE 'enc:v1:%'`);
        plaintext += Number(row?.n ?? 0);
      }
    }
    return { used, plaintext };
  });
  const keys = ring.keys.map((k) => ({ id: k.id, createdAt: k.createdAt, current: k.id === ring.current.id, fields: used.get(k.id) ?? 0 }));
  const unknownKeys = [...used].filter(([id]) => !ring.keys.some((k) => k.id === id)).map(([id, fields]) => ({ id, createdAt: null, current: false, fields }));
  return { keyring: ring, keys, unknownKeys, plaintext };
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

/**
 * In the same transaction the new key is recorded as the current one (data-key-state.ts): every other instance
 * takes it up at its next write, and none writes under the old key after this commits.
 */
async function reencryptAll(db: Database, reader: FieldCipher, writer: FieldCipher): Promise<number> {
  return db.write(async (tx) => {
    let count = 0;
    for (const model of Object.keys(ENCRYPTED_FIELDS)) count += await reencryptModel(tx, db.dialect, model, reader, writer);
    await roundCoordinates(tx, db.dialect);
    await tx.$executeRawUnsafe(CLEAR_CURRENT_KEY_SQL);
    const now = timestamp(new Date());
    await tx.$executeRawUnsafe(rawPlaceholders(RECORD_CURRENT_KEY_SQL, db.dialect), currentKeyName(writer.currentKeyId), ...castTimestamps(db.dialect, now, now));
    return count;
  }, { timeoutMs: ROTATE_TIMEOUT_MS });
}

/** Prisma's pg adapter sends text parameters: timestamptz columns take them as Date. */
const castTimestamps = (dialect: Dialect, ...values: string[]): (string | Date)[] => (dialect === 'postgres' ? values.map((v) => new Date(v)) : values);

/** Orders imported before coordinates were stored rounded get the stored form too (as old plaintext gets encrypted). */
async function roundCoordinates(tx: Tx, dialect: Dialect): Promise<void> {
  const d = STORED_COORDINATE_DECIMALS;
  // PostgreSQL rounds to decimal places only numeric values.
  const round = (column: string) => (dialect === 'postgres' ? `round("${column}"::numeric, ${d})::double precision` : `round("${column}", ${d})`);
  await tx.$executeRawUnsafe(`UPDATE "WorkOrder" SET "latitude" = ${round('latitude')}, "longitude" = ${round('longitude')}
    WHERE "latitude" <> ${round('latitude')} OR "longitude" <> ${round('longitude')}`);
}

/** The rows' new values as one JSON array of [id, ...columns] per chunk, joined back on the id. */
const updateFromJson = (model: string, columns: string[], dialect: Dialect): string =>
  dialect === 'postgres'
    ? `UPDATE "${model}" SET ${columns.map((c, i) => `"${c}" = j.value ->> ${i + 1}`).join(', ')} FROM json_array_elements($1::json) AS j(value) WHERE "${model}"."id" = (j.value ->> 0)::bigint`
    : `UPDATE "${model}" SET ${columns.map((c, i) => `"${c}" = j.value ->> ${i + 1}`).join(', ')} FROM json_each(?) AS j WHERE "${model}"."id" = j.value ->> 0`;

async function reencryptModel(tx: Tx, dialect: Dialect, model: string, reader: FieldCipher, writer: FieldCipher): Promise<number> {
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
  const sql = updateFromJson(model, columns, dialect);
  for (let i = 0; i < updates.length; i += CHUNK) await tx.$executeRawUnsafe(sql, JSON.stringify(updates.slice(i, i + CHUNK)));
  return count;
}

export interface RetireOptions {
  /** The backup files that exist and were made with the key (see backup-file.ts); retiring it makes them unreadable. */
  backupsUsingKey: string[];
  force: boolean;
}

/** At most this many backup files are named in the refusal; the rest are counted. */
const NAMED_BACKUPS = 10;

/** Removes a key no value uses any more. Returns whether the key file changed (false: environment). */
export async function retireKey(db: Database, keyId: string, options: RetireOptions): Promise<boolean> {
  const status = await keyStatus(db);
  const use = status.keys.find((k) => k.id === keyId);
  if (!use) throw new AppError(ErrorCode.NotFound, t('security.keys.retireUnknown', { keyId }));
  if (use.current) throw new AppError(ErrorCode.Conflict, t('security.keys.retireCurrent', { keyId }));
  if (use.fields > 0) throw new AppError(ErrorCode.Conflict, t('security.keys.retireInUse', { keyId, count: use.fields }));
  // Rows the key sealed stay pinned by the seal of the retire's own audit row (audit-verify.ts), but only what
  // verifies now can be pinned: a chain already broken is refused, so a forgery cannot be laundered by a retire.
  const chain = await verifyAuditChain(db, db.auditSealer);
  if (chain.problem) throw new AppError(ErrorCode.Conflict, t('auditChain.retireBroken', { keyId, what: describeChainProblem(chain.problem) }));
  const backups = options.backupsUsingKey;
  if (backups.length > 0 && !options.force) {
    const named = backups.slice(0, NAMED_BACKUPS);
    const more = backups.length > named.length ? [t('security.keys.retireBackupsMore', { count: backups.length - named.length })] : [];
    throw new AppError(ErrorCode.Conflict, t('security.keys.retireBackups', { keyId, count: backups.length, files: [...named, ...more].join('、') }));
  }
  const ring = status.keyring;
  if (ring.source.kind === 'env') return false;
  const next: Keyring = { ...ring, keys: ring.keys.filter((k) => k.id !== keyId) };
  writeKeyFile(ring.source.path, next);
  requireCipher(db).replaceKeyring(next);
  return true;
}
