import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/index.ts';
import { openDatabase } from '../../../src/adapters/db/open-database.ts';
import type { TempDatabase } from '../../support/temp-db.ts';
import { encryptedTempDatabase, testKey } from '../../support/test-cipher.ts';
import { SAMPLE_UTF8_BOM } from '../../support/import-cli.ts';
import { givePasswords, operatorEnv } from '../../support/operator.ts';

/**
 * Every CLI command that reads or changes protected data checks the authenticated operator's role (security annex
 * art. 18, 19; the table in docs/operations-runbook.md): refused for a worker, allowed for its role, both audited.
 * examples/staff.yaml: w01 admin (and the day's supervisor), c01 bureau, w03 a worker.
 */
let t: TempDatabase;
const WORKER = 'w03';

async function cli(argv: string[], by: string) {
  let out = '';
  let err = '';
  const env = { DATABASE_URL: t.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_DATA_KEY: testKey().key.toString('base64'), KAIHEISEN_OPERATOR: by, ...operatorEnv };
  const code = await runCli(argv, { env, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

beforeAll(async () => {
  t = await encryptedTempDatabase();
  await givePasswords(t.db, ['w01', 'c01', WORKER]);
  expect((await cli(['staff', 'load', 'examples/staff.yaml'], 'c01')).code).toBe(0);
  expect((await cli(['import', SAMPLE_UTF8_BOM], 'c01')).code).toBe(0);
});
afterAll(async () => {
  await t.dispose();
});

const out = (name: string) => join(t.dir, name);

/** [label, command line, action of roles.ts, who may (null: only the refusal is run here; its own test runs it)]. */
const COMMANDS: [string, () => string[], string, string | null][] = [
  ['import', () => ['import', SAMPLE_UTF8_BOM, '--dry-run'], 'importOrders', 'c01'],
  ['staff load', () => ['staff', 'load', 'examples/staff.yaml', '--dry-run'], 'changeContactChart', 'c01'],
  ['staff list', () => ['staff', 'list'], 'viewStaffContacts', 'c01'],
  ['roster set', () => ['roster', 'set', '--date', '2026-03-30', '--workers', 'w01,w02', '--supervisor', 'w01'], 'changeStaffing', 'c01'],
  ['roster reset', () => ['roster', 'reset', '--date', '2026-03-30'], 'changeStaffing', 'c01'],
  ['roster override', () => ['roster', 'override', '--date', '2026-03-27', '--clear'], 'changeStaffing', 'c01'],
  ['roster after-hours', () => ['roster', 'after-hours', '--date', '2026-03-27'], 'viewStaffContacts', 'c01'],
  ['assign', () => ['assign', '--date', '2026-03-27'], 'dispatchDay', 'w01'],
  ['assign move', () => ['assign', 'move', '20260327-0001', '--to', 'w02'], 'reassignOrder', 'w01'],
  ['post-day', () => ['post-day', '--date', '2026-03-27', '--console', '--json'], 'dispatchDay', 'w01'],
  ['complaint add', () => ['complaint', 'add', '--kind', 'other', '--address', '石川県金沢市諸江町2丁目2-3', '--description', '確認のための苦情'], 'receiveComplaints', 'c01'],
  ['report staffing', () => ['report', 'staffing', '--date', '2026-03-27', '--out', out('staffing.pdf'), '--print-password'], 'printReports', 'c01'],
  ['report daily', () => ['report', 'daily', '--date', '2026-03-27', '--out', out('daily.pdf')], 'printReports', null],
  ['report monthly', () => ['report', 'monthly', '--month', '2026-03', '--out', out('monthly.pdf')], 'printReports', null],
  ['report consumables', () => ['report', 'consumables', '--month', '2026-03', '--out', out('consumables.pdf')], 'printReports', 'c01'],
  ['export', () => ['export', '--out', out('handover'), '--print-password'], 'exportData', 'w01'],
  ['backup', () => ['backup', '--out', out('backup.db.enc')], 'manageBackups', 'w01'],
  ['purge', () => ['purge', '--before', '2020-01-01', '--dry-run'], 'purgeRecords', 'w01'],
  ['keys status', () => ['keys', 'status'], 'manageKeys', 'w01'],
  ['keys rotate', () => ['keys', 'rotate'], 'manageKeys', 'w01'],
  ['keys retire', () => ['keys', 'retire', 'k0'], 'manageKeys', null],
  ['audit', () => ['audit', '--from', '2026-01-01', '--to', '2030-12-31'], 'reviewAudit', 'w01'],
  ['deliveries retry', () => ['deliveries', 'retry', '1'], 'retryDeliveries', null],
  ['events retry', () => ['events', 'retry', '1'], 'manageParkedEvents', null],
  // Last: it replaces the database (--force: this test holds it open).
  ['restore', () => ['restore', out('backup.db.enc'), '--force'], 'manageBackups', 'w01'],
];

/**
 * Commands whose success writes no row of its own, only operator.allowed: a dry run, a status, clearing a night that
 * had no override, the morning post (its messages are the record) and a report without personal data.
 */
const WRITES_NOTHING = new Set(['import', 'staff load', 'purge', 'keys status', 'roster override', 'post-day', 'report consumables']);
const successAudited = (argv: string[]) => !WRITES_NOTHING.has(COMMANDS.find(([, a]) => a().join(' ') === argv.join(' '))![0]);

/** Who the restored database's own record of the restore names (a new connection: the file was replaced). */
async function restoredBy(): Promise<string | null | undefined> {
  const db = await openDatabase(t.url, { cipher: t.db.cipher });
  try {
    return (await db.read.auditLog.findFirst({ where: { action: 'database.restored' }, orderBy: { id: 'desc' } }))?.actorId;
  } finally {
    await db.close();
  }
}

describe('protected CLI commands: refused for a worker, allowed for their role', () => {
  it.each(COMMANDS)('%s', async (_label, argv, action, allowed) => {
    const refusedBefore = await t.db.read.auditLog.count({ where: { action: 'operator.refused', actorId: WORKER, entityId: action } });
    const refused = await cli(argv(), WORKER);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`${WORKER} さんには`);
    expect(refused.err).toContain('権限がありません');
    expect(await t.db.read.auditLog.count({ where: { action: 'operator.refused', actorId: WORKER, entityId: action } })).toBe(refusedBefore + 1);
    if (allowed === null) return;
    const lastBefore = (await t.db.read.auditLog.aggregate({ _max: { id: true } }))._max.id ?? 0;
    const run = await cli(argv(), allowed);
    expect(run.err.includes('権限がありません') ? run.err : '').toBe('');
    expect(run.code, run.err).toBe(0);
    if (argv()[0] === 'restore') return expect(await restoredBy()).toBe(allowed); // the rows before it are in the replaced file (.bak)
    expect(await t.db.read.auditLog.count({ where: { action: 'operator.allowed', actorId: allowed, entityId: action } })).toBeGreaterThan(0);
    // Every row the command wrote names the operator, its own success included: never 「(システム)」.
    const written = await t.db.read.auditLog.findMany({ where: { id: { gt: lastBefore } }, orderBy: { id: 'asc' } });
    expect(written.filter((a) => a.actorId !== allowed).map((a) => `${a.action} ${a.actorId}`)).toEqual([]);
    expect(written.some((a) => a.action !== 'operator.allowed'), written.map((a) => a.action).join()).toBe(successAudited(argv()));
  });
});
