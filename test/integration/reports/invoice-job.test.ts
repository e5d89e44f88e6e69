import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../../src/adapters/calendar/create-work-calendar.ts';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { createStaffStore } from '../../../src/adapters/db/staff-store.ts';
import { startBot, type Bot } from '../../../src/assembly/assemble-bot.ts';
import type { AppContext } from '../../../src/assembly/context.ts';
import { loadConfig } from '../../../src/config.ts';
import { tokyoInstant } from '../../../src/domain/calendar/local-time.ts';
import { TEST_CONTRACTOR } from '../../support/contractor.ts';
import { seedTeam } from '../../support/day-end-world.ts';
import { recordingLogger } from '../../support/escalation-world.ts';
import { addAdmin } from '../../support/operator.ts';
import { pdfText } from '../../support/pdf-text.ts';
import { seedMonth } from '../../support/table1-year.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await temp?.dispose();
});

/** The console bot as `kaiheisen start --console` builds it, on the temp database and a virtual clock. */
async function start(clock: VirtualClock): Promise<Bot> {
  const config = loadConfig({ DATABASE_URL: temp.url, KAIHEISEN_SHARED_DIR: temp.dir, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_LOAD_EXAMPLES: 'false' });
  const ctx: AppContext = { config, db: temp.db, clock, logger: recordingLogger(), calendar: createWorkCalendar(config.calendar), close: async () => {} };
  const started = await startBot(ctx, { platforms: { forceConsole: true }, wallClock: false, loadExamples: false, instanceId: 'bot', out: () => undefined });
  await started.tick(clock.now());
  return started;
}

async function world(contractor: typeof TEST_CONTRACTOR | null): Promise<VirtualClock> {
  temp = await tempDatabase();
  await seedTeam(temp.db);
  await addAdmin(temp.db, 'a01');
  await seedMonth(temp.db, '2026-03', { open: 12, close: 9, transfer: 5, other: 1, notDone: 2 });
  if (contractor) await createStaffStore(temp.db, new VirtualClock('2026-03-01T00:00:00Z')).write((w) => w.replaceContractor(contractor));
  return new VirtualClock(tokyoInstant('2026-04-01', '08:00'));
}

async function moveTo(b: Bot, clock: VirtualClock, time: string) {
  clock.set(tokyoInstant('2026-04-01', time));
  return (await b.tick(clock.now())).filter((o) => o.job === 'monthly-report').map((o) => o.result);
}

const texts = (b: Bot, who: string) => b.console!.session.inbox(who).map((m) => m.text);
const INVOICE_SAVED = '令和8年3月分の請求書 PDF を保存しました: ';

describe('the invoice with the monthly report job', { timeout: 120_000 }, () => {
  it('goes to the supervisor and the bureau channel with the 月報, once, also after a restart the same day', async () => {
    const clock = await world(TEST_CONTRACTOR);
    bot = await start(clock);
    expect(await moveTo(bot, clock, '09:00')).toEqual(['ran']);
    for (const who of ['w01', '#bureau']) {
      const lines = texts(bot, who);
      const saved = lines.filter((l) => l.startsWith(INVOICE_SAVED));
      expect(saved, who).toHaveLength(1);
      expect(saved[0]).toMatch(/invoice-2026-03\.pdf$/);
      expect(lines.some((l) => l.includes('の月報 PDF を保存しました'))).toBe(true);
      const text = await pdfText(new Uint8Array(readFileSync(saved[0]!.slice(INVOICE_SAVED.length))));
      expect(text).toContain('株式会社 試験水道サービス');
      expect(text).toContain('請求書');
    }
    await bot.stop();
    clock.set(tokyoInstant('2026-04-01', '09:30'));
    bot = await start(clock); // a restart the same day: the day's run is claimed, nothing is made or sent again
    expect(await moveTo(bot, clock, '09:45')).toEqual([]);
    expect(texts(bot, '#bureau').filter((l) => l.startsWith(INVOICE_SAVED))).toEqual([]);
    expect(await temp.db.read.auditLog.count({ where: { action: { in: ['report.generated', 'report.regenerated'] }, after: { contains: 'invoice' } } })).toBe(1);
  });

  it('without unit prices the 月報 still goes out and the supervisor and the admin are told what to set', async () => {
    const clock = await world({ ...TEST_CONTRACTOR, unitPrices: { open: 1000 } });
    bot = await start(clock);
    expect(await moveTo(bot, clock, '09:00')).toEqual(['ran']);
    expect(texts(bot, '#bureau').some((l) => l.includes('の月報 PDF を保存しました'))).toBe(true);
    expect(texts(bot, '#bureau').some((l) => l.startsWith(INVOICE_SAVED))).toBe(false);
    for (const who of ['w01', 'a01']) {
      const told = texts(bot, who).filter((l) => l.includes('請求書は作成できませんでした'));
      expect(told, who).toHaveLength(1);
      expect(told[0]).toContain('contractor.unitPrices.close, contractor.unitPrices.transfer');
    }
    expect(texts(bot, 'w02').join('\n')).not.toContain('請求書');
    expect(await temp.db.read.report.count({ where: { kind: 'invoice' } })).toBe(0);
  });
});
