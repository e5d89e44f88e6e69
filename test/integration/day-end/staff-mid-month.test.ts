import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runCli } from '../../../src/cli/index.ts';
import { seedOrders, seedResults } from '../../support/day-end-world.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';
import { givePasswords, operatorEnv } from '../../support/operator.ts';

let t: TempDatabase;
beforeEach(async () => {
  t = await tempDatabase();
  await givePasswords(t.db);
});
afterEach(async () => t.dispose());

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const env = { DATABASE_URL: t.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_OPERATOR: 'w01', ...operatorEnv };
  const code = await runCli(argv, { env, out: (s) => (out += s), err: (s) => (err += s) });
  expect(err, err).toBe('');
  expect(code).toBe(0);
  return out;
}

type Doc = { people: Record<string, unknown>[]; defaultStaffing: { workers: string[]; supervisors: string[] } } & Record<string, unknown>;

/** The example team, w03 leaving (active: false) and w07 joining, as the staff file says on the day of the change. */
function changedTeam(): string {
  const doc = parse(readFileSync('examples/staff.yaml', 'utf8')) as Doc;
  const w03 = doc.people.find((p) => p.id === 'w03')!;
  w03.active = false;
  doc.people.push({ ...w03, id: 'w07', name: '新人 七郎', active: true, idCard: { number: 'KS-2026-007', expiresOn: '2027-03-31' }, chat: { console: 'w07' } });
  for (const range of doc.afterHoursRoster as { people: string[] }[]) range.people = range.people.map((id) => (id === 'w03' ? 'w07' : id));
  doc.defaultStaffing.workers = [...doc.defaultStaffing.workers.filter((id) => id !== 'w03'), 'w07'];
  const path = join(t.dir, 'staff-changed.yaml');
  writeFileSync(path, stringify(doc));
  return path;
}

/** The example team as the office prepares it on 3/1: w03 works until 3/16, w07 from 3/20 (loaded once). */
function datedTeam(): string {
  const doc = parse(readFileSync('examples/staff.yaml', 'utf8')) as Doc;
  const w03 = doc.people.find((p) => p.id === 'w03')!;
  w03.until = '2026-03-16';
  doc.people.push({ ...w03, id: 'w07', name: '新人 七郎', until: undefined, from: '2026-03-20', idCard: { number: 'KS-2026-007', expiresOn: '2027-03-31' }, chat: { console: 'w07' } });
  doc.defaultStaffing.workers = [...doc.defaultStaffing.workers, 'w07'];
  const path = join(t.dir, 'staff-dated.yaml');
  writeFileSync(path, stringify(doc));
  return path;
}

async function refused(...argv: string[]): Promise<string> {
  let err = '';
  const env = { DATABASE_URL: t.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_OPERATOR: 'w01', ...operatorEnv };
  const code = await runCli(argv, { env, out: () => undefined, err: (s) => (err += s) });
  expect(code).not.toBe(0);
  return err;
}

const assigned = async (date: string) => JSON.parse(await cli('assign', '--date', date, '--json')) as { workers: { personId: string; orders: string[] }[] };
const workersOf = (plan: { workers: { personId: string; orders: string[] }[] }) => plan.workers.filter((w) => w.orders.length > 0).map((w) => w.personId).sort();

describe('staff joining and leaving in the middle of a month', () => {
  it('someone leaving keeps their done work in the day and month reports and is not dispatched after; someone joining is dispatched from their start', async () => {
    await cli('staff', 'load', 'examples/staff.yaml');
    const orders = Array.from({ length: 10 }, (_, i) => ({ n: String(i + 1).padStart(4, '0'), to: null, kind: 'close' as const }));
    await seedOrders(t.db, orders, '2026-03-16');
    await seedOrders(t.db, orders, '2026-03-17');
    const first = await assigned('2026-03-16');
    expect(workersOf(first)).toContain('w03');
    const w03Order = first.workers.find((w) => w.personId === 'w03')!.orders[0]!;
    await seedResults(t.db, [{ n: w03Order.slice(-4), by: 'w03', outcome: 'done', time: '11:00' }], '2026-03-16');

    // The day's report, made that evening: the leaver's done work is theirs.
    await cli('report', 'daily', '--date', '2026-03-16', '--out', join(t.dir, 'daily.pdf'));
    const view = JSON.parse((await t.db.read.report.findFirstOrThrow({ where: { kind: 'daily', period: '2026-03-16' } })).content) as { workers: { name: string; done: number; onDuty: boolean }[] };
    expect(view.workers.find((w) => w.name === '試験 花子')).toMatchObject({ done: 1, onDuty: true });

    // The staff file as it stands from 3/17: w03 left, w07 joined.
    await cli('staff', 'load', changedTeam());
    const second = await assigned('2026-03-17');
    expect(workersOf(second)).not.toContain('w03');
    expect(workersOf(second)).toContain('w07');
    expect(await t.db.read.assignment.count({ where: { date: '2026-03-16', personId: 'w03', workOrder: { orderNo: w03Order } } })).toBe(1);

    await cli('report', 'monthly', '--month', '2026-03', '--out', join(t.dir, 'monthly.pdf'));
    const monthly = JSON.parse((await t.db.read.report.findFirstOrThrow({ where: { kind: 'monthly', period: '2026-03' } })).content) as { figures: { totals: { close: number } } };
    expect(monthly.figures.totals.close).toBe(1);
  });

  it('a staff file loaded once with dates: the leaver works until their last day, the joiner from their first, and past reports stay as they were', async () => {
    await cli('staff', 'load', datedTeam());
    const days = ['2026-03-16', '2026-03-17', '2026-03-19', '2026-03-20'];
    const orders = Array.from({ length: 14 }, (_, i) => ({ n: String(i + 1).padStart(4, '0'), to: null, kind: 'close' as const }));
    for (const day of days) await seedOrders(t.db, orders, day);
    const plans = new Map<string, Awaited<ReturnType<typeof assigned>>>();
    for (const day of days) plans.set(day, await assigned(day));
    expect(workersOf(plans.get('2026-03-16')!)).toContain('w03');
    expect(workersOf(plans.get('2026-03-17')!)).not.toContain('w03');
    expect(workersOf(plans.get('2026-03-19')!)).not.toContain('w07');
    expect(workersOf(plans.get('2026-03-20')!)).toContain('w07');
    expect(workersOf(plans.get('2026-03-20')!)).not.toContain('w03');

    // Rostering someone outside their dates is refused, naming them.
    expect(await refused('roster', 'set', '--date', '2026-03-19', '--workers', 'w01,w07', '--supervisor', 'w01')).toContain('w07 は 2026-03-19 に勤務できません (勤務期間 2026-03-20〜)');
    expect(await refused('roster', 'set', '--date', '2026-03-17', '--workers', 'w01,w03', '--supervisor', 'w01')).toContain('(勤務期間 〜2026-03-16)');

    const w03Order = plans.get('2026-03-16')!.workers.find((w) => w.personId === 'w03')!.orders[0]!;
    await seedResults(t.db, [{ n: w03Order.slice(-4), by: 'w03', outcome: 'done', time: '11:00' }], '2026-03-16');

    // The 3/16 report, built after the leaver's last day: their work is theirs and they were on duty.
    await cli('report', 'daily', '--date', '2026-03-16', '--out', join(t.dir, 'daily.pdf'));
    const view = JSON.parse((await t.db.read.report.findFirstOrThrow({ where: { kind: 'daily', period: '2026-03-16' } })).content) as { workers: { name: string; done: number; onDuty: boolean }[] };
    expect(view.workers.find((w) => w.name.startsWith('試験 花子'))).toMatchObject({ name: '試験 花子', done: 1, onDuty: true });
    expect(JSON.stringify(view)).not.toContain('配置外');

    await cli('report', 'monthly', '--month', '2026-03', '--out', join(t.dir, 'monthly.pdf'));
    const monthly = JSON.parse((await t.db.read.report.findFirstOrThrow({ where: { kind: 'monthly', period: '2026-03' } })).content) as { figures: { totals: { close: number } } };
    expect(monthly.figures.totals.close).toBe(1);
  });
});
