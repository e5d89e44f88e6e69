import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/index.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';
import { givePasswords, operatorEnv } from '../../support/operator.ts';

let t: TempDatabase;
const env = () => ({ DATABASE_URL: t.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_OPERATOR: 'c01', ...operatorEnv });
const cli = (...argv: string[]) => runCli(argv, { env: env(), out: () => undefined, err: () => undefined });

beforeAll(async () => {
  t = await tempDatabase();
  await givePasswords(t.db);
  expect(await cli('staff', 'load', 'examples/staff.yaml')).toBe(0);
});
afterAll(async () => t.dispose());

describe('showing personal data on the command line is audited (art. 21-2)', () => {
  it('staff list and the after-hours roster leave who, which set and which fields — never the values', async () => {
    expect(await cli('staff', 'list', '--by', 'w01')).toBe(0);
    expect(await cli('roster', 'after-hours', '--date', '2026-03-27')).toBe(0);
    const rows = await t.db.read.auditLog.findMany({ where: { action: 'personalData.displayed' }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.actorId, r.channel, r.entityId])).toEqual([
      ['w01', 'cli', 'staff:list'],
      ['c01', 'cli', 'afterHours:2026-03-27'],
    ]);
    expect(JSON.parse(rows[1]!.after!)).toEqual({ fields: ['name', 'phone'], count: 2 });
    expect(rows.some((r) => /090-/.test(`${r.before}${r.after}`))).toBe(false);
  });
});
