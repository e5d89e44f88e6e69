import { readFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { sqliteOnly } from '../../../src/adapters/db/sqlite/sqlite-database.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../../src/adapters/calendar/create-work-calendar.ts';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { startBot, type Bot } from '../../../src/assembly/assemble-bot.ts';
import type { AppContext } from '../../../src/assembly/context.ts';
import { loadConfig } from '../../../src/config.ts';
import { at, seedOrders, seedResults, seedTeam } from '../../support/day-end-world.ts';
import { recordingLogger } from '../../support/escalation-world.ts';
import { pdfText } from '../../support/pdf-text.ts';
import { encryptedTempDatabase } from '../../support/test-cipher.ts';
import type { TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await temp?.dispose();
});

const PHONE = '090-1234-5678';
const NAME = '架空 花子'; // the seeded orders' customer name
const NOTE = `0002 架空花子様 ${PHONE} に夕方再訪の連絡`;
const REASON = `不在 お客さま番号3503055453 ０７６ー１２３ー４５６７ へ連絡`;

function rawColumn(path: string, sql: string): unknown[] {
  const raw = new BetterSqlite3(path, { readonly: true });
  try {
    return (raw.prepare(sql).all() as Record<string, unknown>[]).map((r) => Object.values(r)[0]);
  } finally {
    raw.close();
  }
}

describe('personal data typed into free text', () => {
  it('is stored encrypted, masked on the supervisor card, the bureau channel and the daily PDF, and never logged', async () => {
    temp = await encryptedTempDatabase();
    await seedTeam(temp.db);
    await seedOrders(temp.db, [{ n: '0001', to: 'w02' }, { n: '0002', to: 'w02' }]);
    await seedResults(temp.db, [{ n: '0001', by: 'w02', outcome: 'not_done', time: '10:30', reason: REASON }]);
    const clock = new VirtualClock(at('09:00'));
    const config = loadConfig({ DATABASE_URL: temp.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_LOAD_EXAMPLES: 'false' });
    const logger = recordingLogger();
    const ctx: AppContext = { config, db: temp.db, clock, logger, calendar: createWorkCalendar(config.calendar), close: async () => {} };
    bot = await startBot(ctx, { platforms: { forceConsole: true }, wallClock: false, loadExamples: false, instanceId: 'bot', out: () => undefined });
    const session = bot.console!.session;
    const texts = (who: string) => session.inbox(who).map((m) => m.text).join('\n');

    await session.as('w02').say(`伝達 ${NOTE}`);
    clock.set(at('17:45'));
    await bot.tick(clock.now());
    const card = texts('w01');
    expect(card).toContain('[氏名]様 [電話番号] に夕方再訪の連絡');
    expect(card).not.toContain(PHONE);

    clock.set(at('17:50'));
    await session.as('w01').pressLabel('承認');
    const bureau = texts('#bureau');
    for (const personal of [PHONE, '架空花子', NAME, '3503055453']) expect(bureau).not.toContain(personal);
    const pathLine = session.inbox('#bureau').map((m) => m.text).find((t) => t.startsWith('日報 PDF を保存しました: '))!;
    const pdf = await pdfText(new Uint8Array(readFileSync(pathLine.slice('日報 PDF を保存しました: '.length).trim())));
    expect(pdf).toContain('[氏名]様 [電話番号] に夕方再訪の連絡');
    expect(pdf).toContain('不在 お客さま番号[お客さま番号] [電話番号]\nへ連絡'); // the cell wraps
    for (const personal of [PHONE, '架空花子', '3503055453', '０７６ー１２３ー４５６７']) expect(pdf).not.toContain(personal);
    const report = await temp.db.read.report.findFirstOrThrow({ where: { kind: 'daily' } });
    expect(report.content).not.toContain(PHONE);

    // At rest: ciphertext; read through the store, the note is intact for whoever may see it.
    expect(String(rawColumn(sqliteOnly(temp.db, 'この処理').path, 'SELECT "text" FROM "HandoverNote"')[0])).toMatch(/^enc:v1:/);
    expect(String(rawColumn(sqliteOnly(temp.db, 'この処理').path, 'SELECT "notDoneReason" FROM "TaskResult"')[0])).toMatch(/^enc:v1:/);
    expect((await temp.db.read.handoverNote.findFirstOrThrow()).text).toBe(NOTE.replace(/^0002 /, ''));
    expect((await temp.db.read.taskResult.findFirstOrThrow()).notDoneReason).toBe(REASON);

    const logged = JSON.stringify(logger.lines);
    expect(logger.lines.length).toBeGreaterThan(0);
    for (const personal of [PHONE, '架空花子', '3503055453']) expect(logged).not.toContain(personal);
  });
});
