import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/index.ts';
import { tempDatabase, type TempDatabase } from '../support/temp-db.ts';
import { SAMPLE_DATE, insertDefaultStaff, insertOrders, readSampleOrders } from '../support/sample-work-orders.ts';
import { givePasswords, operatorEnv } from '../support/operator.ts';

// The disk fills up between the check of the --map target and the writing of the picture.
vi.mock('../../src/adapters/private-files.ts', async (original) => ({
  ...(await original<typeof import('../../src/adapters/private-files.ts')>()),
  replacePrivateFileAtomically: () => {
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  },
}));

let t: TempDatabase;
beforeEach(async () => {
  t = await tempDatabase();
  await givePasswords(t.db);
  await insertOrders(t.db, readSampleOrders());
  await insertDefaultStaff(t.db, [{ id: 's01', supervisor: true }, { id: 'w01' }, { id: 'w02' }]);
});
afterEach(async () => {
  await t.dispose();
});

it('prints the plan and says the map could not be written (exit 1) when writing it fails after assigning', async () => {
  let out = '';
  let err = '';
  const path = join(t.dir, 'maps', 'plan.png');
  const code = await runCli(['assign', '--date', SAMPLE_DATE, '--map', path], {
    env: { DATABASE_URL: t.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_OPERATOR: 's01', ...operatorEnv },
    out: (s) => (out += s),
    err: (s) => (err += s),
  });
  expect(code).toBe(1);
  expect(out).toMatch(/w01/);
  expect(out).not.toContain('振り分け地図を書き出しました');
  expect(err).toContain(`振り分けは登録しましたが、地図を書き出せませんでした: ${path} (ENOSPC)`);
  expect(err).not.toContain('予期しない');
  expect(await t.db.read.assignment.count()).toBeGreaterThan(0);
  expect(readdirSync(join(t.dir, 'maps'))).toEqual([]);
});
