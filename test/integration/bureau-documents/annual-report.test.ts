import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { register as registerReport } from '../../../src/cli/commands/report.ts';
import { formatEraMonth } from '../../../src/domain/reports/japanese-era.ts';
import { runCommand, testContext } from '../../support/command-runner.ts';
import { csvRows } from '../../support/monthly-report-deps.ts';
import { addAdmin, asOperator } from '../../support/operator.ts';
import { hasRow, pdfPageItems } from '../../support/pdf-text.ts';
import { seedTable1Year, TABLE1, TABLE1_TOTAL } from '../../support/table1-year.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

const fmt = (n: number) => n.toLocaleString('en-US');

/** `report annual` at the volumes of the spec's table 1 (2025-03 … 2026-02): the same twelve rows and total row. */
describe('report annual', () => {
  let t: TempDatabase;
  let months: string[];
  beforeAll(async () => {
    t = await tempDatabase();
    months = await seedTable1Year(t.db, '2025-03');
    await addAdmin(t.db, 'a01', 'bureau');
    await t.db.write((tx) => tx.person.create({ data: { id: 'w03', affiliation: 'contractor', name: '試験 花子' } }));
  }, 120_000);
  afterAll(async () => t.dispose());

  const ctxAs = (operator: string) => asOperator(testContext(t.db, new VirtualClock('2026-03-02T00:00:00Z')), operator);

  it('reproduces table 1 in the PDF and the CSV with --from 2025-03', async () => {
    const pdf = join(t.dir, 'annual.pdf');
    const csv = join(t.dir, 'annual.csv');
    const run = await runCommand(registerReport, ['report', 'annual', '--from', '2025-03', '--out', pdf, '--csv', csv], await ctxAs('a01'));
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('令和7年3月～令和8年2月の年間集計表を作成しました');
    const pages = await pdfPageItems(new Uint8Array(readFileSync(pdf)));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('（単位：件）');
    expect(hasRow(pages, ['月', '開栓作業件数', '閉栓作業件数', '名変作業件数', '合計'])).toBe(true);
    TABLE1.forEach((row, i) => {
      expect(hasRow(pages, [formatEraMonth(months[i]!), fmt(row.open), fmt(row.close), fmt(row.transfer), fmt(row.total)])).toBe(true);
    });
    const total = TABLE1_TOTAL;
    expect(hasRow(pages, ['合計', '19,645', '20,210', '17,251', '57,106'])).toBe(true);
    expect([total.open, total.close, total.transfer, total.total].map(fmt)).toEqual(['19,645', '20,210', '17,251', '57,106']);

    const text = readFileSync(csv, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = csvRows(text);
    expect(lines[0]).toEqual(['月', '開栓作業件数', '閉栓作業件数', '名変作業件数', '合計']);
    expect(lines.slice(1, 13).map((l) => l.slice(1).map(Number))).toEqual(TABLE1.map((r) => [r.open, r.close, r.transfer, r.total]));
    expect(lines[13]).toEqual(['合計', String(total.open), String(total.close), String(total.transfer), String(total.total)]);
  }, 60_000);

  it('takes a fiscal year (April to March) with its 年度 label', async () => {
    const pdf = join(t.dir, 'fy.pdf');
    const run = await runCommand(registerReport, ['report', 'annual', '--fiscal-year', '2025', '--out', pdf], await ctxAs('a01'));
    expect(run.code).toBe(0);
    const pages = await pdfPageItems(new Uint8Array(readFileSync(pdf)));
    expect(pages[0]!.join('')).toContain('令和7年度（令和7年4月～令和8年3月）');
    expect(hasRow(pages, ['令和7年4月', '1,725', '2,005', '2,274', '6,004'])).toBe(true);
    expect(hasRow(pages, ['令和8年3月', '0', '0', '0', '0'])).toBe(true); // not seeded
    // April 2025 … February 2026 of table 1 (its March 2025 row falls in the fiscal year before).
    const sum = TABLE1.slice(1).reduce((n, r) => n + r.total, 0);
    expect(hasRow(pages, ['合計', fmt(TABLE1.slice(1).reduce((n, r) => n + r.open, 0))])).toBe(true);
    expect(pages[0]).toContain(fmt(sum));
  }, 60_000);

  it('refuses a worker and explains a malformed year or a missing period in Japanese', async () => {
    const refused = await runCommand(registerReport, ['report', 'annual', '--fiscal-year', '2025', '--out', join(t.dir, 'w.pdf')], await ctxAs('w03'));
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/権限/);
    const bad = await runCommand(registerReport, ['report', 'annual', '--fiscal-year', 'R7', '--out', join(t.dir, 'b.pdf')], await ctxAs('a01'));
    expect(bad.code).toBe(1);
    expect(bad.err).toBe('--fiscal-year は西暦の4桁 (例: 2025 = 令和7年度) で指定してください (受け取った値: R7)\n');
    const none = await runCommand(registerReport, ['report', 'annual', '--out', join(t.dir, 'n.pdf')], await ctxAs('a01'));
    expect(none.code).toBe(1);
    expect(none.err).toContain('--fiscal-year YYYY');
    const both = await runCommand(registerReport, ['report', 'annual', '--fiscal-year', '2025', '--from', '2025-03', '--out', join(t.dir, 'n.pdf')], await ctxAs('a01'));
    expect(both.code).toBe(1);
  });
});
