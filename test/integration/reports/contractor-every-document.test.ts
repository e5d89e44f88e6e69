import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { createTrainingStore } from '../../../src/adapters/db/training-store.ts';
import { recordTraining } from '../../../src/application/staffing/trainings.ts';
import { runCli } from '../../../src/cli/index.ts';
import { givePasswords, operatorEnv } from '../../support/operator.ts';
import { pdfText } from '../../support/pdf-text.ts';
import { TINY_JPEG } from '../../support/photo-files.ts';
import { seedMonth } from '../../support/table1-year.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

/**
 * The contractor's details on every document to the bureau, as the CLI writes them from examples/staff.yaml:
 * a submission (届・依頼書・報告書・請求書) carries 所在地, 受注者名 and 代表者 with 印; an attachment (table, list,
 * chart, 日報) carries 受注者 and 代表者. Without the staff file's `contractor:`, each says what to set, with no 印.
 */
type Shape = 'submission' | 'attachment';
interface Doc {
  name: string;
  shape: Shape;
  argv: (out: string) => string[];
}

let incidentId = 0;
const DOCS: Doc[] = [
  { name: '選任届 (staffing)', shape: 'submission', argv: (o) => ['report', 'staffing', '--date', '2026-03-27', '--out', o, '--plain'] },
  { name: '結果報告書 + 月報 (monthly)', shape: 'submission', argv: (o) => ['report', 'monthly', '--month', '2026-03', '--out', o] },
  { name: '管理責任者及び従事者選任届', shape: 'submission', argv: (o) => ['report', 'security-officers', '--out', o, '--plain'] },
  { name: '作業場所届', shape: 'submission', argv: (o) => ['report', 'work-places', '--out', o] },
  { name: '情報システム利用者一覧 (a 届 by its wording)', shape: 'submission', argv: (o) => ['report', 'system-users', '--out', o, '--plain'] },
  { name: '個人情報漏えい等事故報告書', shape: 'submission', argv: (o) => ['report', 'privacy-incident', '--incident', String(incidentId), '--out', o, '--plain'] },
  { name: '身分証明書発行依頼書', shape: 'submission', argv: (o) => ['report', 'id-card-request', '--workers', 'w03', '--out', o, '--plain'] },
  { name: '別表1 (annual)', shape: 'attachment', argv: (o) => ['report', 'annual', '--fiscal-year', '2025', '--out', o] },
  { name: '連絡系統図', shape: 'attachment', argv: (o) => ['report', 'contact-chart', '--date', '2026-03-27', '--out', o, '--plain'] },
  { name: '材料受払簿 (consumables)', shape: 'attachment', argv: (o) => ['report', 'consumables', '--month', '2026-03', '--out', o] },
  { name: '日報', shape: 'attachment', argv: (o) => ['report', 'daily', '--date', '2026-03-27', '--out', o] },
];

let t: TempDatabase;

async function cli(operator: string, ...argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const env = { DATABASE_URL: t.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_OPERATOR: operator, ...operatorEnv };
  const code = await runCli(argv, { env, out: (s) => (out += s), err: (s) => (out += s) });
  return { code, out };
}

/** examples/staff.yaml with w03's photo, with or without its contractor section. */
function staffFile(name: string, withContractor: boolean): string {
  const doc = parse(readFileSync('examples/staff.yaml', 'utf8')) as { people: Record<string, unknown>[]; contractor?: unknown };
  doc.people = doc.people.map((p) => (p.id === 'w03' ? { ...p, photo: 'photos/w03.jpg' } : p));
  if (!withContractor) delete doc.contractor;
  const path = join(t.dir, name);
  writeFileSync(path, stringify(doc));
  return path;
}

const textOf = async (file: string) => (await pdfText(new Uint8Array(readFileSync(file)))).replace(/\s+/g, '');

beforeAll(async () => {
  t = await tempDatabase();
  await givePasswords(t.db);
  mkdirSync(join(t.dir, 'photos'));
  writeFileSync(join(t.dir, 'photos', 'w03.jpg'), TINY_JPEG);
  const loaded = await cli('c01', 'staff', 'load', staffFile('staff.yaml', true));
  expect(loaded.code, loaded.out).toBe(0);
  await seedMonth(t.db, '2026-03', { open: 12, close: 9, transfer: 4, other: 1, notDone: 2 });
  const deps = { trainings: createTrainingStore(t.db), clock: new VirtualClock('2026-03-10T06:00:00Z') };
  await recordTraining(deps, { personId: 'w03', scenario: '研修: 開閉栓業務の1日', scriptFile: 'examples/simulate/training.yaml', startedAt: new Date('2026-03-10T01:00:00Z'), passed: true, tasks: 5, tasksPassed: 5 }, { actorId: 'w03', channel: 'cli' });
  const incident = await t.db.write((tx) => tx.incident.create({ data: { reportedById: 'w03', description: 'モバイル端末 紛失', occurredAt: new Date('2026-03-27T01:00:00Z'), kind: 'terminalLost', terminal: 'mobile', locked: true } }));
  incidentId = incident.id;
}, 120_000);
afterAll(async () => t.dispose());

describe('the contractor on every document to the bureau', { timeout: 300_000 }, () => {
  it.each(DOCS)('$name ($shape) names the contractor and its representative', async ({ shape, argv }) => {
    const file = join(t.dir, `${shape}-${argv(String(incidentId))[1]}.pdf`);
    const run = await cli('w01', ...argv(file));
    expect(run.code, run.out).toBe(0);
    const text = await textOf(file);
    expect(text).toContain('株式会社見本水道サービス');
    expect(text).not.toContain('未設定です');
    if (shape === 'submission') {
      expect(text).toContain('所在地石川県金沢市見本町1-2-3');
      expect(text).toContain('代表者代表取締役見本一郎印');
    } else {
      expect(text).toContain('代表者代表取締役見本一郎');
      expect(text).not.toContain('代表取締役見本一郎印');
    }
  });

  it('without contractor:, staff load says the details are removed, and every document says what to set with no 印', async () => {
    const dry = await cli('w01', 'staff', 'load', staffFile('staff-none.yaml', false), '--dry-run');
    expect(dry.code, dry.out).toBe(0);
    expect(dry.out).toContain('削除 (予定): 受注者の情報');
    expect(await t.db.read.contractorDetails.count()).toBe(1);
    const load = await cli('w01', 'staff', 'load', staffFile('staff-none.yaml', false));
    expect(load.code, load.out).toBe(0);
    expect(load.out).toContain('削除: 受注者の情報 — 職員ファイルに contractor: がないため、保存していた受注者名・代表者・所在地・契約番号・単価を削除しました');
    expect(load.out).not.toMatch(/置き換え: [^\n]*受注者の情報/u);
    expect(await t.db.read.contractorDetails.count()).toBe(0);
    expect((await cli('w01', 'staff', 'load', staffFile('staff-none.yaml', false))).out).not.toContain('受注者の情報');
    for (const doc of DOCS) {
      const file = join(t.dir, `unset-${doc.argv('')[1]}.pdf`);
      const run = await cli('w01', ...doc.argv(file));
      expect(run.code, `${doc.name}: ${run.out}`).toBe(0);
      const text = await textOf(file);
      expect(text, doc.name).toContain('受注者名が未設定です（職員ファイルのcontractor.name）');
      expect(text, doc.name).toContain('代表者が未設定です（職員ファイルのcontractor.representative）');
      if (doc.shape === 'submission') expect(text, doc.name).toContain('所在地が未設定です（職員ファイルのcontractor.address）');
      expect(text, doc.name).not.toContain('contractor.representative）印');
    }
  });
});
