import { afterEach, describe, expect, it } from 'vitest';
import { TEST_DIALECT, tempDatabase, type TempDatabase } from '../../support/temp-db.ts';
import { encryptedTempDatabase } from '../../support/test-cipher.ts';

/** The same assertions on whichever server the pass runs on (SQLite in `vitest run`, PostgreSQL in the second pass). */
describe(`the database on ${TEST_DIALECT}`, () => {
  let temp: TempDatabase | undefined;
  afterEach(async () => {
    await temp?.dispose();
    temp = undefined;
  });

  it('opens migrated, with its dialect, and writes and reads a row through Prisma and plain SQL alike', async () => {
    temp = await tempDatabase();
    expect(temp.db.dialect).toBe(TEST_DIALECT);
    await temp.db.write((tx) => tx.person.create({ data: { id: 'w01', affiliation: 'contractor', name: '架空 太郎' } }));
    const rows = await temp.db.statements((sql) => sql.all<{ id: string }>('SELECT "id" FROM "Person" WHERE "active" = ? ORDER BY "id"', true));
    expect(rows).toEqual([{ id: 'w01' }]);
    const changed = await temp.db.statements((sql) => sql.run('UPDATE "Person" SET "title" = ? WHERE "id" = ?', '主任', 'w01'));
    expect(changed.changes).toBe(1);
    expect((await temp.db.read.person.findUniqueOrThrow({ where: { id: 'w01' } })).title).toBe('主任');
  });

  it('sorts text by code point, as SQLite does (a, B, _, 日本 order)', async () => {
    temp = await tempDatabase();
    for (const id of ['a', 'B', '_', '日本', 'Z1', 'z0']) {
      await temp.db.write((tx) => tx.person.create({ data: { id, affiliation: 'contractor', name: id } }));
    }
    const ids = (await temp.db.read.person.findMany({ orderBy: { id: 'asc' }, select: { id: true } })).map((p) => p.id);
    expect(ids).toEqual(['B', 'Z1', '_', 'a', 'z0', '日本']);
  });

  it('keeps instants exact whatever the time zone of the process (timestamptz on PostgreSQL)', async () => {
    temp = await tempDatabase();
    const at = new Date('2026-03-27T23:59:59.123Z');
    await temp.db.write((tx) => tx.person.create({ data: { id: 'w01', affiliation: 'contractor', name: 'x', deactivatedAt: at } }));
    expect((await temp.db.read.person.findUniqueOrThrow({ where: { id: 'w01' } })).deactivatedAt).toEqual(at);
    const raw = await temp.db.statements((sql) => sql.get<{ at: unknown }>('SELECT "deactivatedAt" AS "at" FROM "Person"'));
    expect(new Date(raw!.at as string).getTime()).toBe(at.getTime());
  });

  it('rolls back a transaction of plain statements that fails, and the write lock is free again after it', async () => {
    temp = await tempDatabase();
    await expect(
      temp.db.statements(async (sql) => {
        await sql.run(`INSERT INTO "Person" ("id", "affiliation", "name", "updatedAt") VALUES (?, 'contractor', 'x', ?)`, 'w09', new Date());
        throw new Error('boom');
      }, { transaction: true }),
    ).rejects.toThrow('boom');
    expect(await temp.db.read.person.count()).toBe(0);
    await temp.db.write((tx) => tx.person.create({ data: { id: 'w02', affiliation: 'contractor', name: 'y' } }));
    expect(await temp.db.read.person.count()).toBe(1);
  });

  it('refuses to change or delete audit rows, and (PostgreSQL) to truncate them', async () => {
    temp = await encryptedTempDatabase();
    await temp.db.write((tx) => tx.auditLog.create({ data: { actorId: 'w01', channel: 'cli', action: 'test', entity: 'X', entityId: '1' } }));
    await expect(temp.db.statements((sql) => sql.run('UPDATE "AuditLog" SET "action" = ?', 'forged'))).rejects.toThrow(/append-only/);
    await expect(temp.db.statements((sql) => sql.run('DELETE FROM "AuditLog"'))).rejects.toThrow(/append-only/);
    if (TEST_DIALECT === 'postgres') await expect(temp.db.statements((sql) => sql.run('TRUNCATE "AuditLog"'))).rejects.toThrow(/cannot be truncated/);
    expect(await temp.db.read.auditLog.count()).toBe(1);
  });
});
