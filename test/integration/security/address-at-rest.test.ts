import { existsSync, readFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { sqlitePathFromUrl } from '../../../src/adapters/db/database.ts';
import { runCli } from '../../../src/cli/index.ts';
import { addAdmin, givePasswords, operatorEnv } from '../../support/operator.ts';
import { townOf } from '../../../src/domain/work-order/work-order.ts';
import { dispatchDay, SAMPLE_ORDERS, textsTo, type DispatchDay } from '../../support/dispatch-day.ts';
import { encryptedTempDatabase, testKey } from '../../support/test-cipher.ts';
import type { TempDatabase } from '../../support/temp-db.ts';

/** Addresses at rest (security annex art. 11, 16): the street part is encrypted, town and rounded coordinates are not. */
let day: DispatchDay | undefined;
let temp: TempDatabase | undefined;
afterEach(async () => {
  await day?.dispose();
  await temp?.dispose();
  day = undefined;
  temp = undefined;
});

interface SampleRow {
  orderNo: string;
  kind: string;
  address: string;
  latitude: number;
  longitude: number;
}

function sampleRows(): SampleRow[] {
  const [header, ...rows] = readFileSync(SAMPLE_ORDERS, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(','));
  const col = (name: string) => header!.indexOf(name);
  return rows.map((r) => ({
    orderNo: r[col('作業番号')]!,
    kind: r[col('作業種別')]!,
    address: r[col('住所')]!,
    latitude: Number(r[col('緯度')]),
    longitude: Number(r[col('経度')]),
  }));
}

/** The database file with its WAL: what a copied file would give away. */
function fileBytes(path: string): Buffer {
  return Buffer.concat([path, `${path}-wal`].filter(existsSync).map((p) => readFileSync(p)));
}

/** 石川県金沢市諸江町2丁目2-3 → 諸江町2丁目2-3: the town with its street and house number, which points at one house. */
const streetAddress = (address: string) => address.slice(address.indexOf(townOf(address)));
const rounded = (v: number) => Math.round(v * 1000) / 1000;

describe('addresses at rest', () => {
  it('the imported file keeps towns and rounded coordinates readable, no street address; the day card and a complaint still use it', async () => {
    day = await dispatchDay();
    const rows = sampleRows();
    const path = sqlitePathFromUrl(day.url);
    const bytes = fileBytes(path);
    expect(rows.filter((r) => bytes.includes(Buffer.from(streetAddress(r.address)))).map((r) => r.orderNo)).toEqual([]);
    expect(rows.filter((r) => !bytes.includes(Buffer.from(townOf(r.address)))).map((r) => r.orderNo)).toEqual([]);

    const raw = new BetterSqlite3(path, { readonly: true });
    try {
      const stored = raw.prepare('SELECT "orderNo", "address", "addressIndex", "town", "latitude", "longitude" FROM "WorkOrder" ORDER BY "orderNo"').all() as Record<string, string | number>[];
      expect(stored).toHaveLength(rows.length);
      for (const [i, row] of rows.entries()) {
        expect(stored[i]).toMatchObject({ orderNo: row.orderNo, town: townOf(row.address), latitude: rounded(row.latitude), longitude: rounded(row.longitude) });
        expect(stored[i]!.address).toMatch(/^enc:v1:/);
        expect(stored[i]!.addressIndex).toMatch(/^[\w-]{40,}$/);
      }
      expect(rows.some((r) => r.latitude !== rounded(r.latitude))).toBe(true); // the sample has more decimals than are kept
    } finally {
      raw.close();
    }

    const posted = await day.at('08:30');
    const first = rows[0]!;
    const holder = (await day.ctx.db.read.assignment.findFirstOrThrow({ where: { workOrder: { orderNo: first.orderNo } } })).personId;
    expect(textsTo(posted, holder).join('\n')).toContain(first.address.replace(/^石川県金沢市/, ''));

    const open = rows.find((r) => r.kind === '開栓')!;
    const typed = streetAddress(open.address).normalize('NFKC').replace(/(\d+)丁目/u, '$1-'); // 諸江町2-2-3, as a caller says it
    const session = day.bot.console!.session;
    await session.as('w01').say(`苦情 水が出ない ${typed}`, { channel: 'bureau' });
    const complaint = await day.ctx.db.read.complaint.findFirstOrThrow();
    const linked = await day.ctx.db.read.workOrder.findUniqueOrThrow({ where: { id: complaint.workOrderId! } });
    expect([linked.orderNo, complaint.address]).toEqual([open.orderNo, typed]);
    const rawComplaint = new BetterSqlite3(path, { readonly: true });
    try {
      expect((rawComplaint.prepare('SELECT "address" FROM "Complaint"').get() as { address: string }).address).toMatch(/^enc:v1:/);
    } finally {
      rawComplaint.close();
    }
  });

  it('an order written before addresses were encrypted reads as it is; `kaiheisen keys rotate` encrypts it, fills its index, rounds it', async () => {
    temp = await encryptedTempDatabase();
    const path = sqlitePathFromUrl(temp.url);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date()); // the CLI runs on the wall clock
    const raw = new BetterSqlite3(path);
    raw.prepare(`INSERT INTO "WorkOrder" ("orderNo", "kind", "scheduledDate", "address", "town", "latitude", "longitude", "contentHash", "updatedAt")
      VALUES ('OLD-1', 'open', ?, '石川県金沢市広坂1丁目1-1', '広坂', 36.5612345, 136.6567891, 'h', ?)`).run(today, new Date().toISOString());
    raw.close();
    expect((await temp.db.read.workOrder.findUniqueOrThrow({ where: { orderNo: 'OLD-1' } })).address).toBe('石川県金沢市広坂1丁目1-1');

    await givePasswords(temp.db, [await addAdmin(temp.db)]);
    const cli = async (...argv: string[]) => {
      let out = '';
      let err = '';
      const env = { DATABASE_URL: temp!.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_LOAD_EXAMPLES: 'false', KAIHEISEN_DATA_KEY: testKey().key.toString('base64'), KAIHEISEN_OPERATOR: 'a01', ...operatorEnv };
      const code = await runCli(argv, { env, out: (s) => (out += s), err: (s) => (err += s) });
      return { code, out, err };
    };
    // Before the rotation the old row has no index: the complaint still finds it, compared as read.
    const before = await cli('complaint', 'add', '--kind', 'noWater', '--address', '広坂1-1-1', '--description', '水が出ない', '--json');
    expect(before).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(before.out)).toMatchObject({ orderNo: 'OLD-1' });

    const rotated = await cli('keys', 'rotate');
    expect(rotated).toMatchObject({ code: 0, err: '' });
    const stored = new BetterSqlite3(path, { readonly: true });
    try {
      const row = stored.prepare(`SELECT "address", "addressIndex", "latitude", "longitude" FROM "WorkOrder" WHERE "orderNo" = 'OLD-1'`).get() as Record<string, unknown>;
      expect(row).toMatchObject({ latitude: 36.561, longitude: 136.657 });
      expect(row.address).toMatch(/^enc:v1:/);
      expect(row.addressIndex).toMatch(/^[\w-]{40,}$/);
      const complaint = stored.prepare('SELECT "address" FROM "Complaint"').get() as { address: string };
      expect(complaint.address).toMatch(/^enc:v1:/);
    } finally {
      stored.close();
    }
    const after = await cli('complaint', 'add', '--kind', 'noWater', '--address', '金沢市広坂１丁目１番１号', '--description', '水が出ない', '--json');
    expect(JSON.parse(after.out)).toMatchObject({ orderNo: 'OLD-1' });
    expect((await temp.db.read.workOrder.findUniqueOrThrow({ where: { orderNo: 'OLD-1' } })).address).toBe('石川県金沢市広坂1丁目1-1');
  });
});
