import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { FieldCipher } from '../../../src/adapters/crypto/field-cipher.ts';
import { readKeyFile, writeKeyFile } from '../../../src/adapters/crypto/keyring.ts';
import { type Database } from '../../../src/adapters/db/database.ts';
import { openDatabase } from '../../../src/adapters/db/open-database.ts';
import { register as registerBackup } from '../../../src/cli/commands/backup.ts';
import { register as registerKeys } from '../../../src/cli/commands/keys.ts';
import { register as registerRestore } from '../../../src/cli/commands/restore.ts';
import { runCommand, testContext } from '../../support/command-runner.ts';
import { addAdmin, asOperator } from '../../support/operator.ts';
import { testKey, testKeyring } from '../../support/test-cipher.ts';

let dir = '';
let db: Database | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function setUp(): Promise<{ keyFile: string; url: string }> {
  dir = mkdtempSync(join(tmpdir(), 'kaiheisen-cmd-'));
  const keyFile = join(dir, 'keys', 'kaiheisen-data-key.json');
  writeKeyFile(keyFile, testKeyring('first'));
  const url = `file:${join(dir, 'data', 'kaiheisen.db')}`;
  db = await openDatabase(url, { cipher: new FieldCipher(readKeyFile(keyFile)) });
  await db.write((tx) =>
    tx.workOrder.create({ data: { orderNo: 'Q-1', kind: 'open', scheduledDate: '2026-03-27', address: '金沢市', town: '町', contentHash: 'h', customerName: '鍵 太郎', phone: '076-9' } }),
  );
  return { keyFile, url };
}

describe('keys, backup and restore commands', () => {
  it('status, rotate, retire', async () => {
    const { keyFile } = await setUp();
    const ctx = await asOperator(testContext(db!, new VirtualClock('2026-03-27T00:00:00Z')), await addAdmin(db!));
    const first = testKey('first').id;
    const status = await runCommand(registerKeys, ['keys', 'status'], ctx);
    expect(status.out.split('\n')).toEqual([
      `暗号鍵: 鍵ファイル ${keyFile} (現在の鍵 ${first})`,
      `  ${first} (現在)  作成 -  使用中の項目 3 件`,
      '  暗号化されていない項目: 0 件 (keys rotate で暗号化されます)',
      '',
    ]);
    const rotate = await runCommand(registerKeys, ['keys', 'rotate'], ctx);
    const next = readKeyFile(keyFile).current.id;
    expect(rotate.out).toBe(`鍵を交換しました: 新しい鍵 ${next} で 3 件の項目を暗号化し直しました (旧鍵 ${first} は keys retire ${first} まで鍵ファイルに残ります)\n`);
    const json = JSON.parse((await runCommand(registerKeys, ['keys', 'status', '--json'], ctx)).out);
    expect(json).toMatchObject({ source: 'file', current: next, plaintext: 0, keys: [{ id: first, fields: 0 }, { id: next, fields: 3, current: true }] });
    expect((await runCommand(registerKeys, ['keys', 'retire', 'nope'], ctx)).err).toMatch(/キーリングにありません/);
    expect((await runCommand(registerKeys, ['keys', 'retire', first], ctx)).out).toBe(`鍵 ${first} をキーリングから外しました\n`);
    expect((await db!.read.auditLog.findMany({ orderBy: { id: 'asc' } })).map((a) => a.action)).toEqual(['operator.allowed', 'operator.allowed', 'keys.rotated', 'operator.allowed', 'operator.allowed', 'operator.allowed', 'keys.retired']);
    expect((await db!.read.workOrder.findFirstOrThrow()).customerName).toBe('鍵 太郎');
  });

  it('backup to the default folder, refuse a live restore, restore after the bot stops', async () => {
    const { url } = await setUp();
    const cipher = db!.cipher!;
    const ctx = await asOperator(testContext(db!, new VirtualClock('2026-03-27T08:30:00Z')), await addAdmin(db!));
    const backup = await runCommand(registerBackup, ['backup'], ctx);
    const file = join(dir, 'data', 'backups', 'kaiheisen-20260327-173000.db.enc');
    expect(backup.out).toMatch(new RegExp(`^バックアップを作成しました: ${file} \\(\\d+ バイト、暗号化済み・鍵 ${cipher.currentKeyId}\\)\\n$`));
    const sameSecond = await runCommand(registerBackup, ['backup'], ctx); // the same instant: a suffix, never a clash
    expect(sameSecond.out, sameSecond.err).toContain(join(dir, 'data', 'backups', 'kaiheisen-20260327-173000-2.db.enc'));
    await db!.write((tx) => tx.workOrder.update({ where: { orderNo: 'Q-1' }, data: { customerName: '後で 変更' } }));

    const bot = await openDatabase(url, { cipher }); // the running bot
    const refused = await runCommand(registerRestore, ['restore', file], { ...testContext(await openDatabase(url, { cipher }), ctx.clock), config: ctx.config });
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/使用中/);
    await bot.close();
    await db!.close();

    const restored = await runCommand(registerRestore, ['restore', file], { ...testContext(await openDatabase(url, { cipher }), ctx.clock), config: ctx.config });
    expect(restored.err).toBe('');
    expect(restored.out).toContain('元のデータベースは');
    expect(existsSync(join(dir, 'data', 'kaiheisen.db.bak'))).toBe(true);
    db = await openDatabase(url, { cipher });
    expect((await db.read.workOrder.findFirstOrThrow()).customerName).toBe('鍵 太郎');
    // The backup holds the admin's access to it; the restore is recorded in the restored database with who did it.
    expect((await db.read.auditLog.findMany({ orderBy: { id: 'asc' } })).map((a) => `${a.action}:${a.actorId}`)).toEqual(['operator.allowed:a01', 'database.restored:a01']);
  });
});
