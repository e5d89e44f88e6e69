import { describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { tempDatabase } from '../support/temp-db.ts';
import { sqlitePathFromUrl } from '../../src/adapters/db/database.ts';
import { openDatabase } from '../../src/adapters/db/open-database.ts';
import { prepareDatabaseFile } from '../../src/adapters/db/sqlite/sqlite-database.ts';

describe('database', () => {
  it('creates, migrates and sets WAL and a busy timeout on a fresh file', async () => {
    const t = await tempDatabase();
    try {
      const [mode] = await t.db.prisma.$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode');
      const [busy] = await t.db.prisma.$queryRawUnsafe<{ timeout: bigint }[]>('PRAGMA busy_timeout');
      expect(mode?.journal_mode).toBe('wal');
      expect(Number(busy?.timeout)).toBeGreaterThanOrEqual(1000);
      expect(prepareDatabaseFile(sqlitePathFromUrl(t.url))).toEqual([]);
    } finally {
      await t.dispose();
    }
  });

  it('keeps a funnelled write when another transaction rolls back', async () => {
    const t = await tempDatabase();
    try {
      const failing = t.db.write(async (tx) => {
        await tx.person.create({ data: { id: 'x1', affiliation: 'contractor', name: 'ロールバック' } });
        await new Promise((r) => setImmediate(r));
        throw new Error('boom');
      });
      const kept = t.db.write((tx) => tx.person.create({ data: { id: 'x2', affiliation: 'contractor', name: '残る' } }));
      await expect(failing).rejects.toThrow('boom');
      await kept;
      const ids = (await t.db.read.person.findMany()).map((p) => p.id);
      expect(ids).toEqual(['x2']);
    } finally {
      await t.dispose();
    }
  });

  it('records migrations in the table prisma migrate reads', async () => {
    const t = await tempDatabase();
    try {
      await t.db.close();
      const raw = new BetterSqlite3(sqlitePathFromUrl(t.url));
      const rows = raw.prepare('SELECT migration_name, finished_at FROM _prisma_migrations').all() as { migration_name: string }[];
      raw.close();
      expect(rows.map((r) => r.migration_name)).toContain('20261125000000_init');
      t.db = await openDatabase(t.url);
    } finally {
      await t.dispose();
    }
  });

  it('refuses a non-file DATABASE_URL with a clear message', () => {
    expect(() => sqlitePathFromUrl('postgres://x')).toThrow(/file:/);
  });
});
