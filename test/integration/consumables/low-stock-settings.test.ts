import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Bot } from '../../../src/assembly/assemble-bot.ts';
import { moveTo, seedOrders, startConsoleDay } from '../../support/day-end-world.ts';
import { givePasswords, runCliAs } from '../../support/operator.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await temp?.dispose();
});

const texts = (b: Bot, who: string) => b.console!.session.inbox(who).map((m) => m.text);
const warnings = (b: Bot, who: string) => texts(b, who).filter((text) => text.includes('【在庫注意】'));

const cli = (by: string, ...argv: string[]) => runCliAs(temp.url, by, argv);

/** The example staff file with `supplies:` set (undefined: left out), loaded by `kaiheisen staff load`. */
async function loadStaff(supplies: unknown) {
  const doc = parse(readFileSync('examples/staff.yaml', 'utf8')) as Record<string, unknown>;
  delete doc.supplies;
  if (supplies !== undefined) doc.supplies = supplies;
  const path = join(temp.dir, 'staff.yaml');
  writeFileSync(path, stringify(doc));
  const r = await cli('w01', 'staff', 'load', path);
  expect(r.code, r.err).toBe(0);
  return r.out;
}

const auditRows = () => temp.db.read.auditLog.findMany({ where: { action: 'supplies.replace' }, orderBy: { id: 'asc' } });

describe('low-stock thresholds from the staff file', () => {
  it('supplies.lowStock.copperWire: 3 warns below 3 and not at the default 10; removing the section restores 10', async () => {
    temp = await tempDatabase();
    await givePasswords(temp.db);
    expect(await loadStaff({ lowStock: { copperWire: 3 } })).toContain('在庫注意の基準');
    expect(await loadStaff({ lowStock: { copperWire: 3 } })).not.toContain('在庫注意の基準');
    expect(await auditRows()).toHaveLength(1);
    await seedOrders(temp.db, [{ n: '0003', to: 'w03', kind: 'close' }]);
    const started = await startConsoleDay(temp.db, temp.url);
    bot = started.bot;
    const session = bot.console!.session;

    // 5 wires: below the default 10, not below the file's 3.
    await session.as('w01').say('支給 銅線 5');
    expect(texts(bot, 'w01').at(-1)).toContain('銅線 5本');
    await session.as('w01').say('在庫');
    expect(texts(bot, 'w01').at(-1)).toContain('・銅線: 5本 (基準 3本)\n・封印玉: 未支給 (支給の記録なし)');
    expect(warnings(bot, 'w01')).toHaveLength(0);

    // 3 used on a result: 2 left, below 3 — the supervisor is warned at the next check, with the file's threshold.
    await session.as('w03').say('0003 閉栓完了 指針1234 ピン交換 銅線3 在宅 お客様了解 散水栓出ない');
    await session.as('w03').say('はい');
    expect(texts(bot, 'w03').at(-1)).toContain('結果を記録しました。');
    await moveTo(bot, started.clock, '09:05');
    expect(warnings(bot, 'w01')).toHaveLength(1);
    expect(warnings(bot, 'w01')[0]).toContain('・銅線: 2本 (少なくなっています: 基準 3本)');

    // 2 more: 4, at or above 3 (back to not low, silently).
    await session.as('w01').say('支給 銅線 2');
    expect(warnings(bot, 'w01')).toHaveLength(1);

    // The section removed: the default 10 is back while the bot runs; 4 is below it and warns once.
    expect(await loadStaff(undefined)).toContain('在庫注意の基準');
    const rows = await auditRows();
    expect(rows).toHaveLength(2);
    expect(JSON.parse(rows[1]!.after ?? 'null')).toBeNull();
    expect(await temp.db.read.supplySettings.count()).toBe(0);
    await session.as('w01').say('在庫');
    expect(texts(bot, 'w01').at(-1)).toContain('・銅線: 4本 (少なくなっています: 基準 10本)');
    await moveTo(bot, started.clock, '09:10');
    expect(warnings(bot, 'w01')).toHaveLength(2);
    expect(warnings(bot, 'w01')[1]).toContain('・銅線: 4本 (少なくなっています: 基準 10本)');
  }, 120_000);
});
