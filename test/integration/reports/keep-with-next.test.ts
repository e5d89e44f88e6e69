import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { FontSubsetter } from '../../../src/adapters/pdf/fonts.ts';
import { renderReportPdf } from '../../../src/adapters/pdf/pdf-renderer.ts';
import { buildDailyReport } from '../../../src/application/reports/build-daily-report.ts';
import { dailyReportDocument } from '../../../src/application/reports/daily-report-document.ts';
import type { DailyReportView } from '../../../src/application/reports/daily-report-view.ts';
import { createAppContext } from '../../../src/assembly/context.ts';
import { dailyReportDepsOf } from '../../../src/assembly/services/day-end.ts';
import { loadConfig } from '../../../src/config.ts';
import type { Block, ReportDocument } from '../../../src/domain/reports/report-document.ts';
import { at, DAY, seedCases, seedOrders, seedResults, seedTeam } from '../../support/day-end-world.ts';
import { headingsAloneAtFoot, pdfPagePositions } from '../../support/pdf-text.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

/**
 * Keep-with-next: no heading sits alone at the foot of a page (「9. 苦情」 and 「12. 伝達事項」 of the daily
 * report did). The daily report's content grows one doubt at a time, so that each heading in turn comes to the foot
 * of a page; on every page of every size, something other than a page number follows each heading.
 */
let temp: TempDatabase;
beforeEach(async () => {
  temp = await tempDatabase();
});
afterEach(async () => temp.dispose());

const LONG = '開栓後に水が出ないとの連絡。現地でバルブの開度、宅内の蛇口、メーターの向き、給水管の凍結の有無を順に確かめ、最後に局の担当者と電話で相談して、翌朝もう一度伺うことにした。';

async function dailyView(): Promise<DailyReportView> {
  await seedTeam(temp.db);
  await seedOrders(temp.db, [{ n: '0001', to: 'w02' }, { n: '0002', to: 'w03', kind: 'close' }]);
  await seedResults(temp.db, [{ n: '0001', by: 'w02', outcome: 'done' }]);
  await seedCases(temp.db);
  const ctx = await createAppContext(loadConfig({ DATABASE_URL: temp.url, KAIHEISEN_LOG_LEVEL: 'silent' }), { clock: new VirtualClock(at('17:50')) });
  try {
    const built = await buildDailyReport(dailyReportDepsOf(ctx), { date: DAY, actor: { actorId: null, channel: 'cli' }, source: 'cli' });
    return built.view;
  } finally {
    await ctx.close();
  }
}

const headingsOf = (doc: ReportDocument) =>
  doc.sections.flatMap((s) => s.blocks).filter((b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading').map((b) => b.text);

describe('keep-with-next', () => {
  it('never leaves a heading of the daily report alone at the foot of a page, wherever the content puts it', async () => {
    const view = await dailyView();
    const doubt = view.doubts[0]!;
    const complaint = { ...view.complaints[0]!, text: LONG, outcome: `${LONG}${LONG}` };
    const note = { ...view.handoverNotes[0]!, text: `${LONG}${LONG}${LONG}` };
    const subsetter = new FontSubsetter();
    const alone: string[] = [];
    let footHits = 0;
    for (let extra = 0; extra < 36; extra++) {
      const grown = { ...view, doubts: Array.from({ length: extra + 1 }, () => doubt), complaints: [complaint], handoverNotes: [note, note] };
      const doc = dailyReportDocument(grown);
      const pages = await pdfPagePositions((await renderReportPdf(doc, subsetter)).bytes);
      for (const a of headingsAloneAtFoot(pages, headingsOf(doc))) alone.push(`${extra} extra doubts: ${a.heading} alone on page ${a.page}`);
      footHits += pages.slice(0, -1).filter((items) => headingsOf(doc).some((h) => items.some((i) => i.text === h && i.y < 160))).length;
    }
    expect(alone).toEqual([]);
    expect(footHits).toBeGreaterThan(5); // headings did come near the foot of pages
  });
});
