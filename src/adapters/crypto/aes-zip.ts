import { createCipheriv, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { JST_OFFSET_MS } from '../../domain/calendar/local-time.ts';

/**
 * ZIP archives with WinZip AES-256 encryption (AE-2), which 7-Zip, WinZip, CubeICE and most AES-capable
 * archivers open with a password. Per entry: PBKDF2-HMAC-SHA1(password, 16-byte salt, 1000 rounds)
 * gives the AES key, the HMAC key and a 2-byte password check; the deflated data is AES-256-CTR with a
 * little-endian counter from 1, followed by the first 10 bytes of HMAC-SHA1 over the ciphertext.
 * AE-2 stores no CRC (it would leak a checksum of the plaintext); the HMAC is the integrity check.
 * The 1000 rounds are fixed by the format, so the password must be long and random.
 */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const ROUNDS = 1000;
const MAC_BYTES = 10;
const METHOD_AES = 99;
const METHOD_DEFLATE = 8;
const VERSION_NEEDED = 51;
const VERSION_MADE_BY = (3 << 8) | 63; // Unix, spec 6.3: the external attributes carry the file mode
const FILE_MODE_0600 = 0o100600;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8 = 0x0800;

interface SealedEntry {
  name: Buffer;
  flags: number;
  size: number;
  body: Buffer;
}

/** The keystream XOR: counter blocks (little-endian, from 1) encrypted with AES-256-ECB. */
function aesCtr(key: Buffer, data: Buffer): Buffer {
  const out = Buffer.alloc(data.length);
  const chunkBlocks = 4096;
  for (let block = 0; block * 16 < data.length; block += chunkBlocks) {
    const blocks = Math.min(chunkBlocks, Math.ceil((data.length - block * 16) / 16));
    const counters = Buffer.alloc(blocks * 16);
    for (let i = 0; i < blocks; i++) counters.writeBigUInt64LE(BigInt(block + i + 1), i * 16);
    const ecb = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
    const stream = Buffer.concat([ecb.update(counters), ecb.final()]);
    const start = block * 16;
    for (let i = 0; i < stream.length && start + i < data.length; i++) out[start + i] = data[start + i]! ^ stream[i]!;
  }
  return out;
}

function seal(entry: ZipEntry, password: string): SealedEntry {
  const salt = randomBytes(SALT_BYTES);
  const derived = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, ROUNDS, 2 * KEY_BYTES + 2, 'sha1');
  const encrypted = aesCtr(derived.subarray(0, KEY_BYTES), deflateRawSync(entry.data, { level: 9 }));
  const mac = createHmac('sha1', derived.subarray(KEY_BYTES, 2 * KEY_BYTES)).update(encrypted).digest().subarray(0, MAC_BYTES);
  const name = Buffer.from(entry.name, 'utf8');
  const ascii = name.length === entry.name.length;
  return { name, flags: FLAG_ENCRYPTED | (ascii ? 0 : FLAG_UTF8), size: entry.data.length, body: Buffer.concat([salt, derived.subarray(2 * KEY_BYTES), encrypted, mac]) };
}

/** The AES extra field (0x9901): AE-2, vendor "AE", strength 3 (AES-256), real method deflate. */
function aesExtra(): Buffer {
  const extra = Buffer.alloc(11);
  extra.writeUInt16LE(0x9901, 0);
  extra.writeUInt16LE(7, 2);
  extra.writeUInt16LE(2, 4);
  extra.write('AE', 6, 'ascii');
  extra.writeUInt8(3, 8);
  extra.writeUInt16LE(METHOD_DEFLATE, 9);
  return extra;
}

/** MS-DOS date and time of `at` in Japan (ZIP stores local time; the readers are in Japan). */
function dosTime(at: Date): { time: number; date: number } {
  const d = new Date(at.getTime() + JST_OFFSET_MS);
  const time = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2);
  const date = ((Math.max(d.getUTCFullYear(), 1980) - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
  return { time, date };
}

/** The fields local and central headers share, from "version needed" to "extra length". */
function commonFields(e: SealedEntry, when: { time: number; date: number }): Buffer {
  const b = Buffer.alloc(26);
  b.writeUInt16LE(VERSION_NEEDED, 0);
  b.writeUInt16LE(e.flags, 2);
  b.writeUInt16LE(METHOD_AES, 4);
  b.writeUInt16LE(when.time, 6);
  b.writeUInt16LE(when.date, 8);
  b.writeUInt32LE(0, 10); // CRC-32: none in AE-2
  b.writeUInt32LE(e.body.length, 14);
  b.writeUInt32LE(e.size, 18);
  b.writeUInt16LE(e.name.length, 22);
  b.writeUInt16LE(11, 24);
  return b;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}

/** The whole archive in memory (exports are a few megabytes at most; ZIP64 is not written). */
export function aesZip(entries: readonly ZipEntry[], password: string, at: Date): Buffer {
  const when = dosTime(at);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const e = seal(entry, password);
    const common = commonFields(e, when);
    const local = Buffer.concat([u32(0x04034b50), common, e.name, aesExtra(), e.body]);
    const attrs = Buffer.concat([u16(0), u16(0), u16(0), u32(FILE_MODE_0600 * 0x10000), u32(offset)]);
    centrals.push(Buffer.concat([u32(0x02014b50), u16(VERSION_MADE_BY), common, attrs, e.name, aesExtra()]));
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  if (offset + directory.length > 0xffffffff || entries.length > 0xffff) throw new RangeError('archive too large for ZIP without ZIP64');
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(entries.length), u16(entries.length), u32(directory.length), u32(offset), u16(0)]);
  return Buffer.concat([...locals, directory, end]);
}
