import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleMessage } from '../../../src/adapters/console/console-adapter.ts';
import type { Bot } from '../../../src/assembly/assemble-bot.ts';
import { DAY, moveTo, seedOrders, seedTeam, startConsoleDay } from '../../support/day-end-world.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';
import { expectWorkerCorrection } from '../../support/correction-checks.ts';

let temp: TempDatabase;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await temp?.dispose();
});

const ORDER = '20260327-0001';
const session = (b: Bot) => b.console!.session;
const lastTo = (b: Bot, who: string) => session(b).inbox(who).at(-1)?.text ?? '';
const resultRow = () => temp.db.read.taskResult.findFirstOrThrow({ where: { workOrder: { orderNo: ORDER } }, include: { consumables: true } });

async function say(b: Bot, who: string, ...lines: string[]): Promise<string> {
  for (const line of lines) await session(b).as(who).say(line);
  return lastTo(b, who);
}

/** The latest message to `who` with a 訂正 button for the order. */
function receiptOf(b: Bot, who: string): ConsoleMessage {
  const found = session(b).inbox(who).filter((m) => m.buttons.some((x) => x.label === '訂正' && x.value.includes(ORDER))).at(-1);
  if (!found) throw new Error(`no 訂正 button for ${who}`);
  return found;
}

/** Presses 訂正 on `message` as `who`: the form it opened, or undefined with what was said. */
async function pressCorrect(b: Bot, who: string, message: ConsoleMessage) {
  const delivered = await session(b).as(who).pressLabel('訂正', ORDER, message.ref);
  return { form: delivered.find((d) => d.kind === 'form')?.form, said: delivered.map((d) => d.text).join('\n') };
}

describe('訂正 button on the receipt (assembled console bot)', () => {
  it('opens the form filled in with the recorded result and corrects it as 訂正 by text does; refuses others; after approval only the supervisor, as an amendment', async () => {
    temp = await tempDatabase();
    await seedTeam(temp.db);
    await seedOrders(temp.db, [{ n: '0001', to: 'w02', kind: 'close' }, { n: '0002', to: 'w03', kind: 'close' }]);
    const started = await startConsoleDay(temp.db, temp.url, '10:00');
    bot = started.bot;

    expect(await say(bot, 'w02', '0001 閉栓完了 指針100 ピン交換 散水栓出ない', 'はい', 'はい', 'はい')).toContain('結果を記録しました。');
    const receipt = receiptOf(bot, 'w02');
    expect(receipt.text).toContain('結果を記録しました。');
    expect(receipt.text).toContain('[1] 訂正');

    // Another worker: refused, no form.
    const refused = await pressCorrect(bot, 'w03', receipt);
    expect(refused.form).toBeUndefined();
    expect(refused.said).toContain('ご自分の結果のみ訂正できます');

    // The worker: the form holds the recorded values; the same values correct nothing.
    let opened = await pressCorrect(bot, 'w02', receipt);
    expect(opened.form?.formId).toBe('result.correct');
    expect(opened.form?.title).toBe(`訂正 ${ORDER}`);
    const initial = Object.fromEntries(opened.form!.fields.map((f) => [f.id, f.initial]));
    expect(initial).toMatchObject({ outcome: 'done', reading: '100', reading2: '100', work: expect.arrayContaining(['valvePin']), outdoorTap: 'dry' });
    await session(bot).submit();
    expect(lastTo(bot, 'w02')).toContain(`${ORDER} は記録済みの結果と同じ内容のため、訂正しませんでした。`);
    expect(await temp.db.read.resultCorrection.count()).toBe(0);

    // A changed reading typed once: it must be confirmed, nothing changes.
    opened = await pressCorrect(bot, 'w02', receipt);
    await session(bot).submit({ reading: '120' });
    expect(lastTo(bot, 'w02')).toContain(`${ORDER} の結果はまだ訂正していません。`);
    expect((await resultRow()).reading).toBe(100);

    // Typed twice, with the seal added: corrected, with history and audit as by text.
    opened = await pressCorrect(bot, 'w02', receipt);
    await session(bot).submit({ reading: '120', reading2: '120', work: 'consent,valvePin,seal' });
    const done = lastTo(bot, 'w02');
    expect(done).toContain(`${ORDER} の結果を訂正しました。`);
    expect(done).toContain('訂正前: 指針: 100');
    expect(done).toContain('訂正後: 指針: 120');
    await expectWorkerCorrection(temp.db, DAY);

    // A result sent again for the recorded order: 「記録済み」, with 訂正.
    expect(await say(bot, 'w02', '0001 閉栓完了 指針125')).toContain('の結果は記録済みです');
    expect(receiptOf(bot, 'w02').text).toContain('の結果は記録済みです');
    expect(session(bot).inbox('w02').at(-1)!.buttons.map((b) => b.label)).toEqual(['訂正']);

    // The day's report approved.
    await moveTo(bot, started.clock, '17:45');
    await session(bot).as('w01').pressLabel('承認');
    expect(lastTo(bot, 'w01')).toContain('日報を承認し');

    // The worker's old receipt: refused, ask the supervisor.
    const late = await pressCorrect(bot, 'w02', receipt);
    expect(late.form).toBeUndefined();
    expect(late.said).toContain('日報はすでに承認されているため、作業者からは訂正できません。お手数ですが、業務責任者に訂正を依頼してください。');

    // The supervisor, through the same button value: an amendment to the bureau and the report re-issued.
    const supervisor = await pressCorrect(bot, 'w01', receipt);
    expect(supervisor.form?.fields.find((f) => f.id === 'reading')?.initial).toBe('120');
    await session(bot).submit({ reading: '130', reading2: '130' });
    const amended = lastTo(bot, 'w01');
    expect(amended).toContain(`${ORDER} の結果を訂正しました。`);
    expect(amended).toContain('日報は承認済みのため、訂正内容を局へ送り、日報を「訂正」として再発行しました。');
    expect((await resultRow()).reading).toBe(130);
    const bureau = session(bot).inbox('#bureau').map((m) => m.text);
    const notice = bureau.find((t) => t.includes('【訂正】開閉栓業務 日報 3月27日(金)'));
    expect(notice).toContain('訂正前: 指針: 120');
    expect(notice).toContain('訂正後: 指針: 130');
    expect(notice).toContain('訂正: 架空 太郎 (業務責任者)');
    const corrections = await temp.db.read.resultCorrection.findMany({ orderBy: { id: 'asc' } });
    expect(corrections.map((c) => [c.personId, c.role, c.amendsReport])).toEqual([['w02', 'worker', false], ['w01', 'supervisor', true]]);
    const report = await temp.db.read.report.findFirstOrThrow({ where: { kind: 'daily', period: DAY } });
    expect(JSON.parse(report.content).amendments).toHaveLength(1);
  });
});
