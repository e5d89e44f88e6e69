import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import type { ChatTurn } from '../../../src/application/chat/dispatcher.ts';
import type { ChatPerson } from '../../../src/application/chat/ports.ts';
import { combineRoutes, type RouteModule } from '../../../src/application/chat/routes/compose.ts';
import type { FormView, MessageView } from '../../../src/application/chat/view.ts';
import { complaintWorld, jst, seedTeam, type World } from '../../support/complaint-world.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase;
afterEach(async () => temp?.dispose());

const PEOPLE: Record<string, ChatPerson> = {
  c01: { id: 'c01', displayName: '想定 一郎', affiliation: 'bureau', canSupervise: false, isAdmin: false, active: true },
  w01: { id: 'w01', displayName: '架空 太郎', affiliation: 'contractor', canSupervise: true, isAdmin: true, active: true },
  w02: { id: 'w02', displayName: '仮野 次郎', affiliation: 'contractor', canSupervise: false, isAdmin: false, active: true },
  w03: { id: 'w03', displayName: '試験 花子', affiliation: 'contractor', canSupervise: false, isAdmin: false, active: true },
};

interface Sent {
  replies: string[];
  forms: FormView[];
}

function turnOf(personId: string, inChannel: boolean, sent: Sent): ChatTurn {
  return {
    person: PEOPLE[personId]!,
    envelope: { platform: 'slack', eventKey: `e-${Math.random()}`, userRef: `U${personId.toUpperCase()}`, inChannel, receivedAt: new Date(), payload: { type: 'text', text: '' } },
    reply: async (view: MessageView) => void sent.replies.push(view.summary),
    openForm: async (form: FormView) => void sent.forms.push(form),
  };
}

async function say(routes: RouteModule, personId: string, text: string, inChannel = false): Promise<{ handled: boolean; replies: string[] }> {
  const sent: Sent = { replies: [], forms: [] };
  let handled = true;
  const chat = combineRoutes([routes], { handlers: { unknown: async () => void (handled = false) } });
  await chat.text(turnOf(personId, inChannel, sent), text);
  return { handled, replies: sent.replies };
}

async function setup(): Promise<World & { clock: VirtualClock }> {
  temp = await tempDatabase();
  await seedTeam(temp.db);
  const clock = new VirtualClock(jst('2026-01-02', '23:10'));
  const world = await complaintWorld(temp.db, clock);
  return { ...world, clock };
}

describe('complaint chat routes', () => {
  it('takes 苦情 typed in the bureau channel and answers without the address or the customer number', async () => {
    const { routes, platform } = await setup();
    const r = await say(routes, 'c01', '苦情 お客さま番号 1234567890 金沢市広坂1丁目1-1 水が出ない', true);
    expect(r.handled).toBe(true);
    expect(r.replies).toHaveLength(1);
    expect(r.replies[0]).toContain('苦情 #1 を受け付けました');
    expect(r.replies[0]).toContain('時間外当番を呼び出しています (最初: 仮野 次郎)');
    expect(r.replies[0]).not.toMatch(/1234567890|広坂1丁目/u);
    expect(JSON.stringify(platform.posts.filter((p) => p.to === 'CBUREAU'))).not.toMatch(/1234567890|1丁目1-1/u);
    expect(await temp.db.read.complaint.findFirst()).toMatchObject({ kind: 'noWater', via: 'chat', customerNumber: '1234567890', address: '金沢市広坂1丁目1-1' });
  });

  it('refuses 苦情 from a worker in a direct message and asks for an address or customer number', async () => {
    const { routes } = await setup();
    expect((await say(routes, 'w03', '苦情 水が出ない 金沢市広坂1丁目1-1')).replies[0]).toContain('局のチャンネルで');
    expect((await say(routes, 'c01', '苦情 水が出ない')).replies[0]).toContain('住所かお客さま番号が必要です');
    expect(await temp.db.read.complaint.count()).toBe(0);
    expect((await say(routes, 'c01', '今日は暑い')).handled).toBe(false);
  });

  it('当番交代 by a supervisor puts the covering person first for that night; others may not', async () => {
    const { routes, platform } = await setup();
    expect((await say(routes, 'w03', '当番交代 2026-01-02 w04')).replies[0]).toContain('業務責任者か管理者だけ');
    expect((await say(routes, 'w01', '当番交代 あした')).replies[0]).toContain('当番交代の書き方');
    const swap = await say(routes, 'w01', '当番交代 今夜 w04');
    expect(swap.replies[0]).toBe('2026-01-02 の夜の時間外当番: 見本 三郎 → 仮野 次郎 → 試験 花子');
    await say(routes, 'c01', '苦情 水が出ない 金沢市広坂1丁目1-1', true);
    expect(platform.newPosts('UW04', 'complaint:1:page:1:0')).toHaveLength(1);
    expect(await temp.db.read.auditLog.count({ where: { action: 'afterHoursOverride.add', actorId: 'w01' } })).toBe(1);
  });

  it('対応します and 解決報告 from the card', async () => {
    const { routes, clock } = await setup();
    await say(routes, 'c01', '苦情 水が出ない 金沢市広坂1丁目1-1', true);
    const sent: Sent = { replies: [], forms: [] };
    await routes.buttons!['complaint.ack']!(turnOf('w02', false, sent), JSON.stringify({ complaintId: 1 }));
    expect(sent.replies).toEqual(['苦情 #1 を受領しました。呼び出しを止め、業務責任者と局に連絡しました。']);
    await routes.buttons!['complaint.ack']!(turnOf('w03', false, sent), JSON.stringify({ complaintId: 1 }));
    expect(sent.replies[1]).toBe('苦情 #1 を受領・解決できるのは、連絡を受けた人・業務責任者・管理者です。');
    await routes.buttons!['complaint.ack']!(turnOf('w01', false, sent), JSON.stringify({ complaintId: 1 }));
    expect(sent.replies[2]).toBe('苦情 #1 はすでに 仮野 次郎 さんが対応しています。');

    expect(await routes.formOpeners!['complaint.resolve']!(PEOPLE.c01!, JSON.stringify({ complaintId: 1 }))).toBeUndefined();
    const form = (await routes.formOpeners!['complaint.resolve']!(PEOPLE.w02!, JSON.stringify({ complaintId: 1 }))) as FormView | undefined;
    expect(form?.fields.map((f) => f.id)).toEqual(['found', 'done', 'at']);
    clock.set(jst('2026-01-03', '00:20'));
    await routes.forms!['complaint.resolve']!(turnOf('w02', false, sent), form!.state, { found: '止水栓が閉まっていた', done: '開栓して通水確認', at: '00:05' });
    expect(sent.replies[3]).toBe('苦情 #1 の解決報告を記録しました。');
    expect(await temp.db.read.complaint.findFirst()).toMatchObject({
      state: 'resolved',
      findings: '止水栓が閉まっていた',
      actionTaken: '開栓して通水確認',
      resolvedById: 'w02',
      resolvedAt: jst('2026-01-03', '00:05'),
    });
  });
});
