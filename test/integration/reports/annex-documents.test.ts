import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRow, pdfPageItems, pdfText } from '../../support/pdf-text.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';
import { givePasswords, runCliAs } from '../../support/operator.ts';

/**
 * The security annex's documents from the CLI as an operator runs it, on a real database loaded with
 * examples/staff.yaml: 第3条 security-officers, 第4条 work-places, 第19条 system-users, 第23条 privacy-incident.
 * w01 admin + security officer + supervisor, c01 bureau (prints reports), w03 a worker (refused).
 */
let t: TempDatabase;
const WORKER = 'w03';
/** The example staff file without its workPlaces section: the first load has none set. */
const example = readFileSync('examples/staff.yaml', 'utf8').replace(/\nworkPlaces:\n(?: {2}- .*\n)+/u, '\n');
const WORK_PLACES = `
workPlaces:
  - { name: 本社事務所, address: 金沢市試験町1-1, purpose: 作業データの振り分け, storage: true }
  - { name: 車両 (作業車), address: 金沢市内の作業現場, purpose: モバイル端末の携行 }
`;

const cli = (argv: string[], by = 'c01') => runCliAs(t.url, by, argv);

const file = (name: string) => join(t.dir, name);
const pdfOf = async (name: string) => pdfText(new Uint8Array(readFileSync(file(name))));

beforeAll(async () => {
  t = await tempDatabase();
  await givePasswords(t.db, ['w01', 'c01', WORKER]);
  expect(example).not.toContain('workPlaces:\n');
  writeFileSync(file('staff-no-places.yaml'), example);
  const loaded = await cli(['staff', 'load', file('staff-no-places.yaml')]);
  expect(loaded.code, loaded.err).toBe(0);
});
afterAll(async () => t.dispose());

describe('report work-places (第4条)', () => {
  it('says which staff-file key to set while none is, then prints the places once loaded', async () => {
    const missing = await cli(['report', 'work-places', '--out', file('places0.pdf')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('workPlaces');
    expect(existsSync(file('places0.pdf'))).toBe(false);

    // The second load also ends w06's work (deactivated: listed as such in 第19条).
    const ended = example.replace('name: 模擬 健太', 'name: 模擬 健太\n    active: false').replace('workers: [w01, w02, w03, w04, w05, w06]', 'workers: [w01, w02, w03, w04, w05]');
    writeFileSync(file('staff.yaml'), ended + WORK_PLACES);
    const load = await cli(['staff', 'load', file('staff.yaml')]);
    expect(load.code, load.err).toBe(0);
    expect(load.out).toContain('作業場所・保管場所');
    const done = await cli(['report', 'work-places', '--out', file('places.pdf')]);
    expect(done.code, done.err).toBe(0);
    const pages = await pdfPageItems(new Uint8Array(readFileSync(file('places.pdf'))));
    expect(pages[0]).toContain('作業場所及び保管場所届');
    expect(hasRow(pages, ['1', '本社事務所', '金沢市試験町1-1', '作業データの振り分け', '有'])).toBe(true);
    expect(hasRow(pages, ['2', '車両 (作業車)', '金沢市内の作業現場', 'モバイル端末の携行', '無'])).toBe(true);
  });
});

describe('report security-officers (第3条)', () => {
  it('lists the security officer, admins, supervisors and workers with phones, and draws the chart', async () => {
    const run = await cli(['report', 'security-officers', '--out', file('officers.pdf'), '--plain']);
    expect(run.code, run.err).toBe(0);
    const pages = await pdfPageItems(new Uint8Array(readFileSync(file('officers.pdf'))));
    expect(pages[0]).toContain('管理責任者及び従事者選任届');
    expect(hasRow(pages, ['管理責任者', '架空 太郎', '班長', '090-0000-0001'])).toBe(true);
    expect(hasRow(pages, ['業務責任者', '仮野 次郎', '090-0000-0002'])).toBe(true);
    expect(hasRow(pages, ['従事者', '試験 花子', '090-0000-0003'])).toBe(true);
    const text = pages.flat().join('\n');
    expect(text).toContain('個人情報及び情報資産の安全管理に関する責任体制図');
    expect(text).toContain('管理責任者: 架空 太郎');
    expect(text).not.toContain('模擬 健太'); // deactivated
    // Two documents, each numbered on its own pages: the list, then the chart.
    expect(pages).toHaveLength(2);
    for (const page of pages) expect(page).toContain('1 / 1');
    expect(pages[1]).toContain('個人情報及び情報資産の安全管理に関する責任体制図');
  });

  it('is written as an AES zip by default and the export is audited', async () => {
    const run = await cli(['report', 'security-officers', '--out', file('officers-z.pdf'), '--print-password']);
    expect(run.code, run.err).toBe(0);
    expect(existsSync(file('officers-z.pdf.zip'))).toBe(true);
    expect(existsSync(file('officers-z.pdf'))).toBe(false);
    const audit = await t.db.read.auditLog.findMany({ where: { action: 'report.exported' } });
    expect(audit.map((a) => JSON.parse(a.after ?? '{}') as { kind: string; format: string }).filter((a) => a.kind === 'securityOfficers').map((a) => a.format)).toEqual(['plain', 'aes-zip']);
  });

  it('is refused to a worker (printReports)', async () => {
    const run = await cli(['report', 'security-officers', '--out', file('refused.pdf'), '--plain'], WORKER);
    expect(run.code).toBe(1);
    expect(existsSync(file('refused.pdf'))).toBe(false);
  });
});

describe('report system-users (第19条)', () => {
  it('PDF and CSV: chat ids per platform, OS user, roles, permissions, the deactivated with their date', async () => {
    const run = await cli(['report', 'system-users', '--out', file('users.pdf'), '--plain']);
    expect(run.code, run.err).toBe(0);
    const text = await pdfOf('users.pdf');
    expect(text).toContain('情報システム利用者一覧');
    expect(text).toContain('console: w01 / slack: UW01');
    expect(text).toContain('役割ごとの権限');
    const csv = readFileSync(file('users.csv'), 'utf8');
    expect(csv.startsWith('\uFEFF職員コード,氏名,所属,役割')).toBe(true);
    const lines = csv.split('\r\n');
    expect(lines.find((l) => l.startsWith('w01,'))).toContain('システム管理者・業務責任者・従事者');
    expect(lines.find((l) => l.startsWith('w01,'))).toContain('暗号鍵の管理');
    expect(lines.find((l) => l.startsWith('w03,'))).toContain('作業結果の記録 (担当分)');
    expect(lines.find((l) => l.startsWith('w03,'))).not.toContain('帳票の作成');
    expect(lines.find((l) => l.startsWith('c01,'))).toContain('発注者 (局)');
    expect(lines.find((l) => l.startsWith('c01,'))).not.toContain('作業結果の記録');
    expect(lines.find((l) => l.startsWith('w06,'))).toMatch(/利用停止 \(令和\d+年\d+月\d+日\)/u);
  });
});

describe('report privacy-incident (第23条)', () => {
  async function lostTerminal(): Promise<number> {
    const row = await t.db.write((tx) =>
      tx.incident.create({
        data: { reportedById: 'w03', description: 'モバイル端末 紛失 ロック済', occurredAt: new Date('2026-03-27T01:00:00Z'), kind: 'terminalLost', terminal: 'mobile', locked: true },
      }),
    );
    return row.id;
  }

  it('prefills what the record knows, takes 件数 and 内容 from the options, leaves the rest as marked blanks', async () => {
    const id = await lostTerminal();
    const full = await cli(['report', 'privacy-incident', '--incident', String(id), '--records', '12', '--content', '氏名・住所', '--out', file('p1.pdf'), '--plain']);
    expect(full.code, full.err).toBe(0);
    expect(full.out).toContain('空欄 1か所'); // 発生場所: the record has none
    const text = await pdfOf('p1.pdf');
    for (const s of ['個人情報漏えい等事故報告書', `作業用端末の紛失 #${id}`, '令和8年3月27日 10:00', '試験 花子', 'モバイル端末 紛失 ロック済', '画面ロック: ロックあり', '12件', '氏名・住所']) {
      expect(text).toContain(s);
    }

    const blank = await cli(['report', 'privacy-incident', '--incident', String(id), '--out', file('p2.pdf'), '--plain']);
    expect(blank.code, blank.err).toBe(0);
    expect(blank.out).toContain('空欄 3か所');
    const blankText = await pdfOf('p2.pdf');
    expect(blankText).toContain('空欄は記録から分からない事項です');
    expect(blankText).not.toContain('件数\n0件');
  });

  it('refuses an unknown record, a bad count and a worker', async () => {
    expect((await cli(['report', 'privacy-incident', '--incident', '999', '--out', file('p3.pdf'), '--plain'])).err).toContain('#999 が見つかりません');
    expect((await cli(['report', 'privacy-incident', '--incident', '1', '--records', '-3', '--out', file('p4.pdf'), '--plain'])).code).not.toBe(0);
    expect((await cli(['report', 'privacy-incident', '--incident', '1', '--out', file('p5.pdf'), '--plain'], WORKER)).code).toBe(1);
    expect(existsSync(file('p5.pdf'))).toBe(false);
  });
});
