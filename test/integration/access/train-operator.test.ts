import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokyoDate } from '../../../src/domain/calendar/local-time.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';
import { givePasswords, runCliAs } from '../../support/operator.ts';

/**
 * `kaiheisen train --worker ID` records a training that qualifies the worker for an ID card (spec 9(1)), so it checks
 * its operator (roles.ts runTraining): the trainee themself, that day's supervisor, the bureau or an admin. The audit
 * names the operator, the Training row the trainee. examples/staff.yaml: w01 admin, w02 may supervise, w03–w05 workers.
 */
let t: TempDatabase;
let input = '';

beforeAll(async () => {
  t = await tempDatabase();
  expect((await runCliAs(t.url, 'nobody', ['staff', 'load', 'examples/staff.yaml'])).code).toBe(0);
  await givePasswords(t.db, ['w01', 'w02', 'w03', 'w04', 'c01']);
  // Today w02 supervises (not w01, who is also admin); --force: today may be a closed day.
  const today = tokyoDate(new Date());
  const roster = await runCliAs(t.url, 'c01', ['roster', 'set', '--date', today, '--workers', 'w02,w03,w04,w05', '--supervisor', 'w02', '--force']);
  expect(roster.code, roster.err).toBe(0);
  input = join(t.dir, 'input.txt');
  writeFileSync(input, '残り\n'); // one line, then the input ends: recorded as not passed
});
afterAll(async () => t.dispose());

const train = (by: string, worker: string, ...more: string[]) => runCliAs(t.url, by, ['train', '--worker', worker, '--input', input, ...more]);

describe('kaiheisen train: who may record a training for whom', () => {
  it('a worker may not play (and so record) another worker\'s training: refused before anything is played, audited', async () => {
    const r = await train('w03', 'w04');
    expect(r.code).toBe(1);
    expect(r.err).toContain('w03 さんには「研修の実施 (本人・その日の業務責任者・局・管理者)」の権限がありません');
    expect(r.out).toBe('');
    expect(await t.db.read.training.count()).toBe(0);
    const refused = await t.db.read.auditLog.findMany({ where: { action: 'operator.refused', entityId: 'runTraining' } });
    expect(refused.map((a) => a.actorId)).toEqual(['w03']);
  });

  it.each([
    ['the trainee themself', 'w04', 'w04'],
    ['the day\'s supervisor', 'w02', 'w05'],
    ['the bureau', 'c01', 'w03'],
    ['an admin', 'w01', 'w05'],
  ])('%s: recorded for the trainee, audited as the operator', async (_who, by, worker) => {
    const r = await train(by, worker);
    expect(r.code).toBe(1); // the input ended after one line: not passed, recorded as such
    expect(r.err).toContain('未修了');
    const row = await t.db.read.training.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(row).toMatchObject({ personId: worker, passed: false });
    const audit = await t.db.read.auditLog.findFirstOrThrow({ where: { action: 'training.recorded', entityId: String(row.id) } });
    expect(audit.actorId).toBe(by);
    expect(JSON.parse(audit.after!)).toMatchObject({ personId: worker });
  });

  it('--password-stdin needs the trainee\'s lines from --input', async () => {
    const r = await runCliAs(t.url, 'w04', ['train', '--worker', 'w04', '--password-stdin']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('--input FILE');
  });
});
