import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { aesZip } from '../../../../src/adapters/crypto/aes-zip.ts';
import { generateExportPassword } from '../../../../src/adapters/crypto/export-password.ts';

const READER = fileURLToPath(new URL('../../../support/aes-zip-reader.py', import.meta.url));
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Runs the independent reader (Python + `cryptography`) on the archive; its exit code and what it extracted. */
function extract(zip: Buffer, password: string): { code: number | null; read: (name: string) => Buffer } {
  dir = mkdtempSync(join(tmpdir(), 'aes-zip-'));
  writeFileSync(join(dir, 'a.zip'), zip);
  writeFileSync(join(dir, 'pw'), password);
  mkdirSync(join(dir, 'out'));
  const run = spawnSync('python3', [READER, join(dir, 'a.zip'), join(dir, 'pw'), join(dir, 'out')]);
  return { code: run.status, read: (name) => readFileSync(join(dir!, 'out', name)) };
}

describe('WinZip AES-256 zip', () => {
  it('round-trips through an independent reader, past many counter blocks and with a Japanese file name', () => {
    const big = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251));
    const zip = aesZip([{ name: 'big.bin', data: big }, { name: '引継ぎ.csv', data: Buffer.from('\uFEFF氏名\r\n') }, { name: 'empty.txt', data: Buffer.alloc(0) }], 'correct-horse-battery', new Date('2026-03-27T23:00:00Z'));
    const opened = extract(zip, 'correct-horse-battery');
    expect(opened.code).toBe(0);
    expect(opened.read('big.bin').equals(big)).toBe(true);
    expect(opened.read('引継ぎ.csv').toString('utf8')).toBe('\uFEFF氏名\r\n');
    expect(opened.read('empty.txt').length).toBe(0);
  });

  it('rejects a wrong password and a changed byte', () => {
    const zip = aesZip([{ name: 'a.csv', data: Buffer.from('090-0000-1144') }], 'correct-horse-battery', new Date());
    expect(extract(zip, 'correct-horse-batterx').code).toBe(3);
    const tampered = Buffer.from(zip);
    tampered[30 + 'a.csv'.length + 11 + 16 + 2 + 3]! ^= 1;
    expect(extract(tampered, 'correct-horse-battery').code).toBe(4);
  });

  it('generates long random passwords that can be read out: 7 groups of 4 without look-alike characters', () => {
    const passwords = Array.from({ length: 50 }, generateExportPassword);
    for (const p of passwords) expect(p).toMatch(/^[a-km-np-z2-9]{4}(-[a-km-np-z2-9]{4}){6}$/);
    expect(new Set(passwords).size).toBe(50);
  });
});
