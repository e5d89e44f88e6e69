import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { startConfiguredBot } from '../../../src/assembly/start-configured.ts';
import { botTestContext, type BotTestContext } from '../../support/bot-context.ts';

let t: BotTestContext | undefined;
let dir: string | undefined;
afterEach(async () => {
  await t?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
  t = dir = undefined;
});

describe('console commands refuse what does not exist', () => {
  it('/as of an unknown id names /users; /attach of a missing file says so; known ones go on', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaiheisen-attach-'));
    const photo = join(dir, 'meter.jpg');
    writeFileSync(photo, 'jpeg');
    const lines = ['/as zz', '残り', '/as w02', '/attach no-such-photo.jpg', `/attach ${photo}`, '/quit'];
    t = await botTestContext('2026-03-27', '09:30');
    const out: string[] = [];
    const bot = await startConfiguredBot(t.ctx, {
      drivenClock: t.clock, wallClock: false, out: (s) => out.push(s), input: Readable.from(lines.map((l) => `${l}\n`)),
    });
    await bot.done;
    const text = out.join('');
    expect(text).toContain('職員ID「zz」はコンソールにいません。「/users」で職員IDの一覧を表示します。');
    // Nothing was sent as zz: the next line found no user chosen.
    expect(text).toContain('先に「/as 職員ID」で利用者を選んでください。');
    expect(text).toContain('ファイル「no-such-photo.jpg」が見つかりません。起動したフォルダ');
    const events = await t.ctx.db.read.inboundEvent.findMany({ where: { platform: 'console' } });
    expect(events.map((e) => e.orderKey)).toEqual([expect.stringContaining('w02')]);
  });
});
