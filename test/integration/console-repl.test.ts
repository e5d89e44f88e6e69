import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBot } from '../../src/assembly/assemble-bot.ts';
import { tokenize } from '../../src/adapters/console/repl-commands.ts';
import { botTestContext, type BotTestContext } from '../support/bot-context.ts';

let t: BotTestContext;
beforeEach(async () => {
  t = await botTestContext('2026-03-27', '09:00');
});
afterEach(async () => {
  await t.dispose();
});

async function run(...lines: string[]): Promise<string> {
  const out: string[] = [];
  const bot = await startBot(t.ctx, {
    input: Readable.from(lines.map((l) => `${l}\n`)),
    out: (s) => out.push(s),
    consoleSessionId: `repl-${Math.random()}`,
  });
  await bot.done;
  return out.join('');
}

describe('console REPL', () => {
  it('presses a button of the morning post and fills its form field by field', async () => {
    // The results flow's form: 結果 first; the other fields depend on the order's kind (at most 15 more).
    const skipRest = Array.from({ length: 15 }, () => '');
    const text = await run('/as w02', '/press 1', '/form', '', '外出', 'not_done', ...skipRest, '/press 1', '/form reason="建物が解体されていた"', '/quit');
    expect(text).toContain('【入力フォーム】結果入力 20260327-');
    expect(text).toContain('「結果入力 20260327-');
    expect(text).toContain('必須項目「結果」が未入力です');
    expect(text).toContain('項目「結果」の値「外出」は選択肢にありません');
    expect(text).toMatch(/20260327-\d{4} の結果はまだ記録していません。次の点を直してください:\n・作業できなかった理由: 作業できなかった理由を入力してください/);
    expect(text).toContain('結果を記録しました。');
    expect(text).toContain('理由: 建物が解体されていた');
  });

  it('submits a form in one line with quoted values, and /N presses button N', async () => {
    const text = await run('/as w02', '/3', '/form outcome=not_done 作業できなかった理由="犬 注意"');
    expect(text).toContain('結果を記録しました。');
    expect(text).toContain('理由: 犬 注意');
  });

  it('lists users and inboxes, shows help, and reports unknown commands and missing users', async () => {
    const text = await run('残り', '/users', '/inbox w02', '/help', '/nope', '/as w03', '/inbox', '/ch 残り');
    expect(text).toContain('先に「/as 職員ID」で利用者を選んでください。');
    expect(text).toContain('  w02: 仮野 次郎');
    expect(text).toMatch(/\[console:\d+\]\n■ 3月27日\(金\) の作業/);
    expect(text).toContain('/press N または /N');
    expect(text).toContain('不明なコマンドです: /nope');
    expect(text).toMatch(/── 局チャンネル ──\n■ 3月27日\(金\) の残り/);
  });
});

describe('tokenize', () => {
  it('keeps quoted spaces', () => {
    expect(tokenize('form a=1 b="x y" c=')).toEqual(['form', 'a=1', 'b=x y', 'c=']);
  });
});
