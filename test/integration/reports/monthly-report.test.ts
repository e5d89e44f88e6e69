import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderReportPdf } from '../../../src/adapters/pdf/pdf-renderer.ts';
import { FontSubsetter } from '../../../src/adapters/pdf/fonts.ts';
import { A4 } from '../../../src/adapters/pdf/page-cursor.ts';
import { buildMonthlyReport, monthlyReportDocument } from '../../../src/application/reports/build-monthly-report.ts';
import { runCli } from '../../../src/cli/index.ts';
import { tokyoInstant } from '../../../src/domain/calendar/local-time.ts';
import { TEST_CONTRACTOR } from '../../support/contractor.ts';
import { csvRows, monthlyReportDeps } from '../../support/monthly-report-deps.ts';
import { darkPixelsIn, hasPdftoppm, renderPageGray } from '../../support/pdf-ink.ts';
import { hasRow, pdfPageItems, pdfText } from '../../support/pdf-text.ts';
import { seedMonth, TABLE1 } from '../../support/table1-year.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';
import { addAdmin, givePasswords, operatorEnv } from '../../support/operator.ts';

let t: TempDatabase;
beforeEach(async () => {
  t = await tempDatabase();
  // The operator of the report commands: a bureau admin, outside every team and roster of these reports.
  await addAdmin(t.db, 'a01', 'bureau');
  await givePasswords(t.db, ['a01']);
});
afterEach(async () => t.dispose());

async function seedCases(): Promise<void> {
  await t.db.write(async (tx) => {
    await tx.person.create({ data: { id: 'w01', affiliation: 'contractor', name: '試験 一郎' } });
    await tx.meterMovement.createMany({
      data: [
        { date: '2026-03-03', kind: 'install', diameterMm: 13 },
        { date: '2026-03-10', kind: 'replace', diameterMm: 20 },
        { date: '2026-03-11', kind: 'remove', diameterMm: 40 },
      ],
    });
    await tx.doubt.create({
      data: { raisedById: 'w01', text: 'メーター番号が端末と異なる', chainSnapshot: '[]', state: 'resolved', raisedAt: tokyoInstant('2026-03-04', '10:12'), resolvedAt: tokyoInstant('2026-03-04', '10:50') },
    });
    await tx.incident.create({ data: { reportedById: 'w01', description: '車両の軽い接触', occurredAt: tokyoInstant('2026-03-05', '14:03') } });
    const complaint = await tx.complaint.create({
      data: { kind: 'noWater', via: 'webhook', receivedAt: tokyoInstant('2026-03-06', '19:40'), description: '開栓後に水が出ない', state: 'resolved', acknowledgedAt: tokyoInstant('2026-03-06', '19:44'), resolvedAt: tokyoInstant('2026-03-06', '20:35') },
    });
    await tx.page.createMany({
      data: [
        { complaintId: complaint.id, personId: 'w01', round: 1, position: 1, sentAt: tokyoInstant('2026-03-06', '19:41'), outcome: 'timed_out' },
        { complaintId: complaint.id, personId: 'w01', round: 1, position: 2, sentAt: tokyoInstant('2026-03-06', '19:43'), outcome: 'acknowledged' },
      ],
    });
    await tx.parkingFee.createMany({ data: [{ date: '2026-03-03', personId: 'w01', amountYen: 300 }, { date: '2026-03-12', personId: 'w01', amountYen: 1200 }] });
    await tx.consumableUse.createMany({ data: [{ date: '2026-03-03', personId: 'w01', item: 'valvePin', quantity: 4 }, { date: '2026-03-04', personId: 'w01', item: 'seal', quantity: 1 }] });
  });
}

describe('monthly report', () => {
  it('runs from the CLI for March 2026 at table 1 volumes and writes the PDF and the CSV', async () => {
    const march = TABLE1[0];
    await seedMonth(t.db, '2026-03', { open: march.open, close: march.close, transfer: march.transfer, other: 0, notDone: 0 });
    const out: string[] = [];
    mkdirSync(join(t.dir, 'out'), { recursive: true }); // report outputs never create folders
    const pdfFile = join(t.dir, 'out', 'monthly.pdf');
    const csvFile = join(t.dir, 'out', 'monthly.csv');
    const code = await runCli(['report', 'monthly', '--month', '2026-03', '--out', pdfFile, '--csv', csvFile], {
      env: { DATABASE_URL: t.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_OPERATOR: 'a01', ...operatorEnv },
      out: (s) => out.push(s),
      err: (s) => out.push(s),
    });
    expect(out.join(''), out.join('')).toContain('令和8年3月分の月報を作成しました');
    expect(code).toBe(0);
    const pages = await pdfPageItems(new Uint8Array(readFileSync(pdfFile)));
    expect(hasRow(pages, ['令和8年3月', '3,035', '2,365', '4,254', '9,654', '0', '0'])).toBe(true);
    const total = csvRows(readFileSync(csvFile, 'utf8')).find((l) => l[0] === '月計');
    expect(total?.slice(2, 6)).toEqual(['3035', '2365', '4254', '9654']);
    expect(await runCli(['report', 'monthly', '--month', '2026-3', '--out', pdfFile], { env: { DATABASE_URL: t.url, KAIHEISEN_OPERATOR: 'a01', ...operatorEnv }, out: () => {}, err: () => {} })).toBe(1);
  });

  it('says データなし for an empty month, and still makes a valid PDF and CSV', async () => {
    const result = await buildMonthlyReport(monthlyReportDeps(t.db), { month: '2026-02' });
    expect(result.view.figures.hasData).toBe(false);
    const text = await pdfText(result.pdf);
    expect(text).toContain('データなし');
    expect(text).toContain('令和8年2月分');
    expect(result.csv).toContain('データなし');
    expect(csvRows(result.csv).find((l) => l[0] === '月計')?.slice(2).map(Number)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('lists meters by diameter, doubts, incidents, after-hours call-outs with times, fees and consumables', async () => {
    await seedCases();
    const deps = monthlyReportDeps(t.db, '2026-04-01T00:30:00Z', TEST_CONTRACTOR);
    const result = await buildMonthlyReport(deps, { month: '2026-03' });
    const pages = await pdfPageItems(result.pdf);
    const text = pages.flat().join('\n');
    expect(hasRow(pages, ['φ13', '1', '0', '0', '1'])).toBe(true);
    expect(hasRow(pages, ['合計', '1', '1', '1', '3'])).toBe(true);
    expect(hasRow(pages, ['3月4日 10:12', 'メーター番号が端末と異なる', '解決', '3月4日 10:50'])).toBe(true);
    expect(hasRow(pages, ['3月5日 14:03', '車両の軽い接触', '対応中'])).toBe(true);
    expect(hasRow(pages, ['3月6日 19:40', '水が出ない', '開栓後に水が出ない', '○', '2', '3月6日 19:44', '解決', '3月6日 20:35'])).toBe(true);
    expect(text).toContain('件数 1 件 (うち時間外出動 1 件、未完了 0 件)');
    expect(hasRow(pages, ['有料駐車場使用料 (2 件)', '1,500 円'])).toBe(true);
    expect(hasRow(pages, ['休止用ピン', '4'])).toBe(true);
    expect(text).toContain('株式会社 試験水道サービス');
    expect(text).toContain('提出日');
    expect(text).toContain('令和8年4月1日');
    const lines = csvRows(result.csv);
    expect(lines).toContainEqual(['件数', '時間外出動', '1']);
    expect(lines).toContainEqual(['経費・消耗品', '有料駐車場使用料 (円)', '1500']);
  });

  it('stores the report as kind monthly for the period, back to draft with an audit row when made again', async () => {
    const deps = monthlyReportDeps(t.db);
    const first = await buildMonthlyReport(deps, { month: '2026-03', actorId: 'admin', channel: 'cli' });
    await t.db.write((tx) => tx.report.update({ where: { id: first.reportId }, data: { state: 'sent' } }));
    const again = await buildMonthlyReport(deps, { month: '2026-03' });
    expect(again.reportId).toBe(first.reportId);
    const stored = await t.db.read.report.findUniqueOrThrow({ where: { id: first.reportId } });
    expect(stored).toMatchObject({ kind: 'monthly', period: '2026-03', state: 'draft' });
    expect(Buffer.from(stored.pdf!).equals(Buffer.from(again.pdf))).toBe(true);
    expect(JSON.parse(stored.content)).toMatchObject({ kind: 'monthly', periodLabel: '令和8年3月分' });
    const audit = await t.db.read.auditLog.findMany({ where: { entity: 'Report' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['report.generated', 'report.regenerated']);
    expect(audit[1]!.before).toContain('sent');
  });

  it.runIf(hasPdftoppm())('draws the cover and the monthly report with ink where the text is (needs pdftoppm)', async () => {
    await seedCases();
    const result = await buildMonthlyReport(monthlyReportDeps(t.db), { month: '2026-03' });
    const out = await renderReportPdf(monthlyReportDocument(result.view), new FontSubsetter());
    const [, height] = A4.portrait;
    for (const page of [0, 1]) {
      const image = renderPageGray(out.bytes, page + 1, 100);
      const boxes = out.textBoxes.filter((b) => b.page === page);
      expect(boxes.length).toBeGreaterThan(10);
      for (const box of boxes) expect(darkPixelsIn(image, box, height), box.text).toBeGreaterThan(0);
    }
  });
});
