import { statSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../../src/adapters/calendar/create-work-calendar.ts';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { startBot, type Bot } from '../../../src/assembly/assemble-bot.ts';
import type { AppContext } from '../../../src/assembly/context.ts';
import { loadConfig } from '../../../src/config.ts';
import { tokyoInstant } from '../../../src/domain/calendar/local-time.ts';
import type { LatLon } from '../../../src/domain/assignment/geo.ts';
import { PALETTE } from '../../../src/domain/plan-map/palette.ts';
import { MAP_FRAME } from '../../../src/domain/plan-map/plan-scene.ts';
import { fitProjection } from '../../../src/domain/plan-map/projection.ts';
import type { Database } from '../../../src/adapters/db/database.ts';
import { DAY, seedTeam } from '../../support/day-end-world.ts';
import { recordingLogger } from '../../support/escalation-world.ts';
import { decodePng } from '../../support/png-decode.ts';
import { filesFolderEnv, tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await temp?.dispose();
});

/** Two groups of located orders far apart (north-east, south-west of the office), and one order with no position at all. */
const NE = ['0001', '0002', '0003'].map((n, i) => ({ n, town: '東町', at: { latitude: 36.6 + i * 0.002, longitude: 136.7 + i * 0.002 } }));
const SW = ['0004', '0005', '0006'].map((n, i) => ({ n, town: '西町', at: { latitude: 36.52 - i * 0.002, longitude: 136.59 - i * 0.002 } }));

async function seedLocatedOrders(db: Database): Promise<void> {
  await db.write(async (tx) => {
    const data = (n: string, town: string, at: LatLon | null) => ({
      orderNo: `${DAY.replaceAll('-', '')}-${n}`,
      kind: 'other',
      scheduledDate: DAY,
      address: `金沢市${town}${Number(n)}番地`,
      town,
      customerName: '架空 花子',
      phone: '076-000-0000',
      contentHash: n,
      latitude: at?.latitude ?? null,
      longitude: at?.longitude ?? null,
    });
    for (const o of [...NE, ...SW]) await tx.workOrder.create({ data: data(o.n, o.town, o.at) });
    await tx.workOrder.create({ data: data('0007', '無座標町', null) }); // nothing located in its town, no map sheet: a stand-in position
  });
}

async function startAt(time: string): Promise<{ bot: Bot; clock: VirtualClock; depot: LatLon }> {
  const clock = new VirtualClock(tokyoInstant(DAY, time));
  const config = loadConfig({ DATABASE_URL: temp.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_LOAD_EXAMPLES: 'false', ...filesFolderEnv(temp.url) });
  const ctx: AppContext = { config, db: temp.db, clock, logger: recordingLogger(), calendar: createWorkCalendar(config.calendar), close: async () => {} };
  const started = await startBot(ctx, { platforms: { forceConsole: true }, wallClock: false, loadExamples: false, instanceId: 'bot-map', out: () => undefined });
  await started.tick(clock.now());
  return { bot: started, clock, depot: config.depot };
}

const SAVED = /振り分け地図を保存しました: (\S+\.png)/;

describe('the plan map with the plan card (assembled console bot)', () => {
  it('posts the map to the supervisor with the daily run and again with 再振り分け: colours as on the card, no stand-in positions', async () => {
    temp = await tempDatabase();
    await seedTeam(temp.db);
    await seedLocatedOrders(temp.db);
    const started = await startAt('07:55');
    bot = started.bot;
    started.clock.set(tokyoInstant(DAY, '08:00'));
    await bot.tick(started.clock.now());

    const inbox = () => bot!.console!.session.inbox('w01');
    const card = inbox().find((m) => m.view.key === `assign:${DAY}`)!;
    expect(card.text).toContain('位置の分からない作業 1件');
    expect(card.text).toContain('添付の地図: 数字は上の行の番号');
    const rows = [...card.text.matchAll(/^(\d+)\. (\S+ \S+): (\d+)件.*\[地図 (\S+)\]$/gm)].map((m) => ({ row: Number(m[1]), name: m[2]!, style: m[4]! }));
    expect(rows.map((r) => r.style)).toEqual(['赤●', '青■']);

    const saved = inbox().map((m) => SAVED.exec(m.text)).filter((m) => m !== null);
    expect(saved).toHaveLength(1);
    const path = saved[0]![1]!;
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(path);
    expect(bytes.includes(Buffer.from('架空'))).toBe(false);
    const png = decodePng(bytes);
    expect(png.chunkTypes).toEqual(['IHDR', 'IDAT', 'IEND']);

    // Each located order is painted in the colour of the row holding it; the office is black.
    const holders = await temp.db.read.assignment.findMany({ select: { personId: true, workOrder: { select: { orderNo: true } } } });
    const names = new Map((await temp.db.read.person.findMany()).map((p) => [p.id, p.name]));
    const located = [...NE, ...SW];
    const projection = fitProjection([started.depot, ...located.map((o) => o.at)], MAP_FRAME);
    const pixel = (p: LatLon) => {
      const { x, y } = projection.project(p);
      return png.pixel(Math.floor(x), Math.floor(y));
    };
    const colours = new Set<string>();
    for (const o of located) {
      const holder = holders.find((h) => h.workOrder.orderNo.endsWith(o.n))!.personId;
      const row = rows.find((r) => r.name === names.get(holder))!.row;
      expect(pixel(o.at), o.n).toEqual([...PALETTE[row - 1]!.rgb]);
      colours.add(String(pixel(o.at)));
    }
    expect(colours.size).toBe(2);
    expect(pixel(started.depot)).toEqual([0, 0, 0]);

    // 再振り分け: the card is updated and the map posted again.
    started.clock.set(tokyoInstant(DAY, '08:10'));
    await bot.console!.session.as('w01').pressLabel('再振り分け');
    expect(inbox().filter((m) => SAVED.test(m.text))).toHaveLength(2);
    expect(inbox().find((m) => m.view.key === `assign:${DAY}`)!.text).toContain('再振り分け 08:10');
  });
});
