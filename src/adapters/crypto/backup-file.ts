import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { deriveKey, type FieldCipher } from './field-cipher.ts';

/**
 * Encrypted backup files, streamed in chunks so that size never matters:
 *   header  "KHSBAK01" | keyId length (1 byte) | keyId | salt (16) | chunk size (4, BE)
 *   frames  plaintext length (4, BE) | AES-256-GCM ciphertext | tag (16)
 * The file key is HKDF(data key, salt, "backup"); chunk i uses nonce 0^4 || i (8 bytes, BE), and its
 * additional data is header || i || final-flag, so reordered, dropped or appended chunks and a
 * truncated file are all detected.
 */
const MAGIC = Buffer.from('KHSBAK01', 'ascii');
const SALT_BYTES = 16;
const TAG_BYTES = 16;
export const BACKUP_CHUNK_BYTES = 1 << 20;

function nonceOf(index: number): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(index), 4);
  return nonce;
}

function aadOf(header: Buffer, index: number, final: boolean): Buffer {
  const tail = Buffer.alloc(9);
  tail.writeBigUInt64BE(BigInt(index), 0);
  tail.writeUInt8(final ? 1 : 0, 8);
  return Buffer.concat([header, tail]);
}

function headerOf(keyId: string, salt: Buffer, chunkBytes: number): Buffer {
  const id = Buffer.from(keyId, 'ascii');
  const size = Buffer.alloc(4);
  size.writeUInt32BE(chunkBytes);
  return Buffer.concat([MAGIC, Buffer.from([id.length]), id, salt, size]);
}

export async function encryptFile(source: string, target: string, cipher: FieldCipher, chunkBytes = BACKUP_CHUNK_BYTES): Promise<void> {
  const salt = randomBytes(SALT_BYTES);
  const header = headerOf(cipher.currentKeyId, salt, chunkBytes);
  const key = deriveKey(cipher.keyring.current, 'backup', salt);
  const input = await open(source, 'r');
  const output = await open(target, 'wx', 0o600);
  try {
    const size = (await input.stat()).size;
    const count = Math.max(1, Math.ceil(size / chunkBytes));
    await output.write(header);
    const buffer = Buffer.alloc(chunkBytes);
    for (let i = 0; i < count; i++) {
      const { bytesRead } = await input.read(buffer, 0, chunkBytes, i * chunkBytes);
      const gcm = createCipheriv('aes-256-gcm', key, nonceOf(i)).setAAD(aadOf(header, i, i === count - 1));
      const data = Buffer.concat([gcm.update(buffer.subarray(0, bytesRead)), gcm.final()]);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytesRead);
      await output.write(Buffer.concat([length, data, gcm.getAuthTag()]));
    }
    await output.sync();
  } finally {
    await input.close();
    await output.close();
  }
}

async function readExactly(file: FileHandle, bytes: number, position: number): Promise<Buffer> {
  const buffer = Buffer.alloc(bytes);
  const { bytesRead } = await file.read(buffer, 0, bytes, position);
  return buffer.subarray(0, bytesRead);
}

interface Header {
  bytes: Buffer;
  keyId: string;
  salt: Buffer;
  chunkBytes: number;
}

async function readHeader(file: FileHandle, name: string): Promise<Header> {
  const start = await readExactly(file, MAGIC.length + 1, 0);
  if (start.length < MAGIC.length + 1 || !start.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new AppError(ErrorCode.InvalidInput, t('retention.backup.notBackup', { file: name }));
  }
  const idLength = start[MAGIC.length] ?? 0;
  const rest = await readExactly(file, idLength + SALT_BYTES + 4, start.length);
  if (rest.length < idLength + SALT_BYTES + 4) throw new AppError(ErrorCode.InvalidInput, t('retention.backup.notBackup', { file: name }));
  return {
    bytes: Buffer.concat([start, rest]),
    keyId: rest.subarray(0, idLength).toString('ascii'),
    salt: rest.subarray(idLength, idLength + SALT_BYTES),
    chunkBytes: rest.readUInt32BE(idLength + SALT_BYTES),
  };
}

/** The id of the data key a backup was made with (undefined when the file is not a backup). */
export async function backupKeyId(path: string): Promise<string | undefined> {
  const file = await open(path, 'r');
  try {
    return (await readHeader(file, path)).keyId;
  } catch {
    return undefined;
  } finally {
    await file.close();
  }
}

export async function decryptFile(source: string, target: string, cipher: FieldCipher): Promise<void> {
  const input = await open(source, 'r');
  const output = await open(target, 'wx', 0o600);
  try {
    const header = await readHeader(input, source);
    const key = deriveKey(cipher.keyById(header.keyId), 'backup', header.salt);
    let position = header.bytes.length;
    for (let i = 0, final = false; !final; i++) {
      const length = await readExactly(input, 4, position);
      if (length.length < 4) throw new AppError(ErrorCode.InvalidInput, t('retention.backup.truncated', { file: source }));
      const size = length.readUInt32BE(0);
      const frame = await readExactly(input, size + TAG_BYTES, position + 4);
      if (frame.length < size + TAG_BYTES || size > header.chunkBytes) throw new AppError(ErrorCode.InvalidInput, t('retention.backup.truncated', { file: source }));
      position += 4 + frame.length;
      final = (await readExactly(input, 1, position)).length === 0;
      await output.write(openFrame(key, header.bytes, i, final, frame, source));
    }
    await output.sync();
  } finally {
    await input.close();
    await output.close();
  }
}

function openFrame(key: Buffer, header: Buffer, index: number, final: boolean, frame: Buffer, name: string): Buffer {
  try {
    const gcm = createDecipheriv('aes-256-gcm', key, nonceOf(index)).setAAD(aadOf(header, index, final));
    gcm.setAuthTag(frame.subarray(frame.length - TAG_BYTES));
    return Buffer.concat([gcm.update(frame.subarray(0, frame.length - TAG_BYTES)), gcm.final()]);
  } catch {
    throw new AppError(ErrorCode.InvalidInput, t('retention.backup.tampered', { file: name }));
  }
}
