import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { makeFolders } from '../private-files.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';

/**
 * The data keys (AES-256, 32 bytes each). `current` encrypts; every key in `keys` decrypts, so a
 * rotation can re-encrypt while old values are still readable. A key's id is a short hash of it.
 *
 * Sources: KAIHEISEN_DATA_KEY (base64; "current,old,..." for several), or a key file (KAIHEISEN_DATA_KEY_FILE,
 * systemd's credential, or the demo's development key; see data-key-setup.ts): JSON written by this module, or one
 * base64 line.
 */
export interface DataKey {
  id: string;
  key: Buffer;
  createdAt: string | null;
}

export type KeySource = { kind: 'env' } | { kind: 'file'; path: string };

export interface Keyring {
  source: KeySource;
  current: DataKey;
  keys: DataKey[];
}

export const KEY_BYTES = 32;
const FILE_FORMAT = 'kaiheisen-keyring/1';

interface KeyFileJson {
  format: string;
  [label: string]: unknown;
  current: string;
  keys: { id: string; key: string; createdAt?: string | null }[];
}

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('kaiheisen-key-id:').update(key).digest('hex').slice(0, 10);
}

export function dataKeyOf(base64: string, createdAt: string | null = null): DataKey {
  const text = base64.trim();
  // 32 bytes are 43 base64 characters and one '=' of padding.
  if (!/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=?$/.test(text)) {
    throw new AppError(ErrorCode.ConfigInvalid, t('security.keys.badKey', { bytes: KEY_BYTES }));
  }
  const key = Buffer.from(text, 'base64');
  return { id: keyIdOf(key), key, createdAt };
}

export function generateDataKey(now: Date): DataKey {
  const key = randomBytes(KEY_BYTES);
  return { id: keyIdOf(key), key, createdAt: now.toISOString() };
}

/** KAIHEISEN_DATA_KEY: the first key is current, the others only decrypt. */
export function keyringFromEnv(value: string): Keyring {
  const keys = value.split(',').map((part) => part.trim()).filter(Boolean).map((part) => dataKeyOf(part));
  const [current] = keys;
  if (!current) throw new AppError(ErrorCode.ConfigInvalid, t('security.keys.badKey', { bytes: KEY_BYTES }));
  return { source: { kind: 'env' }, current, keys };
}

export function readKeyFile(path: string): Keyring {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new AppError(ErrorCode.ConfigInvalid, t('security.keys.fileUnreadable', { path }));
  }
  const source: KeySource = { kind: 'file', path };
  if (!text.trim().startsWith('{')) {
    const key = dataKeyOf(text);
    return { source, current: key, keys: [key] };
  }
  return keyringFromJson(parseKeyFile(text, path), source);
}

function parseKeyFile(text: string, path: string): KeyFileJson {
  try {
    const json = JSON.parse(text) as KeyFileJson;
    if (json.format === FILE_FORMAT && Array.isArray(json.keys)) return json;
  } catch {
    // reported below
  }
  throw new AppError(ErrorCode.ConfigInvalid, t('security.keys.fileInvalid', { path }));
}

function keyringFromJson(json: KeyFileJson, source: KeySource): Keyring {
  const keys = json.keys.map((k) => dataKeyOf(k.key, k.createdAt ?? null));
  const path = source.kind === 'file' ? source.path : '';
  if (keys.some((k, i) => k.id !== json.keys[i]?.id)) throw new AppError(ErrorCode.ConfigInvalid, t('security.keys.fileInvalid', { path }));
  const current = keys.find((k) => k.id === json.current);
  if (!current) throw new AppError(ErrorCode.ConfigInvalid, t('security.keys.fileInvalid', { path }));
  return { source, current, keys };
}

/**
 * Atomic replace (temp file, fsync, rename), readable by the owner only (0600) in a folder created 0700. `label`:
 * fields that say what the key is for (a development key); a rewrite (rotation) keeps the file's own.
 */
export function writeKeyFile(path: string, ring: Pick<Keyring, 'current' | 'keys'>, label: Record<string, unknown> = labelOf(path)): void {
  const json: KeyFileJson = {
    ...label,
    format: FILE_FORMAT,
    current: ring.current.id,
    keys: ring.keys.map((k) => ({ id: k.id, key: k.key.toString('base64'), createdAt: k.createdAt })),
  };
  makeFolders(dirname(path));
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(json, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

function labelOf(path: string): Record<string, unknown> {
  try {
    const { format: _f, current: _c, keys: _k, ...label } = JSON.parse(readFileSync(path, 'utf8')) as KeyFileJson;
    return label;
  } catch {
    return {};
  }
}

export function keyFileExists(path: string): boolean {
  return existsSync(path);
}
