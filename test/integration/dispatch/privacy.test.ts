import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleDelivery } from '../../../src/adapters/console/console-adapter.ts';
import { CHANGES, dispatchDay, SAMPLE_ORDERS, type DispatchDay } from '../../support/dispatch-day.ts';

let day: DispatchDay | undefined;
afterEach(async () => {
  await day?.dispose();
  day = undefined;
});

type Field = 'name' | 'kana' | 'phone' | 'customerNumber';
interface Personal {
  orderNo: string;
  field: Field;
  value: string;
}

/** Every customer name, kana, phone and customer number of the files, read from the CSV itself. */
function personalValues(...files: string[]): Personal[] {
  const out: Personal[] = [];
  for (const file of files) {
    const [header, ...rows] = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(','));
    const col = (name: string) => header!.indexOf(name);
    const fields: [Field, number][] = [['name', col('使用者名')], ['kana', col('使用者名カナ')], ['phone', col('連絡先電話番号')], ['customerNumber', col('お客さま番号')]];
    for (const row of rows) {
      for (const [field, i] of fields) {
        const value = row[i]!.trim();
        if (!value) continue;
        out.push({ orderNo: row[0]!, field, value });
        const compact = value.replace(/[\s-]/g, '');
        if (compact !== value) out.push({ orderNo: row[0]!, field, value: compact });
      }
    }
  }
  return out;
}

/** What a recipient saw of one delivery: its text, a form's fields, and the message's view (buttons' values too). */
function seen(d: DispatchDay, delivery: ConsoleDelivery): string {
  const view = delivery.messageRef ? d.bot.console!.adapter.message(delivery.messageRef)?.view : undefined;
  return [delivery.text, JSON.stringify(delivery.form ?? null), JSON.stringify(view ?? null)].join('\n');
}

const recipientOf = (delivery: ConsoleDelivery) => (delivery.target.kind === 'user' ? delivery.target.userRef : `#${delivery.target.channelRef}`);

/** The whole day through the chat: morning post, 残り, 進捗, 振替 (text and form), a doubt, results, re-imports, a cancellation. */
async function playDay(d: DispatchDay): Promise<void> {
  await d.at('08:30');
  const session = d.bot.console!.session;
  for (const worker of ['w02', 'w03', 'w04', 'w05', 'w06']) await session.as(worker).say('残り');
  await session.as('w02').say('残り', { channel: 'bureau' });
  await session.as('w01').say('進捗');
  await session.as('w01').say('進捗', { channel: 'bureau' });
  await session.as('c01').say('全体の状況');
  await session.as('w01').say('振替 0012 w02');
  await session.as('w01').say('進捗');
  await session.pressLabel('振替');
  await session.submit({ order: '20260327-0040', to: 'w03' });
  await session.as('w04').say('疑義 0004 メーターが見当たりません');
  await session.as('w01').pressLabel('受領');
  for (const text of ['0033 名変 完了 指針7760', 'はい', '開いていた']) await session.as('w06').say(text); // 0033 is w06's in the plan
  for (const text of ['0008 不在 開栓 指針6055 パイロット確認', 'はい', '閉栓後に使用の形跡あり', 'なし', '止まった']) await session.as('w04').say(text);
  await session.as('w02').say('0032 閉栓できず 不在で連絡用紙投函');
  await session.as('w05').pressLabel('結果入力', '20260327-0036');
  await d.at('10:00');
  await d.importFile(CHANGES);
  await d.at('10:01');
  await d.ctx.db.write((tx) => tx.workOrder.update({ where: { orderNo: '20260327-0026' }, data: { status: 'cancelled' } }));
  await d.at('10:02');
  await session.as('w04').say('残り');
  await session.as('w01').say('進捗');
}

async function holdersOf(d: DispatchDay): Promise<Map<string, Set<string>>> {
  const moves = await d.ctx.db.read.auditLog.findMany({ where: { action: { in: ['assignment.move', 'assignment.insert', 'assignment.remove'] } } });
  const rows = await d.ctx.db.read.assignment.findMany({ select: { personId: true, workOrder: { select: { orderNo: true } } } });
  const holders = new Map<string, Set<string>>();
  const add = (orderNo: string, personId: unknown) => typeof personId === 'string' && holders.set(orderNo, (holders.get(orderNo) ?? new Set()).add(personId));
  for (const r of rows) add(r.workOrder.orderNo, r.personId);
  for (const m of moves) for (const side of [m.before, m.after]) add(m.entityId!, (JSON.parse(side ?? 'null') as { personId?: string } | null)?.personId);
  return holders;
}

describe('privacy of chat messages', () => {
  it('under the default policy, no customer name, kana, phone or customer number of the sample reaches any message', async () => {
    const d = (day = await dispatchDay({ time: '08:00' }));
    const initial = await holdersOf(d);
    await playDay(d);
    const deliveries = d.bot.console!.adapter.deliveries();
    const recipients = new Set(deliveries.map(recipientOf));
    expect([...recipients].sort()).toEqual(['#bureau', 'c01', 'w01', 'w02', 'w03', 'w04', 'w05', 'w06']);
    // The day really happened: the post, the move, the re-import and the cancellation all reached someone.
    const all = deliveries.map((x) => x.text).join('\n');
    const happened = ['作業者配置・業務責任者', 'の進捗', 'を 見本 三郎 さんから 仮野 次郎 さんに振り替えました', '疑義', '結果を記録しました。'];
    for (const text of [...happened, '作業の変更: 20260327-0005', '作業の追加: 20260327-0041', '作業の日付変更: 20260327-0030', '作業の取消: 20260327-0026']) {
      expect(all).toContain(text);
    }
    expect(initial.get('20260327-0012')).toEqual(new Set(['w04']));
    expect(await d.ctx.db.read.taskResult.count()).toBe(3);
    expect(deliveries.some((x) => x.kind === 'form' && recipientOf(x) === 'w05')).toBe(true);
    const personal = personalValues(SAMPLE_ORDERS, CHANGES);
    expect(personal.length).toBeGreaterThan(160);
    const leaks = deliveries.flatMap((x) => personal.filter((p) => seen(d, x).includes(p.value)).map((p) => `${recipientOf(x)}: ${p.orderNo} ${p.field}`));
    expect(leaks).toEqual([]);
  });

  it('under assignee-contact, names and phones appear only in the assignee’s own messages, kana and customer numbers nowhere', async () => {
    const d = (day = await dispatchDay({ time: '08:00', env: { CHAT_PRIVACY_POLICY: 'assignee-contact' } }));
    await playDay(d);
    const holders = await holdersOf(d);
    const personal = personalValues(SAMPLE_ORDERS, CHANGES);
    const shown: string[] = [];
    const misplaced: string[] = [];
    for (const delivery of d.bot.console!.adapter.deliveries()) {
      for (const p of personal.filter((x) => seen(d, delivery).includes(x.value))) {
        const to = recipientOf(delivery);
        shown.push(`${to}: ${p.orderNo} ${p.field}`);
        // Sample customers share names (山﨑 太郎 on 0002 and 0012): a value is the recipient's if any order carrying it is.
        const sameValue = personal.filter((x) => x.field === p.field && x.value === p.value);
        const allowed = (p.field === 'name' || p.field === 'phone') && sameValue.some((x) => holders.get(x.orderNo)?.has(to));
        if (!allowed) misplaced.push(`${to}: ${p.orderNo} ${p.field}`);
      }
    }
    expect(misplaced).toEqual([]);
    expect(shown.some((s) => s.endsWith(' name'))).toBe(true);
    expect(shown.some((s) => s.endsWith(' phone'))).toBe(true);
    expect(shown.some((s) => s.startsWith('w02: 20260327-0012 name'))).toBe(true);
    const displays = await d.ctx.db.read.auditLog.findMany({ where: { action: 'personalData.displayed', channel: 'chat' } });
    expect(displays.length).toBeGreaterThan(0);
    expect(displays.some((r) => /090-|山﨑/.test(`${r.entityId}${r.after}`))).toBe(false);
  });
});
