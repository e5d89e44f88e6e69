import { lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodePng } from '../support/png-decode.ts';
import { runCli } from '../../src/cli/index.ts';
import { tempDatabase, type TempDatabase } from '../support/temp-db.ts';
import { SAMPLE_DATE, insertDefaultStaff, insertOrders, readSampleOrders } from '../support/sample-work-orders.ts';
import { BUREAU_OFFICE } from '../../src/domain/assignment/geo.ts';
import { routeKmOf } from '../support/assignment-orders.ts';
import { givePasswords, operatorEnv } from '../support/operator.ts';

interface AssignJson {
  date: string;
  workers: { personId: string; count: number; workload: number; routeKm: number; orders: string[] }[];
  unassigned: string[];
}

let t: TempDatabase;
/** Audit rows of the data, without the operator's access rows (operator.allowed / operator.refused). */
const CHANGES = { where: { NOT: { action: { startsWith: 'operator.' } } } };

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    env: { DATABASE_URL: t.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_OPERATOR: 's01', ...operatorEnv },
    out: (s) => (out += s),
    err: (s) => (err += s),
  });
  return { code, out, err };
}

async function assignJson(...extra: string[]): Promise<AssignJson> {
  const r = await cli('assign', '--date', SAMPLE_DATE, '--json', ...extra);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as AssignJson;
}

const holderOf = (plan: AssignJson, orderNo: string) => plan.workers.find((w) => w.orders.includes(orderNo))?.personId;

async function storedVisitOrders() {
  const rows = await t.db.read.assignment.findMany({ orderBy: [{ personId: 'asc' }, { visitOrder: 'asc' }] });
  const byWorker = new Map<string, number[]>();
  for (const r of rows) byWorker.set(r.personId, [...(byWorker.get(r.personId) ?? []), r.visitOrder]);
  return { rows, byWorker };
}

beforeEach(async () => {
  t = await tempDatabase();
  await givePasswords(t.db);
  await insertOrders(t.db, readSampleOrders());
  await insertDefaultStaff(t.db, [{ id: 's01', supervisor: true }, { id: 'w01' }, { id: 'w02' }, { id: 'w03' }, { id: 'w04' }]);
  // The operator of these runs: the day's supervisor, also an admin (who may assign a day without a supervisor).
  await t.db.write((tx) => tx.person.update({ where: { id: 's01' }, data: { isAdmin: true } }));
});

afterEach(async () => {
  await t.dispose();
});

describe('kaiheisen assign (sample day of 40 orders)', () => {
  it('assigns every order once to the four workers, balanced, with short routes; the supervisor stays at the office', async () => {
    const plan = await assignJson();
    expect(plan.date).toBe(SAMPLE_DATE);
    expect(plan.workers.map((w) => w.personId)).toEqual(['w01', 'w02', 'w03', 'w04']);
    expect(plan.unassigned).toEqual([]);
    const all = plan.workers.flatMap((w) => w.orders);
    expect(new Set(all).size).toBe(40);
    const loads = plan.workers.map((w) => w.workload);
    expect(loads.reduce((s, l) => s + l, 0)).toBe(42); // 38 readings + 2 meter works (weight 2)
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(2);
    const sample = readSampleOrders();
    const importKm = [0, 1, 2, 3].reduce((s, w) => {
      const run = sample.slice(w * 10, w * 10 + 10).map((o) => ({ latitude: o.latitude!, longitude: o.longitude! }));
      return s + routeKmOf(run, BUREAU_OFFICE);
    }, 0);
    const ours = plan.workers.reduce((s, w) => s + w.routeKm, 0);
    expect(ours).toBeLessThan(importKm * 0.5);

    const { rows, byWorker } = await storedVisitOrders();
    expect(rows).toHaveLength(40);
    for (const numbers of byWorker.values()) expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    const audits = await t.db.read.auditLog.findMany(CHANGES);
    expect(audits.map((a) => a.action)).toEqual(['assignment.run']);
    expect(audits[0]!.entityId).toBe(SAMPLE_DATE);
  });

  it('prints a readable summary, and the same plan again when run twice', async () => {
    const first = await cli('assign', '--date', SAMPLE_DATE);
    expect(first.code).toBe(0);
    expect(first.out).toContain('2026-03-27 の振り分け (既定の配置による)');
    expect(first.out).toMatch(/^w01 作業者w01: \d+件 \/ 負荷 \d+ \/ 移動 [\d.]+ km$/m);
    expect(first.out).toMatch(/^合計: 40件 \/ 負荷 42 \/ 移動 [\d.]+ km \(作業者 4 名\)$/m);
    expect(first.out).not.toMatch(/石川 大輔|090-0000/); // no customer data in the listing
    const again = await cli('assign', '--date', SAMPLE_DATE);
    expect(again.out).toBe(first.out);
  });

  it('writes the plan map with --map FILE (0600, pixels only) and prints its legend by row', async () => {
    const path = join(t.dir, 'plan-map.png');
    const r = await cli('assign', '--date', SAMPLE_DATE, '--map', path);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`振り分け地図を書き出しました: ${path}`);
    expect(r.out).toMatch(/^ {2}1\. w01 赤●\n {2}2\. w02 青■\n {2}3\. w03 緑▲\n {2}4\. w04 橙◆$/m);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const png = decodePng(readFileSync(path));
    expect([png.width, png.height, png.chunkTypes]).toEqual([960, 720, ['IHDR', 'IDAT', 'IEND']]);

    type Legend = { row: number; personId: string; colour: string; shape: string; drawnStops: number };
    const json = JSON.parse((await cli('assign', '--date', SAMPLE_DATE, '--json', '--map', path)).out) as AssignJson & { map: { path: string; notDrawn: number; legend: Legend[] } };
    expect(json.map).toMatchObject({ path, notDrawn: 0 });
    expect(json.map.legend[1]).toEqual({ row: 2, personId: 'w02', colour: 'blue', shape: 'square', drawnStops: json.workers[1]!.count, estimatedStops: 0 });
    expect(json.map.legend.reduce((n, l) => n + l.drawnStops, 0)).toBe(40);
  });

  it.each([
    ['an empty value', () => '', /--map には書き出す地図の PNG ファイル名/],
    ['an option taken as the value (--map --json)', () => '--json', /--map の値 "--json" はオプションのようです/],
    ['a name not ending in .png', () => join(t.dir, 'plan.jpg'), /\.png で終わる名前/],
    ['a folder', () => join(t.dir, 'folder.png'), /--map の .* はフォルダです/],
    ['a folder that cannot be created', () => '/proc/kaiheisen-nope/x.PNG', /フォルダ "\/proc\/kaiheisen-nope" を作れないか、書き込めません \(ENOENT\)/],
    ['a file where its folder should be', () => join(t.dir, 'db-file-as-folder', 'x.png'), /を作れないか、書き込めません \(ENOTDIR\)/],
  ])('refuses --map with %s before assigning anything', async (_, target, message) => {
    writeFileSync(join(t.dir, 'db-file-as-folder'), 'x');
    mkdirSync(join(t.dir, 'folder.png'));
    const r = await cli('assign', '--date', SAMPLE_DATE, '--map', target());
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.err).not.toContain('予期しない');
    expect(r.out).toBe('');
    expect(await t.db.read.assignment.count()).toBe(0);
  });

  it('replaces a symlink at the --map target instead of writing through it, and accepts .PNG', async () => {
    const elsewhere = join(t.dir, 'elsewhere.txt');
    writeFileSync(elsewhere, 'keep');
    const path = join(t.dir, 'plan.PNG');
    symlinkSync(elsewhere, path);
    const r = await cli('assign', '--date', SAMPLE_DATE, '--map', path);
    expect(r.code).toBe(0);
    expect(readFileSync(elsewhere, 'utf8')).toBe('keep');
    expect(lstatSync(path).isSymbolicLink()).toBe(false);
    expect(decodePng(readFileSync(path)).width).toBe(960);
  });

  it('moves an order (pinned), re-plans both workers, and a re-run keeps pins and visited orders', async () => {
    const before = await assignJson();
    const orderNo = before.workers[0]!.orders[0]!;
    const from = before.workers[0]!.personId;
    const moved = await cli('assign', 'move', orderNo, '--to', 'w04', '--by', 's01');
    expect(moved.code).toBe(0);
    expect(moved.out).toContain(`${orderNo} を ${from} から w04`);
    const row = await t.db.read.assignment.findFirst({ where: { workOrder: { orderNo } } });
    expect(row).toMatchObject({ personId: 'w04', pinned: true });
    const { byWorker } = await storedVisitOrders();
    for (const numbers of byWorker.values()) expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    const moveAudit = await t.db.read.auditLog.findFirst({ where: { action: 'assignment.move' } });
    expect(JSON.parse(moveAudit!.before!)).toMatchObject({ personId: from, pinned: false });
    expect(JSON.parse(moveAudit!.after!)).toMatchObject({ personId: 'w04', pinned: true });

    // w02 has visited its first order; the supervisor re-runs the assignment.
    const visitedNo = before.workers[1]!.orders[0]!;
    const visited = await t.db.read.workOrder.findUniqueOrThrow({ where: { orderNo: visitedNo } });
    await t.db.write((tx) => tx.taskResult.create({ data: { workOrderId: visited.id, personId: 'w02', outcome: 'done', channel: 'cli' } }));
    const after = await assignJson();
    expect(holderOf(after, orderNo)).toBe('w04');
    expect(holderOf(after, visitedNo)).toBe('w02');
    expect(after.workers.find((w) => w.personId === 'w02')!.orders[0]).toBe(visitedNo);
    expect(new Set(after.workers.flatMap((w) => w.orders)).size).toBe(40);
    const loads = after.workers.map((w) => w.workload);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(2);
    expect((await t.db.read.assignment.findFirst({ where: { workOrder: { orderNo } } }))!.pinned).toBe(true);
    expect(await t.db.read.auditLog.count(CHANGES)).toBe(3);
  });

  it('a re-run after one 振替 keeps almost every order with its worker, as balanced and hardly longer', async () => {
    const first = await assignJson();
    const moved = await cli('assign', 'move', '20260327-0012', '--to', 'w03', '--by', 's01');
    expect(moved.code).toBe(0);
    const again = await assignJson();
    const all = first.workers.flatMap((w) => w.orders);
    const changedWorker = all.filter((o) => holderOf(first, o) !== holderOf(again, o));
    expect(holderOf(again, '20260327-0012')).toBe('w03');
    expect(changedWorker.length).toBeLessThanOrEqual(4); // was 21 of 40 before a re-run kept the holders
    const loads = again.workers.map((w) => w.workload);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(2);
    const km = (plan: AssignJson) => plan.workers.reduce((s, w) => s + w.routeKm, 0);
    expect(km(again)).toBeLessThanOrEqual(km(first) * 1.05);
    const run = await t.db.read.auditLog.findFirst({ where: { action: 'assignment.run' }, orderBy: { id: 'desc' } });
    expect(JSON.parse(run!.after!).changed).toBeLessThan(30); // rows whose worker or visit order changed; was 39
  });

  it('refuses to move an order with a result, to an unknown worker, or to someone not on duty', async () => {
    await assignJson();
    const order = await t.db.read.workOrder.findUniqueOrThrow({ where: { orderNo: '20260327-0001' } });
    await t.db.write((tx) => tx.taskResult.create({ data: { workOrderId: order.id, personId: 'w01', outcome: 'done', channel: 'cli' } }));
    await t.db.write((tx) => tx.person.create({ data: { id: 'w09', affiliation: 'contractor', name: '非番 太郎' } }));

    const withResult = await cli('assign', 'move', '20260327-0001', '--to', 'w02', '--by', 's01');
    expect(withResult.code).toBe(1);
    expect(withResult.err).toContain('すでに結果が登録されているため、移せません');
    const unknown = await cli('assign', 'move', '20260327-0002', '--to', 'w99', '--by', 's01');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('作業者 w99 は登録されていません');
    const offDuty = await cli('assign', 'move', '20260327-0002', '--to', 'w09', '--by', 's01');
    expect(offDuty.code).toBe(1);
    expect(offDuty.err).toContain('w09 (非番 太郎) は 2026-03-27 の勤務者ではありません');
    const notSupervisor = await cli('assign', 'move', '20260327-0002', '--to', 'w02', '--by', 'w03');
    expect(notSupervisor.code, notSupervisor.out + notSupervisor.err).toBe(1);
    expect(notSupervisor.err).toContain('権限');
    const noOrder = await cli('assign', 'move', '20260327-9999', '--to', 'w02', '--by', 's01');
    expect(noOrder.code).toBe(1);
    expect(noOrder.err).toContain('作業番号 20260327-9999 の作業データはありません');
    expect(await t.db.read.auditLog.count(CHANGES)).toBe(1); // only the run: refusals change nothing
  });

  it('gives no orders to a worker whose ID card on record expired or was returned, says why, and refuses to move one to them (spec 9(3))', async () => {
    await t.db.write(async (tx) => {
      await tx.person.update({ where: { id: 'w02' }, data: { idCardNumber: 'KS-2', idCardExpiresOn: '2026-03-26' } });
      await tx.person.update({ where: { id: 'w03' }, data: { idCardNumber: 'KS-3', idCardExpiresOn: '2027-03-31', idCardReturnedOn: '2026-03-01' } });
      await tx.person.update({ where: { id: 'w04' }, data: { idCardNumber: 'KS-4', idCardExpiresOn: '2026-04-10' } }); // expiring soon: works
    });
    const plan = (await assignJson()) as AssignJson & { leftOut: { personId: string; cardState: string }[] };
    expect(plan.workers.map((w) => w.personId)).toEqual(['w01', 'w04']);
    expect(plan.workers.reduce((n, w) => n + w.count, 0)).toBe(40);
    expect(plan.leftOut).toEqual([
      { personId: 'w02', cardState: 'expired' },
      { personId: 'w03', cardState: 'returned' },
    ]);
    const text = await cli('assign', '--date', SAMPLE_DATE);
    expect(text.out).toContain('w02 作業者w02: 身分証明書が有効期限切れのため、振り分けていません');
    const move = await cli('assign', 'move', '20260327-0002', '--to', 'w02', '--by', 's01');
    expect(move.code).toBe(1);
    expect(move.err).toContain('身分証明書が有効期限切れのため、作業を渡せません');

    // Nobody on duty may work: nothing is assigned, and every order is named as not assigned.
    await t.db.write((tx) => tx.person.updateMany({ where: { id: { in: ['s01', 'w01', 'w04'] } }, data: { idCardNumber: 'KS-x', idCardExpiresOn: '2026-01-31' } }));
    const none = await assignJson();
    expect(none.workers).toEqual([]);
    expect(none.unassigned).toHaveLength(40);
    expect(await t.db.read.assignment.count()).toBe(0);
  });

  it('gives supervisors orders when asked, or when nobody else is on duty (and says so)', async () => {
    const withSupervisor = await assignJson('--include-supervisors');
    expect(withSupervisor.workers.map((w) => w.personId)).toEqual(['s01', 'w01', 'w02', 'w03', 'w04']);
    expect(withSupervisor.workers.every((w) => w.count > 0)).toBe(true);

    await t.db.write((tx) => tx.dailyStaffing.create({ data: { date: SAMPLE_DATE, personId: 's01', isSupervisor: true } }));
    const alone = await cli('assign', '--date', SAMPLE_DATE);
    expect(alone.code).toBe(0);
    expect(alone.out).toContain('作業者配置表による');
    expect(alone.out).toContain('業務責任者以外の勤務者がいないため');
    expect(alone.out).toMatch(/^s01 作業者s01: 40件/m);
  });

  it('uses the day staffing over the default one', async () => {
    await t.db.write((tx) =>
      tx.dailyStaffing.createMany({
        data: [
          { date: SAMPLE_DATE, personId: 'w01' },
          { date: SAMPLE_DATE, personId: 'w03' },
          { date: SAMPLE_DATE, personId: 'w02', onDuty: false },
        ],
      }),
    );
    const plan = await assignJson();
    expect(plan.workers.map((w) => w.personId)).toEqual(['w01', 'w03']);
    expect(plan.workers.map((w) => w.workload)).toEqual([21, 21]);
  });

  it('stops on a closed day or when nobody is on duty; says so when there is nothing to assign', async () => {
    const closed = await cli('assign', '--date', '2026-12-31');
    expect(closed.code).toBe(1);
    expect(closed.err).toContain('2026-12-31 は休業日です');
    const empty = await cli('assign', '--date', '2026-03-28');
    expect(empty.code).toBe(0);
    expect(empty.out).toContain('2026-03-28 に振り分ける作業データはありません');
    const badDate = await cli('assign', '--date', '2026-02-30');
    expect(badDate.code).toBe(1);
    expect(badDate.err).toContain('YYYY-MM-DD');
    await t.db.write((tx) => tx.defaultStaffing.deleteMany());
    const nobody = await cli('assign', '--date', SAMPLE_DATE);
    expect(nobody.code).toBe(1);
    expect(nobody.err).toContain('2026-03-27 の勤務者がいません');
    expect(await t.db.read.assignment.count()).toBe(0);
    expect(await t.db.read.auditLog.count(CHANGES)).toBe(0);
  });
});
