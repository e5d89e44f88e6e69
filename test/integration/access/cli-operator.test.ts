import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runCli } from '../../../src/cli/index.ts';
import type { TempDatabase } from '../../support/temp-db.ts';
import { encryptedTempDatabase, testKey } from '../../support/test-cipher.ts';
import { SAMPLE_UTF8_BOM } from '../../support/import-cli.ts';

let t: TempDatabase;
beforeEach(async () => {
  t = await encryptedTempDatabase();
});
afterEach(async () => {
  await t.dispose();
});

async function cli(argv: string[], extraEnv: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const env = { DATABASE_URL: t.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_DATA_KEY: testKey().key.toString('base64'), ...extraEnv };
  const code = await runCli(argv, { env, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const loadTeam = async () => expect((await cli(['staff', 'load', 'examples/staff.yaml', '--by', 'c01'])).code).toBe(0);

describe('CLI operator (--by / KAIHEISEN_OPERATOR): only the bureau or an admin imports and loads staff', () => {
  it('a fresh database accepts the first staff load and records the given operator in the audit log', async () => {
    await loadTeam();
    const actors = await t.db.read.auditLog.findMany({ select: { actorId: true, channel: true } });
    expect(actors.length).toBeGreaterThan(0);
    expect(new Set(actors.map((a) => `${a.actorId}/${a.channel}`))).toEqual(new Set(['c01/cli']));
  });

  it('refuses an import without an operator, naming whom to ask, and writes nothing', async () => {
    await loadTeam();
    const r = await cli(['import', SAMPLE_UTF8_BOM]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('--by');
    expect(r.err).toContain('KAIHEISEN_OPERATOR');
    expect(r.err).toContain('権限のある人: c01 想定 一郎、w01 架空 太郎');
    expect(await t.db.read.workOrder.count()).toBe(0);
    expect(await t.db.read.auditLog.count({ where: { entity: 'import' } })).toBe(0);
  });

  it('refuses a worker and an unknown or deactivated id with a Japanese message', async () => {
    await loadTeam();
    const worker = await cli(['import', SAMPLE_UTF8_BOM, '--by', 'w02']);
    expect(worker).toMatchObject({ code: 1 });
    expect(worker.err).toContain('w02 さんには作業データの取り込みの権限がありません');
    const unknown = await cli(['staff', 'load', 'examples/staff.yaml', '--by', 'x99']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('職員ID x99 は登録されていないか、無効化されています');
    expect(await t.db.read.workOrder.count()).toBe(0);
  });

  it('accepts the bureau contact and an admin, by option or by KAIHEISEN_OPERATOR, and audits them', async () => {
    await loadTeam();
    expect((await cli(['import', SAMPLE_UTF8_BOM, '--by', 'c01', '--json'])).code).toBe(0);
    expect((await cli(['staff', 'load', 'examples/staff.yaml'], { KAIHEISEN_OPERATOR: 'w01' })).code).toBe(0);
    expect((await cli(['import', SAMPLE_UTF8_BOM], { KAIHEISEN_OPERATOR: 'w01' })).code).toBe(0);
    const imports = await t.db.read.auditLog.findMany({ where: { entity: 'import' }, orderBy: { id: 'asc' } });
    expect(imports.map((a) => a.actorId)).toEqual(['c01', 'w01']);
    expect(await t.db.read.workOrder.count()).toBe(40);
  });

  it('--by wins over KAIHEISEN_OPERATOR', async () => {
    await loadTeam();
    const r = await cli(['import', SAMPLE_UTF8_BOM, '--by', 'w03'], { KAIHEISEN_OPERATOR: 'c01' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('w03 さん');
  });
});

describe('staff load and ID cards (spec 9(4))', () => {
  it('asks for the ID card of whoever the load deactivates', async () => {
    await loadTeam();
    const doc = parse(readFileSync('examples/staff.yaml', 'utf8')) as { people: { id: string }[]; defaultStaffing: { workers: string[] } };
    doc.people = doc.people.filter((p) => p.id !== 'w06');
    doc.defaultStaffing.workers = doc.defaultStaffing.workers.filter((id) => id !== 'w06');
    const path = join(t.dir, 'without-w06.yaml');
    writeFileSync(path, stringify(doc));
    const r = await cli(['staff', 'load', path, '--by', 'w01']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('無効化: w06');
    expect(r.out).toMatch(/w06 .*身分証明書 \(番号 KS-2025-006\) を局へ返却してください/);
    expect(r.out).toContain('idCard.returnedOn');
  });
});
