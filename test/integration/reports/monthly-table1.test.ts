import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMonthlyReport } from '../../../src/application/reports/build-monthly-report.ts';
import { formatEraMonth } from '../../../src/domain/reports/japanese-era.ts';
import { csvRows, monthlyReportDeps } from '../../support/monthly-report-deps.ts';
import { hasRow, pdfPageItems } from '../../support/pdf-text.ts';
import { seedTable1Year, TABLE1, TABLE1_TOTAL } from '../../support/table1-year.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

const fmt = (n: number) => n.toLocaleString('en-US');

/** A year at the spec's table 1 volumes (2025-03 … 2026-02) reproduces every monthly total. */
describe('monthly report at the volumes of table 1', () => {
  let t: TempDatabase;
  let months: string[];
  const csvTotals = { open: 0, close: 0, transfer: 0, total: 0 };

  beforeAll(async () => {
    t = await tempDatabase();
    months = await seedTable1Year(t.db, '2025-03');
  }, 60_000);
  afterAll(async () => t.dispose());

  it.each(TABLE1.map((row, i) => [i, row.label] as const))('month %i (%s) matches table 1 in the PDF and the CSV', async (i) => {
    const row = TABLE1[i]!;
    const month = months[i]!;
    const result = await buildMonthlyReport(monthlyReportDeps(t.db), { month });
    expect(result.view.figures.totals).toEqual({ open: row.open, close: row.close, transfer: row.transfer, subtotal: row.total, other: 37, notDone: 21 });
    // The seeded flags come back through the report's raw SQL as 0/1 on SQLite and as booleans on PostgreSQL.
    expect(result.view.figures.flagCounts.readingLowerThanPrevious).toBe(5);
    expect(result.view.figures.flaggedOrders).toHaveLength(5);

    const pages = await pdfPageItems(result.pdf);
    const cells = [row.open, row.close, row.transfer, row.total].map(fmt);
    expect(hasRow(pages, [formatEraMonth(month), ...cells, '37', '21'])).toBe(true); // table 1 layout
    expect(hasRow(pages, ['合計', ...cells, '37', '21'])).toBe(true); // foot of the day table
    expect(hasRow(pages, ['合計', `${fmt(row.total)} 件`])).toBe(true); // cover

    const lines = csvRows(result.csv);
    expect(result.csv.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toEqual(['日付', '曜日', '開栓', '閉栓', '名変', '合計', 'その他', '未実施']);
    const total = lines.find((l) => l[0] === '月計')!;
    expect(total.slice(2).map(Number)).toEqual([row.open, row.close, row.transfer, row.total, 37, 21]);
    csvTotals.open += Number(total[2]);
    csvTotals.close += Number(total[3]);
    csvTotals.transfer += Number(total[4]);
    csvTotals.total += Number(total[5]);
  });

  it('adds up over the year to the total row of table 1', () => {
    expect(csvTotals).toEqual(TABLE1_TOTAL);
  });
});
