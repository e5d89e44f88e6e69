import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { openDatabase } from '../../../src/adapters/db/open-database.ts';
import { backUpDatabase, restoreDatabaseFrom } from '../../../src/assembly/services/database-files.ts';
import type { AppContext } from '../../../src/assembly/context.ts';
import { testContext } from '../../support/command-runner.ts';
import { encryptedTempDatabase } from '../../support/test-cipher.ts';
import { TEST_DIALECT, type TempDatabase } from '../../support/temp-db.ts';

/** `kaiheisen backup` and `restore` through their service, on the dialect under test (pg_dump on PostgreSQL). */
const TOWN = 'BACKUP-MARKER-試験町'; // a column kept in plain text: it must not be readable in the backup either
const NAME = '控え 次郎';
/** The operator the CLI authenticated (actorId: no person row is needed for the audit). */
const ADMIN = { actorId: 'a01', channel: 'cli' };

let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

async function seeded(): Promise<{ t: TempDatabase; ctx: AppContext }> {
  const t = (temp = await encryptedTempDatabase());
  await t.db.write((tx) =>
    tx.workOrder.create({ data: { orderNo: 'B-1', kind: 'open', scheduledDate: '2026-03-27', address: '金沢市試験町2-2', town: TOWN, contentHash: 'h', customerName: NAME, phone: '076-000-5678' } }),
  );
  const ctx = testContext(t.db, new VirtualClock('2026-03-27T01:05:00Z'));
  ctx.config = { ...ctx.config, sharedDir: join(t.dir, 'shared') };
  return { t, ctx };
}

describe(`backup and restore (${TEST_DIALECT})`, () => {
  it('backs up into the shared folder, encrypted, and a restore brings the old data back', async () => {
    const { t, ctx } = await seeded();
    const done = await backUpDatabase(ctx, ADMIN);
    expect(done.file).toBe(join(t.dir, 'shared', 'backups', 'kaiheisen-20260327-100500.db.enc'));
    expect(statSync(done.file).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(done.file);
    for (const plain of [TOWN, NAME, '076-000-5678', 'PGDMP', 'SQLite format 3', 'WorkOrder']) expect(bytes.includes(Buffer.from(plain))).toBe(false);

    await t.db.write(async (tx) => {
      await tx.workOrder.updateMany({ data: { customerName: '別人 三郎', town: '変更後' } });
      await tx.workOrder.create({ data: { orderNo: 'B-2', kind: 'open', scheduledDate: '2026-03-28', address: '金沢市後町1', town: '後町', contentHash: 'h2' } });
    });
    const cipher = t.db.cipher!;
    await restoreDatabaseFrom(ctx, done.file, false, null);
    t.db = await openDatabase(t.url, { cipher });
    const orders = await t.db.read.workOrder.findMany();
    expect(orders.map((o) => [o.orderNo, o.customerName, o.town])).toEqual([['B-1', NAME, TOWN]]);
    expect((await t.db.read.auditLog.findMany({ where: { action: 'database.restored' } })).length).toBe(1);
  });

  it('refuses a database another connection uses, unless forced', async () => {
    const { t, ctx } = await seeded();
    const { file } = await backUpDatabase(ctx, ADMIN);
    const cipher = t.db.cipher!;
    const other = await openDatabase(t.url, { cipher }); // another instance
    try {
      await other.read.workOrder.count();
      await expect(restoreDatabaseFrom(ctx, file, false, null)).rejects.toThrow(/使用中/);
      t.db = await openDatabase(t.url, { cipher });
      await restoreDatabaseFrom({ ...ctx, db: t.db }, file, true, null);
      t.db = await openDatabase(t.url, { cipher });
      expect(await t.db.read.workOrder.count()).toBe(1);
    } finally {
      await other.close();
    }
  });

  it.runIf(TEST_DIALECT === 'postgres')('says in Japanese when pg_dump is missing, and leaves no file', async () => {
    const { t, ctx } = await seeded();
    const path = process.env.PATH;
    process.env.PATH = join(t.dir, 'no-tools');
    try {
      await expect(backUpDatabase(ctx, ADMIN)).rejects.toThrow(/pg_dump が見つかりません.*PATH/);
    } finally {
      process.env.PATH = path;
    }
    expect(readdirSync(join(t.dir, 'shared', 'backups'))).toEqual([]);
  });

  it.runIf(TEST_DIALECT === 'postgres')('needs the shared folder on PostgreSQL, and says what to set', async () => {
    const { ctx } = await seeded();
    ctx.config = { ...ctx.config, sharedDir: undefined };
    await expect(backUpDatabase(ctx, ADMIN)).rejects.toThrow(/KAIHEISEN_SHARED_DIR/);
  });
});
