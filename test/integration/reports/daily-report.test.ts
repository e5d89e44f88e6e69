import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { createDailyReportStore } from '../../../src/adapters/db/daily-report-store.ts';
import { FontSubsetter } from '../../../src/adapters/pdf/fonts.ts';
import { A4 } from '../../../src/adapters/pdf/page-cursor.ts';
import { renderReportPdf } from '../../../src/adapters/pdf/pdf-renderer.ts';
import { buildDailyReport } from '../../../src/application/reports/build-daily-report.ts';
import { dailyReportDocument } from '../../../src/application/reports/daily-report-document.ts';
import { runCli } from '../../../src/cli/index.ts';
import { loadConfig } from '../../../src/config.ts';
import { createAppContext, type AppContext } from '../../../src/assembly/context.ts';
import { dailyReportDepsOf } from '../../../src/assembly/services/day-end.ts';
import { at, DAY, seedCases, seedOrders, seedResults, seedTeam } from '../../support/day-end-world.ts';
import { darkPixelsIn, hasPdftoppm, renderPageGray } from '../../support/pdf-ink.ts';
import { hasRow, pdfPageItems, pdfText } from '../../support/pdf-text.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';
import { addAdmin, givePasswords, operatorEnv } from '../../support/operator.ts';

let temp: TempDatabase;
beforeEach(async () => {
  temp = await tempDatabase();
  // The operator of the report commands: a bureau admin, outside every team and roster of these reports.
  await addAdmin(temp.db, 'a01', 'bureau');
  await givePasswords(temp.db, ['a01']);
});
afterEach(async () => temp.dispose());

async function seedDay(): Promise<void> {
  await seedTeam(temp.db);
  await seedOrders(temp.db, [
    { n: '0001', to: 'w02' },
    { n: '0002', to: 'w02' },
    { n: '0003', to: 'w02' },
    { n: '0004', to: 'w02' },
    { n: '0005', to: 'w03', kind: 'close', town: '野町' },
    { n: '0006', to: null, kind: 'transfer', town: '長町' },
  ]);
  await seedResults(temp.db, [
    { n: '0001', by: 'w02', outcome: 'done', flags: { readingLowerThanPrevious: true } },
    { n: '0002', by: 'w02', outcome: 'absent', flags: { readingDiffersFromPrevious: true }, findings: { readingDifferenceNote: '閉栓中に使用の形跡あり' } },
    { n: '0003', by: 'w02', outcome: 'not_done', reason: '鍵がかかっていて入れない' },
    { n: '0005', by: 'w03', outcome: 'done', flags: { leakSuspected: true, improperUse: true }, findings: { improperUseNotified: false } },
  ]);
  await seedCases(temp.db);
}

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await runCli(args, { env: { DATABASE_URL: temp.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_OPERATOR: 'a01', ...operatorEnv }, out: (s) => out.push(s), err: (s) => out.push(s) });
  return { code, out: out.join('') };
}

async function contextAt(time: string): Promise<AppContext> {
  const config = loadConfig({ DATABASE_URL: temp.url, KAIHEISEN_LOG_LEVEL: 'silent' });
  return createAppContext(config, { clock: new VirtualClock(at(time)) });
}

describe('kaiheisen report daily', () => {
  it('writes the day with its figures as real text: per worker, reasons, flags, meters, cases, fees, notes', async () => {
    await seedDay();
    mkdirSync(join(temp.dir, 'out'), { recursive: true }); // report outputs never create folders
    const file = join(temp.dir, 'out', 'daily.pdf');
    const run = await cli(['report', 'daily', '--date', DAY, '--out', file]);
    expect(run.out, run.out).toContain('令和8年3月27日（金）の日報を作成しました (下書き)');
    expect(run.code).toBe(0);
    const pages = await pdfPageItems(new Uint8Array(readFileSync(file)));
    const text = pages.flat().join('\n');
    // 作業者 | 件数 | 完了 | 不在完了 | 未実施 | 繰越 | 未完了 | 完了報告 | 駐車料金
    expect(hasRow(pages, ['架空 太郎', '0', '0', '0', '0', '0', '0', '仮野 次郎'])).toBe(true);
    expect(hasRow(pages, ['仮野 次郎', '4', '1', '1', '1', '0', '1', '未報告'])).toBe(true);
    expect(hasRow(pages, ['試験 三郎', '1', '1', '0', '0', '0', '0', '未報告', '300 円'])).toBe(true);
    expect(hasRow(pages, ['(未割当)', '1', '0', '0', '0', '0', '1'])).toBe(true);
    expect(hasRow(pages, ['合計', '6', '2', '1', '1', '0', '2', '300 円'])).toBe(true);
    expect(hasRow(pages, ['閉栓', '1', '1', '0', '0', '0', '0'])).toBe(true);
    expect(hasRow(pages, ['20260327-0003', '開栓', '片町', '仮野 次郎', '鍵がかかっていて入れない'])).toBe(true);
    expect(hasRow(pages, ['20260327-0004', '開栓', '片町', '仮野 次郎'])).toBe(true);
    expect(hasRow(pages, ['20260327-0001', '開栓', '仮野 次郎', '前回指針より小さい'])).toBe(true);
    expect(hasRow(pages, ['20260327-0005', '閉栓', '試験 三郎', '漏水の疑い、不適切な使用 (適正な届出の通告: 未)'])).toBe(true);
    // The その旨 statement of a differing 開栓 reading is shown with its flag (spec 15(3)ウ(ｱ)a).
    expect(hasRow(pages, ['20260327-0002', '開栓', '仮野 次郎', '開栓指針が前回指針と相違 (その旨: 閉栓中に使用の形跡あり)'])).toBe(true);
    expect(hasRow(pages, ['φ13', '2', '0', '0', '2'])).toBe(true);
    expect(hasRow(pages, ['φ20', '0', '0', '1', '1'])).toBe(true);
    // A long cell wraps into several drawn strings: the row's cells, then the outcome read across the wrap.
    expect(hasRow(pages, ['10:12', '20260327-0001', '仮野 次郎', 'メーター番号が端末と異なる', '回答済'])).toBe(true);
    expect(text.replaceAll('\n', '')).toContain('回答済検満取替済み。現地の番号で入力8. 事故等');
    expect(hasRow(pages, ['14:03', '試験 三郎', '車両の軽い接触', '解決', '相手方と示談済み'])).toBe(true);
    expect(hasRow(pages, ['09:40', '水が出ない', '開栓後に水が出ない', '解決', 'バルブ半開 / 全開にした'])).toBe(true);
    expect(text).toContain('#1 20260327-0002 (18:30まで) 依頼 架空 太郎 / 承認: 想定 一郎 17:20 / 理由: お客さまの帰宅待ち');
    expect(hasRow(pages, ['16:50', '試験 三郎', '明日は車両点検のため午後から'])).toBe(true);
    expect(text).toContain('未承認 (下書き)');
    // 作成日時 in the era, like every other date of the report.
    expect(text).toMatch(/作成日時\n令和\d+年\d{1,2}月\d{1,2}日 \d{2}:\d{2}\n/);
    expect(text).not.toContain('架空 花子');
    expect(text).not.toContain('076-000-0000');
    const stored = await temp.db.read.report.findUniqueOrThrow({ where: { kind_period: { kind: 'daily', period: DAY } } });
    expect(stored.state).toBe('draft');
    expect(JSON.parse(stored.content)).toMatchObject({ kind: 'daily', source: 'cli', totals: { orders: 6, done: 2 } });
  });

  it('makes a valid report that says so for a day with no data', async () => {
    const file = join(temp.dir, 'empty.pdf');
    const run = await cli(['report', 'daily', '--date', '2026-04-02', '--out', file]);
    expect(run.code).toBe(0);
    expect(run.out).toContain('データなし');
    const text = await pdfText(new Uint8Array(readFileSync(file)));
    expect(text).toContain('この日の作業実績・報告事項はありません (データなし)。');
    expect(text).toContain('令和8年4月2日（木）');
    expect(await cli(['report', 'daily', '--date', '2026-4-2', '--out', file])).toMatchObject({ code: 1 });
  });

  it('writes an approved report as stored, and never rebuilds it', async () => {
    await seedDay();
    const ctx = await contextAt('17:50');
    try {
      const deps = dailyReportDepsOf(ctx);
      const draft = await buildDailyReport(deps, { date: DAY, actor: { actorId: null, channel: 'system' }, source: 'bot' });
      const store = createDailyReportStore(temp.db, () => at('18:00'));
      expect(await store.approveDaily(DAY, { ...draft.view, approval: { personId: 'w01', name: '架空 太郎', at: '2026-03-27 18:00' } }, draft.pdf, { actorId: 'w01', channel: 'console' }, at('18:00'))).toBe(true);
      await seedResults(temp.db, [{ n: '0004', by: 'w02', outcome: 'done', time: '17:55' }]);
      const file = join(temp.dir, 'approved.pdf');
      const run = await cli(['report', 'daily', '--date', DAY, '--out', file]);
      expect(run.out).toContain('承認済みのため、保存されている PDF を書き出しました');
      expect(Buffer.from(readFileSync(file)).equals(Buffer.from(draft.pdf))).toBe(true);
      const audit = await temp.db.read.auditLog.findMany({ where: { entity: 'Report' }, orderBy: { id: 'asc' } });
      expect(audit.map((a) => a.action)).toEqual(['report.generated', 'report.approved']);
    } finally {
      await ctx.close();
    }
  });

  it.runIf(hasPdftoppm())('shows ink inside every text box of each page (needs pdftoppm)', async () => {
    await seedDay();
    const ctx = await contextAt('17:50');
    try {
      const result = await buildDailyReport(dailyReportDepsOf(ctx), { date: DAY, actor: { actorId: null, channel: 'cli' }, source: 'cli' });
      const out = await renderReportPdf(dailyReportDocument(result.view), new FontSubsetter());
      const [, height] = A4.portrait;
      expect(out.pageCount).toBeGreaterThanOrEqual(2);
      for (let page = 0; page < out.pageCount; page++) {
        const image = renderPageGray(out.bytes, page + 1, 100);
        const boxes = out.textBoxes.filter((b) => b.page === page);
        expect(boxes.length).toBeGreaterThan(10);
        for (const box of boxes) expect(darkPixelsIn(image, box, height), box.text).toBeGreaterThan(0);
      }
    } finally {
      await ctx.close();
    }
  });
});
