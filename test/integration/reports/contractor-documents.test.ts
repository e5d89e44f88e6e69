import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runCli } from '../../../src/cli/index.ts';
import type { InvoiceView } from '../../../src/application/reports/invoice-view.ts';
import type { MonthlyReportView } from '../../../src/application/reports/monthly-report-view.ts';
import { givePasswords, operatorEnv } from '../../support/operator.ts';
import { pdfText } from '../../support/pdf-text.ts';
import { seedMonth } from '../../support/table1-year.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';
import { csvRows } from '../../support/monthly-report-deps.ts';

let t: TempDatabase;
beforeEach(async () => {
  t = await tempDatabase();
  await givePasswords(t.db);
});
afterEach(async () => t.dispose());

/** The CLI as a script runs it; w01 (an admin of the example team) is the operator once the staff file is loaded. */
async function cli(operator: string, ...argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const env = { DATABASE_URL: t.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_OPERATOR: operator, ...operatorEnv };
  const code = await runCli(argv, { env, out: (s) => (out += s), err: (s) => (out += s) });
  return { code, out };
}

/** examples/staff.yaml, its contractor section edited (undefined: removed). */
function staffFile(edit: (contractor: Record<string, unknown>) => Record<string, unknown> | undefined = (c) => c): string {
  const doc = parse(readFileSync('examples/staff.yaml', 'utf8')) as Record<string, unknown>;
  const contractor = edit(doc.contractor as Record<string, unknown>);
  if (contractor) doc.contractor = contractor;
  else delete doc.contractor;
  const path = join(t.dir, 'staff.yaml');
  writeFileSync(path, stringify(doc));
  return path;
}

async function loadAndSeed(file: string): Promise<void> {
  expect((await cli('c01', 'staff', 'load', file)).code).toBe(0);
  await seedMonth(t.db, '2026-03', { open: 31, close: 22, transfer: 13, other: 2, notDone: 3 });
  await t.db.write((tx) =>
    tx.meterMovement.createMany({
      data: [
        { date: '2026-03-03', kind: 'install', diameterMm: 13 },
        { date: '2026-03-09', kind: 'install', diameterMm: 20 },
        { date: '2026-03-10', kind: 'replace', diameterMm: 20 },
        { date: '2026-03-11', kind: 'remove', diameterMm: 40 },
      ],
    }),
  );
}

const out = (name: string) => join(t.dir, name);
const textOf = async (file: string) => (await pdfText(new Uint8Array(readFileSync(file)))).replace(/\s+/g, '');
const storedView = async <T>(kind: string) => JSON.parse((await t.db.read.report.findFirstOrThrow({ where: { kind } })).content) as T;

describe('the contractor section of the staff file on every document', { timeout: 180_000 }, () => {
  it('is stored on staff load, shown by staff list, and printed with 代表者 and 印 on the 月報, the 選任届 and the 請求書', async () => {
    await loadAndSeed(staffFile());
    expect((await cli('w01', 'staff', 'list')).out).toContain('受注者: 株式会社 見本水道サービス　代表者: 代表取締役 見本 一郎');
    expect((await cli('w01', 'report', 'monthly', '--month', '2026-03', '--out', out('m.pdf'))).code).toBe(0);
    expect((await cli('w01', 'report', 'staffing', '--date', '2026-03-27', '--out', out('s.pdf'), '--plain')).code).toBe(0);
    const invoice = await cli('w01', 'report', 'invoice', '--month', '2026-03', '--out', out('i.pdf'), '--csv', out('i.csv'));
    expect(invoice.out).toContain('令和8年3月分の請求書を');
    expect(invoice.code).toBe(0);
    for (const file of ['m.pdf', 's.pdf', 'i.pdf']) {
      const text = await textOf(out(file));
      expect(text, file).toContain('株式会社見本水道サービス');
      expect(text, file).toContain('代表者代表取締役見本一郎印');
      expect(text, file).toContain('所在地石川県金沢市見本町1-2-3');
      expect(text, file).not.toContain('未設定');
    }
    const invoiceText = await textOf(out('i.pdf'));
    expect(invoiceText).toContain('金沢市企業局長様');
    expect(invoiceText).toContain('契約番号見本第0001号');
    expect(invoiceText).toContain('請求日令和');
    expect(invoiceText).toContain('令和8年3月1日～令和8年3月31日');
  });

  it('bills exactly the counts of the month\'s 月報, with the tax rounded down', async () => {
    await loadAndSeed(staffFile());
    await cli('w01', 'report', 'monthly', '--month', '2026-03', '--out', out('m.pdf'));
    await cli('w01', 'report', 'invoice', '--month', '2026-03', '--out', out('i.pdf'), '--csv', out('i.csv'));
    const monthly = await storedView<MonthlyReportView>('monthly');
    const invoice = await storedView<InvoiceView>('invoice');
    const billed = Object.fromEntries(invoice.figures.lines.map((l) => [l.kind, l.count]));
    const { totals, meterTotals } = monthly.figures;
    expect(billed).toEqual({ open: totals.open, close: totals.close, transfer: totals.transfer, meterInstall: meterTotals.install, meterReplace: meterTotals.replace, meterRemove: meterTotals.remove });
    expect(billed.meterInstall).toBe(2);
    const subtotal = totals.open * 1200 + totals.close * 1100 + totals.transfer * 800 + 2 * 2500 + 3000 + 2000;
    expect(invoice.figures).toMatchObject({ subtotalYen: subtotal, taxYen: Math.floor(subtotal / 10), totalYen: subtotal + Math.floor(subtotal / 10) });
    const csv = readFileSync(out('i.csv'), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csvRows(csv)).toContainEqual(['開栓作業', String(totals.open), '1200', String(totals.open * 1200)]);
    expect(csvRows(csv)).toContainEqual(['合計', '', '', String(invoice.figures.totalYen)]);
  });

  it('without the section, the documents say what to set and the invoice is refused naming the keys', async () => {
    await loadAndSeed(staffFile(() => undefined));
    expect((await cli('w01', 'staff', 'list')).out).toContain('受注者の情報: 未設定');
    await cli('w01', 'report', 'monthly', '--month', '2026-03', '--out', out('m.pdf'));
    await cli('w01', 'report', 'staffing', '--date', '2026-03-27', '--out', out('s.pdf'), '--plain');
    for (const file of ['m.pdf', 's.pdf']) {
      const text = await textOf(out(file));
      expect(text, file).toContain('受注者名が未設定です（職員ファイルのcontractor.name）');
      expect(text, file).toContain('代表者が未設定です（職員ファイルのcontractor.representative）');
      expect(text, file).not.toContain('（受注者名）');
    }
    const refused = await cli('w01', 'report', 'invoice', '--month', '2026-03', '--out', out('i.pdf'));
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('請求書を作成できません');
    expect(refused.out).toContain('contractor.name, contractor.representative, contractor.address, contractor.unitPrices.open');
  });

  it('refuses the invoice while a needed unit price is missing, naming each key; a wrong price is refused on load', async () => {
    await loadAndSeed(staffFile((c) => ({ ...c, unitPrices: { open: 1200, close: 1100 } })));
    const refused = await cli('w01', 'report', 'invoice', '--month', '2026-03', '--out', out('i.pdf'));
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('contractor.unitPrices.transfer, contractor.unitPrices.meterInstall, contractor.unitPrices.meterReplace, contractor.unitPrices.meterRemove');
    const bad = await cli('c01', 'staff', 'load', staffFile((c) => ({ ...c, unitPrices: { open: -1 }, taxRatePercent: 8.5 })));
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('単価は 0 以上の整数 (円) で指定してください');
    expect(bad.out).toContain('消費税率は 0〜100 の整数 (%) で指定してください');
  });

  it('replaces the stored details on load and removes them when the section is gone, with an audit row each time', async () => {
    expect((await cli('c01', 'staff', 'load', staffFile())).code).toBe(0);
    expect((await cli('w01', 'staff', 'load', staffFile((c) => ({ ...c, name: '株式会社 見本第二' })))).code).toBe(0);
    expect((await t.db.read.contractorDetails.findMany()).map((r) => r.name)).toEqual(['株式会社 見本第二']);
    expect((await cli('w01', 'staff', 'load', staffFile(() => undefined))).code).toBe(0);
    expect(await t.db.read.contractorDetails.count()).toBe(0);
    const audits = await t.db.read.auditLog.findMany({ where: { action: 'contractor.replace' }, orderBy: { id: 'asc' } });
    expect(audits).toHaveLength(3);
    expect(audits.map((a) => a.after ?? '').join('')).not.toContain('見本 一郎');
  });

  it('REPORT_CONTRACTOR_NAME is no longer read: still set, the CLI says so once on stderr and names contractor.name', async () => {
    let err = '';
    const env = { DATABASE_URL: t.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_OPERATOR: 'c01', REPORT_CONTRACTOR_NAME: '株式会社 旧設定', ...operatorEnv };
    expect(await runCli(['staff', 'load', staffFile(() => undefined)], { env, out: () => undefined, err: (s) => (err += s) })).toBe(0);
    expect(err.split('REPORT_CONTRACTOR_NAME')).toHaveLength(2);
    expect(err).toContain('職員ファイルの contractor.name');
    await runCli(['report', 'monthly', '--month', '2026-03', '--out', out('m.pdf')], { env: { ...env, KAIHEISEN_OPERATOR: 'w01' }, out: () => undefined, err: () => undefined });
    const text = await textOf(out('m.pdf'));
    expect(text).not.toContain('旧設定');
    expect(text).toContain('受注者名が未設定です');
  });
});
